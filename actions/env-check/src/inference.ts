import { PUBLIC_PREFIX, type VariableSchema } from './schema.js';

/**
 * The rule a variable gets from its name alone, when the schema does not say otherwise:
 *
 * - `NEXT_PUBLIC_*`, `VITE_*`, `PUBLIC_*` (and Expo, Nuxt, CRA's prefixes): public.
 * - `STRIPE_SECRET_KEY`, `STRIPE_PUBLISHABLE_KEY`: the Stripe key formats.
 * - `SUPABASE_SERVICE_ROLE_KEY`: a service_role key; `*_ANON_KEY`: an anon key.
 * - `*_URL`, `*_DSN`: a URL; `PORT`: a port.
 * - names with KEY, SECRET, TOKEN or PASSWORD (not public, not publishable or anon), and
 *   database connection URLs: secret.
 */
const SECRET_WORDS = new Set(['KEY', 'SECRET', 'TOKEN', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'PWD', 'CREDENTIALS']);
const PUBLISHED_WORDS = new Set(['PUBLISHABLE', 'ANON', 'PUBLIC']);
const CONNECTION_URL = /(?:^|_)(?:DATABASE|DB|POSTGRES|POSTGRESQL|PG|MYSQL|MONGO|MONGODB|REDIS|KV|DIRECT)(?:_[A-Z0-9]+)*_URL$/;

export function inferRule(name: string): VariableSchema {
  const upper = name.toUpperCase();
  const words = upper.split('_').filter(Boolean);
  const isPublic = PUBLIC_PREFIX.test(upper);
  const secretName = words.some((w) => SECRET_WORDS.has(w)) && !words.some((w) => PUBLISHED_WORDS.has(w));
  return {
    ...typeOf(upper),
    ...(isPublic ? { public: true } : {}),
    ...(!isPublic && (secretName || CONNECTION_URL.test(upper)) ? { secret: true } : {}),
  };
}

function typeOf(name: string): Pick<VariableSchema, 'type'> {
  if (name.endsWith('STRIPE_SECRET_KEY')) return { type: 'stripe-secret-key' };
  if (name.endsWith('STRIPE_PUBLISHABLE_KEY')) return { type: 'stripe-publishable-key' };
  if (name.endsWith('SUPABASE_SERVICE_ROLE_KEY')) return { type: 'supabase-service-role-key' };
  if (name.endsWith('_ANON_KEY')) return { type: 'supabase-anon-key' };
  if (name === 'URL' || name.endsWith('_URL') || name.endsWith('_DSN')) return { type: 'url' };
  if (name === 'PORT') return { type: 'port' };
  return {};
}
