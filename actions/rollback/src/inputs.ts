import { z } from 'zod';
import { DEFAULT_VERCEL_API } from '../../../packages/shared/src/clients/vercel.js';
import { bool, choice, custom, text, url, type InputSpec, type InputsOf } from '../../../packages/shared/src/inputs.js';
import { smokeCheckInputs } from '../../../packages/shared/src/smoke/index.js';
import { parseDuration } from '../../../packages/shared/src/duration.js';

/**
 * rollback's inputs, kebab-case as in rollback/action.yml with the same defaults. The Vercel ones
 * share deploy's names and forms; the smoke check ones are smoke-test's, so the checks after a
 * rollback are configured exactly like the checks after a deploy.
 */
export const DEFAULT_CONFIG_FILE = '.github/deploy-kit.yml';
export const METHODS = ['promote', 'rollback'] as const;
export type Method = (typeof METHODS)[number];
export const MAX_REASON = 200;
const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 3_600_000;

const DEPLOYMENT_ID = /^dpl_[A-Za-z0-9]+$/;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

const noWhitespace = z.string().refine((v) => !/\s/.test(v.trim()), { message: 'contains whitespace' }).transform((v) => v.trim());

/** A token is masked as soon as it is read; a pasted line break is caught here, not by a 403. */
function tokenInput<R extends boolean = false>(expected: string, required?: R): InputSpec<R extends true ? string : string | undefined> {
  return { schema: noWhitespace, expected, secret: true, required };
}

/** Team ids are `team_…`; personal account ids and project ids/names are letters, digits, `_`, `-`, `.`. */
function idInput<R extends boolean = false>(expected: string, required?: R): InputSpec<R extends true ? string : string | undefined> {
  return { schema: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'is not a Vercel id'), expected, required };
}

/**
 * `to`: a deployment id, or its URL with or without the scheme. Vercel's GET /v13/deployments/{idOrUrl}
 * takes either the id or the hostname (https://vercel.com/docs/rest-api/deployments/get-a-deployment-by-id-or-url),
 * so a URL is reduced to its hostname.
 */
export function deploymentRef(value: string): string | undefined {
  const trimmed = value.trim();
  if (DEPLOYMENT_ID.test(trimmed)) return trimmed;
  let host: string | undefined;
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      host = new URL(trimmed).hostname;
    } catch {
      return undefined;
    }
  } else {
    host = trimmed.replace(/[/?#].*$/, '');
  }
  host = host.toLowerCase();
  return HOSTNAME.test(host) ? host : undefined;
}

const target = custom(
  z.string().transform((v, ctx) => {
    const ref = deploymentRef(v);
    if (ref) return ref;
    ctx.addIssue({ code: 'custom', message: 'is not a deployment id or URL' });
    return z.NEVER;
  }),
  'a deployment id (dpl_…) or its URL (https://….vercel.app), from the project\'s Deployments page',
);

const reason = custom(
  z
    .string()
    .trim()
    .refine((v) => !/[\r\n]/.test(v), { message: 'is not a single line' })
    .refine((v) => v.length <= MAX_REASON, { message: `is longer than ${MAX_REASON} characters` }),
  `one line of at most ${MAX_REASON} characters, e.g. "Checkout answers 500 since the last deploy"`,
);

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
  expected: 'a duration from 1s to 1h, e.g. 5m, 90s (a bare number is minutes)',
  default: '5m',
};

export const rollbackInputs = {
  'vercel-token': tokenInput('a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}', true),
  'vercel-org-id': idInput('the team id (team_…) or personal account id owning the project: the orgId of .vercel/project.json'),
  'vercel-project-id': idInput('the project id (prj_…) or name: the projectId of .vercel/project.json', true),
  'api-url': url({ default: DEFAULT_VERCEL_API }),
  to: target,
  reason,
  method: choice(METHODS, { default: 'promote' }),
  'dry-run': bool(false),
  timeout,
  'github-deployment': bool(false),
  'github-token': tokenInput('a GitHub token, e.g. ${{ github.token }}'),
  'smoke-test': bool(true),
  url: url(),
  ...smokeCheckInputs,
  config: text({ default: DEFAULT_CONFIG_FILE }, 'a path to the deploy-kit config file, e.g. .github/deploy-kit.yml'),
};

export type RollbackInputs = InputsOf<typeof rollbackInputs>;
