import { z } from 'zod';
import { DEFAULT_VERCEL_API, vercelOrgId, vercelProjectId, vercelToken } from '../../../packages/shared/src/clients/vercel.js';
import { SUPERSEDED_CHOICES } from './serving.js';
import { bool, choice, configFile, duration, list, text, token, url, type InputSpec } from '../../../packages/shared/src/inputs.js';

/**
 * deploy's inputs, kebab-case as in deploy/action.yml, with the same defaults. `vercel-token` is
 * not `required` here on purpose: a fork pull request gets no secrets and must be skipped with a
 * notice, so main() checks for the token after the fork check.
 */
export const ENVIRONMENTS = ['preview', 'production'] as const;
export const PLACEHOLDERS = ['PR_NUMBER', 'BRANCH'] as const;

/** A path inside the working directory: relative, forward slashes, no `..`. */
const rootDirectory: InputSpec<string | undefined> = {
  schema: z
    .string()
    .trim()
    .transform((v) => v.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, ''))
    .refine((v) => !v.startsWith('/') && !/^[A-Za-z]:/.test(v), { message: 'is an absolute path' })
    .refine((v) => !v.split('/').includes('..'), { message: 'leaves the working directory' }),
  expected: "a directory relative to 'working-directory', e.g. apps/web",
};

/** A domain, possibly with {{PR_NUMBER}} / {{BRANCH}}: the placeholders are filled (and slugified) at run time. */
const aliasItem = {
  schema: z
    .string()
    .transform((v) => v.toLowerCase())
    .refine((v) => [...v.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]!.toUpperCase())), {
      message: 'uses an unknown placeholder',
    })
    .refine((v) => /^[a-z0-9.-]+$/.test(v.replace(/\{\{\s*[a-z_]+\s*\}\}/g, 'x')), { message: 'is not a domain name' }),
  expected: 'domain names, e.g. pr-{{PR_NUMBER}}.example.com or {{BRANCH}}.preview.example.com',
};

const timeout = duration({ minMs: 1000, maxMs: 6 * 3_600_000, default: '30m', example: '30m, 90s or 1h' });

export const deployInputs = {
  'vercel-token': vercelToken(),
  'vercel-org-id': vercelOrgId(),
  'vercel-project-id': vercelProjectId(),
  environment: choice(ENVIRONMENTS, { default: 'preview' }),
  prebuilt: bool(false),
  'working-directory': text({ default: '.' }, 'a directory of the repository, e.g. apps/web'),
  'root-directory': rootDirectory,
  alias: list({}, aliasItem),
  'github-deployment': bool(false),
  'github-token': token('a GitHub token, e.g. ${{ github.token }}'),
  timeout,
  'if-superseded': choice(SUPERSEDED_CHOICES, { default: 'fail' }),
  'api-url': url({ default: DEFAULT_VERCEL_API }),
  config: configFile(),
};

export type DeployInputs = {
  [K in keyof typeof deployInputs]: (typeof deployInputs)[K] extends InputSpec<infer T> ? T : never;
};
