import { jwtPayload } from '../../../packages/shared/src/secret-rules/rules.js';
import type { Environment } from './schema.js';
import { invalid, ok, warn, type Verdict } from './verdict.js';

/**
 * Key formats from the vendors' documentation:
 * - Stripe: `sk_live_` / `sk_test_` secret keys, `rk_` restricted keys, `pk_` publishable keys —
 *   https://docs.stripe.com/keys. Live keys belong in production only; test keys never there.
 * - Supabase: the legacy anon and service_role keys are JWTs whose `role` claim says which; the
 *   new API keys are `sb_publishable_…` and `sb_secret_…` — https://supabase.com/docs/guides/api/api-keys
 */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export function decodeJwt(value: string): DecodedJwt | undefined {
  if (!JWT.test(value)) return undefined;
  const [header, payload] = value.split('.');
  const decodedHeader = jwtPayload(header!);
  const decodedPayload = jwtPayload(payload!);
  return decodedHeader && decodedPayload ? { header: decodedHeader, payload: decodedPayload } : undefined;
}

/** A JWT with the given claims (e.g. `role: anon`), not expired. */
export function checkJwt(value: string, claims: Record<string, unknown> = {}, now = Date.now()): Verdict {
  const jwt = decodeJwt(value);
  if (!jwt) return invalid('is not a JWT (three base64url parts: header.payload.signature, header and payload JSON)');
  for (const [claim, expected] of Object.entries(claims)) {
    const actual = jwt.payload[claim];
    if (actual === undefined) return invalid(`is a JWT without the claim ${claim} (expected ${claim}: ${String(expected)})`);
    if (String(actual) !== String(expected)) return invalid(`is a JWT whose ${claim} is ${shownClaim(actual)}, expected ${JSON.stringify(String(expected))}`);
  }
  const exp = jwt.payload['exp'];
  if (typeof exp === 'number' && exp * 1000 < now) return invalid(`is a JWT that expired on ${new Date(exp * 1000).toISOString().slice(0, 10)}`);
  const described = Object.keys(claims).map((c) => `${c} ${String(jwt.payload[c])}`).join(', ');
  return ok(`a JWT${described ? ` (${described})` : ''}`);
}

/** A claim's value as a message shows it: whatever the token carries there, at most 40 characters of it. */
function shownClaim(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
}

const STRIPE_SECRET = /^(sk|rk)_(live|test)_[A-Za-z0-9]{16,247}$/;
const STRIPE_PUBLISHABLE = /^pk_(live|test)_[A-Za-z0-9]{16,247}$/;

export function checkStripeSecretKey(value: string, environment: Environment): Verdict {
  const match = STRIPE_SECRET.exec(value);
  if (!match) {
    if (/^pk_(live|test)_/.test(value)) return invalid('is a publishable key (pk_…): a secret key starts with sk_live_ or sk_test_');
    return invalid('is not a Stripe secret key: expected sk_live_… or sk_test_… (or a restricted rk_… key)');
  }
  return stripeMode(`${match[1]}_${match[2]}_`, match[2] as 'live' | 'test', environment, match[1] === 'rk' ? 'restricted key' : 'secret key');
}

export function checkStripePublishableKey(value: string, environment: Environment): Verdict {
  const match = STRIPE_PUBLISHABLE.exec(value);
  if (!match) {
    if (/^[sr]k_(live|test)_/.test(value)) return invalid('is a Stripe secret key, not a publishable key (pk_…)');
    return invalid('is not a Stripe publishable key: expected pk_live_… or pk_test_…');
  }
  return stripeMode(`pk_${match[1]}_`, match[1] as 'live' | 'test', environment, 'publishable key');
}

/** Live keys in production, test keys elsewhere: a test key in production fails, a live key in a preview warns. */
function stripeMode(prefix: string, mode: 'live' | 'test', environment: Environment, kind: string): Verdict {
  if (environment === 'production' && mode === 'test') return invalid(`is a test-mode ${kind} (${prefix}) in production: use the live key (${prefix.replace('test', 'live')})`);
  if (environment !== 'production' && mode === 'live') return warn(`is a live-mode ${kind} (${prefix}) in ${environment}: it acts on real payments; use the test key (${prefix.replace('live', 'test')})`);
  return ok(`a ${mode}-mode Stripe ${kind} (${prefix})`);
}

const SB_PUBLISHABLE = /^sb_publishable_[A-Za-z0-9_-]{16,}$/;
const SB_SECRET = /^sb_secret_[A-Za-z0-9_-]{16,}$/;

export function checkSupabaseAnonKey(value: string): Verdict {
  if (SB_PUBLISHABLE.test(value)) return ok('a Supabase publishable key (sb_publishable_)');
  if (SB_SECRET.test(value)) return invalid('is a Supabase secret key (sb_secret_), not the anon/publishable key');
  const verdict = checkJwt(value, { role: 'anon' });
  if (verdict.status === 'ok') return ok('a Supabase anon key (JWT, role anon)');
  if (decodeJwt(value)?.payload['role'] === 'service_role') return invalid('is the service_role key, not the anon key');
  return decodeJwt(value) ? verdict : invalid('is not a Supabase anon key: expected a JWT whose role is anon, or an sb_publishable_ key');
}

export function checkSupabaseServiceRoleKey(value: string): Verdict {
  if (SB_SECRET.test(value)) return ok('a Supabase secret key (sb_secret_)');
  if (SB_PUBLISHABLE.test(value)) return invalid('is a Supabase publishable key (sb_publishable_), not the service_role/secret key');
  const verdict = checkJwt(value, { role: 'service_role' });
  if (verdict.status === 'ok') return ok('a Supabase service_role key (JWT, role service_role)');
  return decodeJwt(value) ? verdict : invalid('is not a Supabase service_role key: expected a JWT whose role is service_role, or an sb_secret_ key');
}
