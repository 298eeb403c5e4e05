import { z } from 'zod';
import { ENVIRONMENTS } from './inputs.js';

export type { Environment } from './inputs.js';

/**
 * The `env:` section of .github/deploy-kit.yml: a rule per environment variable.
 *
 * ```yaml
 * env:
 *   variables:
 *     ENCRYPTION_MASTER_KEY: { type: hex, length: 64, secret: true }
 *     STRIPE_SECRET_KEY: { type: stripe-secret-key, secret: true }
 *     NEXT_PUBLIC_SUPABASE_URL: { type: url, protocols: [https] }
 *     SENTRY_DSN: { type: url, required: [production] }
 * ```
 *
 * Each option belongs to one type (`length` to hex, `protocols` to url, ...): an option given
 * with another type is a mistake named with its key path and line, not silently ignored.
 */

export const VARIABLE_TYPES = [
  'string', 'url', 'email', 'integer', 'port', 'boolean', 'enum', 'hex', 'base64', 'jwt',
  'stripe-secret-key', 'stripe-publishable-key', 'supabase-anon-key', 'supabase-service-role-key',
] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

/** The options each type takes; every other type takes none. */
export const TYPE_OPTIONS: Partial<Record<VariableType, readonly OptionName[]>> = {
  string: ['min-length', 'max-length', 'pattern'],
  url: ['protocols'],
  integer: ['min', 'max'],
  enum: ['values'],
  hex: ['length'],
  base64: ['bytes'],
  jwt: ['claims'],
};

/** Names as shells and dotenv accept them. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Prefixes that frameworks inline into the browser bundle (Next.js, Vite, SvelteKit/Astro, Expo, Nuxt, CRA). */
export const PUBLIC_PREFIX = /^(?:NEXT_PUBLIC_|VITE_|PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|REACT_APP_)/;

const count = z.int().min(0);
const options = {
  'min-length': count.optional(),
  'max-length': count.optional(),
  pattern: z.string().min(1).optional(),
  protocols: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:?$/, 'is not a URL scheme such as https or postgres')).min(1).optional(),
  min: z.int().optional(),
  max: z.int().optional(),
  values: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(1).optional(),
  length: z.int().min(1).optional(),
  bytes: z.int().min(1).optional(),
  claims: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
};
type OptionName = keyof typeof options;

const required = z.union([z.boolean(), z.array(z.enum(ENVIRONMENTS)).min(1)], {
  error: 'must be true, false or a list of environments: production, preview, development',
});

export const variableSchema = z
  .strictObject({
    type: z.enum(VARIABLE_TYPES).optional(),
    required: required.optional(),
    secret: z.boolean().optional(),
    public: z.boolean().optional(),
    description: z.string().optional(),
    ...options,
  })
  .superRefine((rule, ctx) => {
    const type = rule.type ?? 'string';
    const allowed = TYPE_OPTIONS[type] ?? [];
    for (const option of Object.keys(options) as OptionName[]) {
      if (rule[option] === undefined || allowed.includes(option)) continue;
      const owners = Object.entries(TYPE_OPTIONS).filter(([, names]) => names.includes(option)).map(([t]) => t);
      ctx.addIssue({ code: 'custom', path: [option], message: `applies to type ${owners.join(' or ')}, not ${type}` });
    }
    if (type === 'enum' && !rule.values) ctx.addIssue({ code: 'custom', path: ['values'], message: 'is required for type enum: list the allowed values' });
    if (rule.pattern !== undefined && !compiles(rule.pattern)) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'is not a valid regular expression' });
    if (rule.secret && rule.public) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a variable cannot be both secret and public: a public one is shipped to every browser' });
    rangeIssue(ctx, rule['min-length'], rule['max-length'], 'max-length', 'min-length');
    rangeIssue(ctx, rule.min, rule.max, 'max', 'min');
  });
export type VariableSchema = z.infer<typeof variableSchema>;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function rangeIssue(ctx: z.RefinementCtx, low: number | undefined, high: number | undefined, key: string, lowKey: string): void {
  if (low !== undefined && high !== undefined && high < low) ctx.addIssue({ code: 'custom', path: [key], message: `is less than ${lowKey}` });
}

/** `NAME:` with nothing after it (YAML null) is a variable with the default rule. */
const entry = z.preprocess((value) => value ?? {}, variableSchema);

export const envConfigSchema = z
  .strictObject({
    variables: z.record(z.string(), entry).optional(),
  })
  .superRefine((config, ctx) => {
    for (const [name, rule] of Object.entries(config.variables ?? {})) {
      if (!VARIABLE_NAME.test(name)) {
        ctx.addIssue({ code: 'custom', path: ['variables', name], message: 'is not an environment variable name: letters, digits and _, not starting with a digit' });
      } else if (rule.secret && PUBLIC_PREFIX.test(name)) {
        const prefix = PUBLIC_PREFIX.exec(name)![0];
        ctx.addIssue({ code: 'custom', path: ['variables', name, 'secret'], message: `a ${prefix} variable is shipped to every browser and cannot be secret: rename it without ${prefix}` });
      }
    }
  });
export type EnvConfig = z.infer<typeof envConfigSchema>;
