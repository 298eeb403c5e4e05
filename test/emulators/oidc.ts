import { startEmulator, type Emulator } from './server.js';

/**
 * The runner's OIDC token endpoint, as a job granted `id-token: write` sees it: a GET of
 * ACTIONS_ID_TOKEN_REQUEST_URL (with `&audience=…`) authorised by `bearer
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answering `{ "value": "<JWT>" }` — the contract @actions/core's
 * getIDToken reads (node_modules/@actions/core/lib/oidc-utils.js) and
 * https://docs.github.com/en/actions/reference/security/oidc documents, including the claims
 * job_workflow_ref (`owner/repo/.github/workflows/file.yml@ref`) and job_workflow_sha that tell a
 * reusable workflow the commit it was called at. The JWT is unsigned here: the workflows only
 * read its claims.
 */
export interface OidcEmulator extends Emulator {
  /** The environment a job with `id-token: write` gets. */
  env: Record<string, string>;
  audiences: string[];
}

export async function startOidcEmulator(claims: { workflowRef: string; workflowSha: string }): Promise<OidcEmulator> {
  const requestToken = 'oidc-request-token-emulated-0001';
  const audiences: string[] = [];
  const server = await startEmulator({
    'GET /token': (req) => {
      if (req.headers.authorization !== `bearer ${requestToken}`) return { status: 401, body: { message: 'Bad credentials' } };
      audiences.push(req.query.get('audience') ?? '');
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const payload = { aud: req.query.get('audience'), iss: 'https://token.actions.githubusercontent.com', job_workflow_ref: claims.workflowRef, job_workflow_sha: claims.workflowSha };
      return { body: { value: `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.` } };
    },
  });
  return Object.assign(server, {
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    audiences,
  });
}
