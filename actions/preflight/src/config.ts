import { z } from 'zod';
import { configSection, type LoadedConfig } from '../../../packages/shared/src/config.js';
import { CHECK_IDS } from './checks.js';
import { AUDIT_LEVELS, AUDIT_UNAVAILABLE, CONSOLE_METHODS, FAIL_ON, INSTALL_MODES, TODO_POLICIES } from './inputs.js';

/**
 * The `preflight:` section of .github/deploy-kit.yml. Keys that share a name with an input
 * take the same values (the input wins when both are set); the rest are structured settings
 * only the file can hold: script names, exempt globs, the secret allowlist, audit exceptions.
 */
const names = z.array(z.string().min(1));
/** A YAML list, or one comma-separated string like an input's. */
const listOf = <T extends string>(item: z.ZodType<T>) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item));

const scriptNames = z.union([z.string().min(1).transform((v) => [v]), names.min(1)], {
  error: 'expected a script name, or a list of names tried in order',
});

const secretAllowEntry = z
  .strictObject({ rule: z.string().min(1).optional(), path: z.string().min(1).optional(), value: z.string().min(1).optional() })
  .refine((e) => e.rule !== undefined || e.path !== undefined || e.value !== undefined, { message: 'give at least one of rule, path or value' });

export const preflightConfigSchema = z.strictObject({
  checks: listOf(z.enum([...CHECK_IDS, 'all'])).optional(),
  'required-checks': listOf(z.enum(CHECK_IDS)).optional(),
  install: z.union([z.enum(INSTALL_MODES), z.boolean().transform((v) => (v ? 'true' : 'false') as 'true' | 'false')]).optional(),
  'console-allow': listOf(z.enum(CONSOLE_METHODS)).optional(),
  'todo-policy': z.enum(TODO_POLICIES).optional(),
  'audit-level': z.enum(AUDIT_LEVELS).optional(),
  'audit-unavailable': z.enum(AUDIT_UNAVAILABLE).optional(),
  'fail-on': z.enum(FAIL_ON).optional(),
  /** package.json script names per check, tried in order. */
  scripts: z
    .strictObject({ lint: scriptNames.optional(), 'type-check': scriptNames.optional(), build: scriptNames.optional(), test: scriptNames.optional() })
    .optional(),
  /** Globs (relative to the working directory) the source scan skips, added to its defaults. */
  exempt: names.optional(),
  'secret-allowlist': z.array(secretAllowEntry).optional(),
  /** Advisory ids (GHSA-…, CVE-…, or the registry's number) accepted for now. */
  'audit-ignore': z.array(z.union([z.string().min(1), z.number().transform(String)])).optional(),
  /** Audit devDependencies too (they are left out by default: they do not ship). */
  'audit-dev-dependencies': z.boolean().optional(),
  /** Committed env files that may hold values, e.g. a `.env` of non-secret defaults. */
  'env-files-allow': names.optional(),
});

export type PreflightConfig = z.output<typeof preflightConfigSchema>;

export function preflightConfig(config: LoadedConfig): PreflightConfig {
  return configSection(config, 'preflight', preflightConfigSchema);
}
