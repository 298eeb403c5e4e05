import { DEFAULT_VERCEL_API, requiredVercelToken, vercelOrgId, vercelProjectId } from '../../../packages/shared/src/clients/vercel/inputs.js';
import { SUPERSEDED_CHOICES } from './serving.js';
import { bool, checkedText, choice, configFile, duration, list, relativePath, text, token, url, type InputSpec, type ListItem } from '../../../packages/shared/src/inputs.js';

/**
 * deploy's inputs, kebab-case as in deploy/action.yml, with the same defaults. A pull request from
 * a fork, which gets no token, is skipped before they are read (`skipOnFork` in action.ts).
 */
export const ENVIRONMENTS = ['preview', 'production'] as const;
export const PLACEHOLDERS = ['PR_NUMBER', 'BRANCH'] as const;

/** A path inside the working directory: relative, forward slashes, no `..`. */
const rootDirectory: InputSpec<string | undefined> = {
  parse: relativePath,
  expected: "a directory relative to 'working-directory', e.g. apps/web",
};

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;
/** A domain, possibly with {{PR_NUMBER}} / {{BRANCH}}: the placeholders are filled (and slugified) at run time. */
const aliasItem: ListItem = {
  parse: checkedText(
    [
      [(v) => [...v.matchAll(PLACEHOLDER)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]!.toUpperCase())), 'uses an unknown placeholder'],
      [(v) => /^[a-z0-9.-]+$/.test(v.replace(PLACEHOLDER, 'x')), 'is not a domain name'],
    ],
    (v) => v.toLowerCase(),
  ),
  expected: 'domain names, e.g. pr-{{PR_NUMBER}}.example.com or {{BRANCH}}.preview.example.com',
};

const timeout = duration({ minMs: 1000, maxMs: 6 * 3_600_000, default: '30m', example: '30m, 90s or 1h' });

export const deployInputs = {
  'vercel-token': requiredVercelToken(),
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
