import { z } from 'zod';
import { DEFAULT_VERCEL_API } from '../../../packages/shared/src/clients/vercel.js';
import { bool, choice, list, text, url, type InputSpec } from '../../../packages/shared/src/inputs.js';
import { parseDuration } from '../../../packages/shared/src/duration.js';

/**
 * deploy's inputs, kebab-case as in deploy/action.yml, with the same defaults. `vercel-token` is
 * not `required` here on purpose: a fork pull request gets no secrets and must be skipped with a
 * notice, so main() checks for the token after the fork check.
 */
export const DEFAULT_CONFIG_FILE = '.github/deploy-kit.yml';
export const ENVIRONMENTS = ['preview', 'production'] as const;
export const PLACEHOLDERS = ['PR_NUMBER', 'BRANCH'] as const;
const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 6 * 3_600_000;

const noWhitespace = z.string().refine((v) => !/\s/.test(v.trim()), { message: 'contains whitespace' }).transform((v) => v.trim());

/** A token is masked as soon as it is read; a pasted line break is caught here, not by a 403. */
function tokenInput(expected: string): InputSpec<string | undefined> {
  return { schema: noWhitespace, expected, secret: true };
}

/** Team ids are `team_…`; personal account ids and project ids/names are letters, digits, `_`, `-`, `.`. */
function idInput(expected: string): InputSpec<string | undefined> {
  return {
    schema: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'is not a Vercel id'),
    expected,
  };
}

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

const timeout: InputSpec<number> = {
  schema: z.string().transform((v, ctx) => {
    const ms = parseDuration(v);
    const problem = ms === undefined ? 'is not a duration' : ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS ? 'is out of range' : undefined;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return ms!;
  }),
  expected: 'a duration from 1s to 6h, e.g. 30m, 90s or 1h (a bare number is minutes)',
  default: '30m',
};

export const deployInputs = {
  'vercel-token': tokenInput('a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}'),
  'vercel-org-id': idInput("the team id (team_…) or personal account id owning the project: the orgId of .vercel/project.json"),
  'vercel-project-id': idInput('the project id (prj_…) or name: the projectId of .vercel/project.json'),
  environment: choice(ENVIRONMENTS, { default: 'preview' }),
  prebuilt: bool(false),
  'working-directory': text({ default: '.' }, 'a directory of the repository, e.g. apps/web'),
  'root-directory': rootDirectory,
  alias: list({}, aliasItem),
  'github-deployment': bool(false),
  'github-token': tokenInput('a GitHub token, e.g. ${{ github.token }}'),
  timeout,
  'api-url': url({ default: DEFAULT_VERCEL_API }),
  config: text({ default: DEFAULT_CONFIG_FILE }, 'a path to the deploy-kit config file, e.g. .github/deploy-kit.yml'),
};

export type DeployInputs = {
  [K in keyof typeof deployInputs]: (typeof deployInputs)[K] extends InputSpec<infer T> ? T : never;
};
