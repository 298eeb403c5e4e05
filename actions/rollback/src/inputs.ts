import { DEFAULT_VERCEL_API, requiredVercelProjectId, requiredVercelToken, vercelOrgId } from '../../../packages/shared/src/clients/vercel/inputs.js';
import { bool, checkedText, choice, configFile, custom, duration, invalid, token, url, valid, type InputsOf } from '../../../packages/shared/src/inputs.js';
import { smokeCheckInputs } from '../../../packages/shared/src/smoke/inputs.js';

/**
 * rollback's inputs, kebab-case as in rollback/action.yml with the same defaults. The Vercel ones
 * share deploy's names and forms; the smoke check ones are smoke-test's, so the checks after a
 * rollback are configured exactly like the checks after a deploy.
 */
export const METHODS = ['promote', 'rollback'] as const;
export type Method = (typeof METHODS)[number];
export const MAX_REASON = 200;

const DEPLOYMENT_ID = /^dpl_[A-Za-z0-9]+$/;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

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
  (raw) => {
    const ref = deploymentRef(raw);
    return ref ? valid(ref) : invalid('is not a deployment id or URL');
  },
  'a deployment id (dpl_…) or its URL (https://….vercel.app), from the project\'s Deployments page',
);

const reason = custom(
  checkedText([
    [(v) => !/[\r\n]/.test(v), 'is not a single line'],
    [(v) => v.length <= MAX_REASON, `is longer than ${MAX_REASON} characters`],
  ]),
  `one line of at most ${MAX_REASON} characters, e.g. "Checkout answers 500 since the last deploy"`,
);

const timeout = duration({ minMs: 1000, maxMs: 3_600_000, default: '5m', example: '5m, 90s' });

export const rollbackInputs = {
  'vercel-token': requiredVercelToken(),
  'vercel-org-id': vercelOrgId(),
  'vercel-project-id': requiredVercelProjectId(),
  'api-url': url({ default: DEFAULT_VERCEL_API }),
  to: target,
  from: target,
  reason,
  method: choice(METHODS, { default: 'promote' }),
  'dry-run': bool(false),
  timeout,
  'github-deployment': bool(false),
  'github-token': token('a GitHub token, e.g. ${{ github.token }}'),
  'smoke-test': bool(true),
  url: url(),
  ...smokeCheckInputs,
  config: configFile(),
};

export type RollbackInputs = InputsOf<typeof rollbackInputs>;
