import { startEmulator, type Emulator, type RecordedRequest, type Reply } from './server.js';

/**
 * An emulator of the GitHub REST API endpoints deploy-kit uses, following the documented
 * contract (https://docs.github.com/en/rest, paths as in @octokit/openapi's api.github.com spec).
 * State lives in memory; `deny` makes an endpoint family answer 403 like a read-only token does.
 */
export interface GitHubState {
  comments: { id: number; issue: number; body: string; user: { login: string } }[];
  checkRuns: { id: number; name: string; head_sha: string; conclusion?: string; output: { title?: string; summary?: string; annotations: unknown[] }; annotationsReceived: number }[];
  /** Workflow runs by id: when each was created (dispatched). */
  runs: Map<string, { created_at: string }>;
  deployments: { id: number; ref: string; environment: string; sha: string; payload: unknown; transient_environment?: boolean; production_environment?: boolean; statuses: { state: string; environment_url?: string; log_url?: string; description?: string }[] }[];
}

export interface GitHubEmulator extends Emulator {
  state: GitHubState;
  /** Endpoint families answering 403 "Resource not accessible by integration". */
  deny: Set<'checks' | 'comments' | 'deployments'>;
}

const FORBIDDEN: Reply = {
  status: 403,
  body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
};

function requireAuth(req: RecordedRequest): Reply | undefined {
  return /^(token|bearer) \S+/i.test(req.headers.authorization ?? '') ? undefined : { status: 401, body: { message: 'Requires authentication' } };
}

function body(req: RecordedRequest): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

export async function startGitHubEmulator(options: { commentsPerPage?: number } = {}): Promise<GitHubEmulator> {
  const state: GitHubState = { comments: [], checkRuns: [], deployments: [], runs: new Map() };
  const deny = new Set<'checks' | 'comments' | 'deployments'>();
  let nextId = 1000;
  let url = '';
  const guard = (family: 'checks' | 'comments' | 'deployments', req: RecordedRequest) => requireAuth(req) ?? (deny.has(family) ? FORBIDDEN : undefined);

  const emulator = await startEmulator({
    // GET /repos/{owner}/{repo}/issues/{issue_number}/comments — paginated with a Link header
    // (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
    'GET /repos/:owner/:repo/issues/:number/comments': (req, p) => {
      const denied = requireAuth(req);
      if (denied) return denied;
      const perPage = Math.min(Number(req.query.get('per_page') ?? 30), options.commentsPerPage ?? 100);
      const page = Number(req.query.get('page') ?? 1);
      const all = state.comments.filter((c) => c.issue === Number(p['number']));
      const pages = Math.max(1, Math.ceil(all.length / perPage));
      const next = page < pages ? `<${url}${req.path}?per_page=${perPage}&page=${page + 1}>; rel="next", <${url}${req.path}?per_page=${perPage}&page=${pages}>; rel="last"` : undefined;
      return { body: all.slice((page - 1) * perPage, page * perPage), headers: next ? { link: next } : {} };
    },
    // POST /repos/{owner}/{repo}/issues/{issue_number}/comments (https://docs.github.com/en/rest/issues/comments#create-an-issue-comment)
    'POST /repos/:owner/:repo/issues/:number/comments': (req, p) => {
      const denied = guard('comments', req);
      if (denied) return denied;
      const text = body(req)['body'];
      if (typeof text !== 'string' || text.length > 65536) return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'body', code: 'invalid' }] } };
      const comment = { id: nextId++, issue: Number(p['number']), body: text, user: { login: 'github-actions[bot]' } };
      state.comments.push(comment);
      return { status: 201, body: comment };
    },
    // PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} (https://docs.github.com/en/rest/issues/comments#update-an-issue-comment)
    'PATCH /repos/:owner/:repo/issues/comments/:id': (req, p) => {
      const denied = guard('comments', req);
      if (denied) return denied;
      const comment = state.comments.find((c) => c.id === Number(p['id']));
      if (!comment) return { status: 404, body: { message: 'Not Found' } };
      const text = body(req)['body'];
      // The same limit as on create: a body over 65,536 characters is refused.
      if (typeof text !== 'string' || text.length > 65536) return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'body', code: 'invalid' }] } };
      comment.body = text;
      return { body: comment };
    },
    // POST /repos/{owner}/{repo}/check-runs (https://docs.github.com/en/rest/checks/runs#create-a-check-run):
    // "The Checks API limits the number of annotations to a maximum of 50 per API request."
    'POST /repos/:owner/:repo/check-runs': (req) => {
      const denied = guard('checks', req);
      if (denied) return denied;
      const b = body(req) as { name?: string; head_sha?: string; conclusion?: string; output?: { title?: string; summary?: string; annotations?: unknown[] } };
      const invalid = checkRunInvalid(b.output?.annotations) ?? (!b.name || !b.head_sha ? 'name and head_sha are required' : undefined);
      if (invalid) return { status: 422, body: { message: 'Validation Failed', errors: [invalid] } };
      const run = { id: nextId++, name: b.name!, head_sha: b.head_sha!, conclusion: b.conclusion, output: { title: b.output?.title, summary: b.output?.summary, annotations: [...(b.output?.annotations ?? [])] }, annotationsReceived: b.output?.annotations?.length ?? 0 };
      state.checkRuns.push(run);
      return { status: 201, body: { id: run.id, name: run.name, head_sha: run.head_sha, html_url: `${url}/checks/${run.id}` } };
    },
    // PATCH /repos/{owner}/{repo}/check-runs/{check_run_id} (https://docs.github.com/en/rest/checks/runs#update-a-check-run)
    'PATCH /repos/:owner/:repo/check-runs/:id': (req, p) => {
      const denied = guard('checks', req);
      if (denied) return denied;
      const run = state.checkRuns.find((r) => r.id === Number(p['id']));
      if (!run) return { status: 404, body: { message: 'Not Found' } };
      const output = (body(req) as { output?: { annotations?: unknown[] } }).output;
      const invalid = checkRunInvalid(output?.annotations);
      if (invalid) return { status: 422, body: { message: 'Validation Failed', errors: [invalid] } };
      run.output.annotations.push(...(output?.annotations ?? []));
      run.annotationsReceived += output?.annotations?.length ?? 0;
      return { body: { id: run.id, html_url: `${url}/checks/${run.id}` } };
    },
    // POST /repos/{owner}/{repo}/deployments (https://docs.github.com/en/rest/deployments/deployments#create-a-deployment)
    'POST /repos/:owner/:repo/deployments': (req) => {
      const denied = guard('deployments', req);
      if (denied) return denied;
      const b = body(req) as { ref?: string; environment?: string; payload?: unknown; transient_environment?: boolean; production_environment?: boolean; sha?: string };
      if (!b.ref) return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'ref', code: 'missing_field' }] } };
      const deployment = { id: nextId++, ref: b.ref, sha: b.sha ?? b.ref, environment: b.environment ?? 'production', payload: b.payload ?? {}, transient_environment: b.transient_environment, production_environment: b.production_environment, statuses: [] };
      state.deployments.push(deployment);
      return { status: 201, body: { id: deployment.id, ref: deployment.ref, sha: deployment.sha, environment: deployment.environment, url: `${url}/repos/o/r/deployments/${deployment.id}` } };
    },
    // GET /repos/{owner}/{repo}/actions/runs/{run_id} (https://docs.github.com/en/rest/actions/workflow-runs#get-a-workflow-run):
    // `created_at` is when the run was created — for workflow_dispatch, when it was dispatched.
    'GET /repos/:owner/:repo/actions/runs/:id': (req, p) => {
      const denied = requireAuth(req);
      if (denied) return denied;
      const run = state.runs.get(p['id']!);
      if (!run) return { status: 404, body: { message: 'Not Found' } };
      return { body: { id: Number(p['id']), status: 'in_progress', created_at: run.created_at, run_started_at: new Date().toISOString() } };
    },
    // GET /repos/{owner}/{repo}/deployments (https://docs.github.com/en/rest/deployments/deployments#list-deployments)
    'GET /repos/:owner/:repo/deployments': (req) => {
      const env = req.query.get('environment');
      return { body: state.deployments.filter((d) => !env || d.environment === env).reverse().map((d) => ({ id: d.id, ref: d.ref, sha: d.sha, environment: d.environment })) };
    },
    // POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses (https://docs.github.com/en/rest/deployments/statuses#create-a-deployment-status)
    'POST /repos/:owner/:repo/deployments/:id/statuses': (req, p) => {
      const denied = guard('deployments', req);
      if (denied) return denied;
      const deployment = state.deployments.find((d) => d.id === Number(p['id']));
      if (!deployment) return { status: 404, body: { message: 'Not Found' } };
      const b = body(req) as { state?: string; environment_url?: string; log_url?: string; description?: string };
      const states = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
      if (!b.state || !states.includes(b.state)) return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'state', code: 'invalid' }] } };
      if (b.description && b.description.length > 140) return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'description', code: 'too_long' }] } };
      deployment.statuses.push({ state: b.state, environment_url: b.environment_url, log_url: b.log_url, description: b.description });
      return { status: 201, body: { id: nextId++, state: b.state } };
    },
  });
  url = emulator.url;
  return Object.assign(emulator, { state, deny });
}

function checkRunInvalid(annotations: unknown[] | undefined): string | undefined {
  if (!annotations) return undefined;
  if (annotations.length > 50) return 'output.annotations: at most 50 per request';
  const bad = annotations.find((a) => {
    const x = a as Record<string, unknown>;
    return typeof x['path'] !== 'string' || typeof x['start_line'] !== 'number' || typeof x['end_line'] !== 'number' ||
      !['notice', 'warning', 'failure'].includes(String(x['annotation_level'])) || typeof x['message'] !== 'string';
  });
  return bad ? 'output.annotations: path, start_line, end_line, annotation_level and message are required' : undefined;
}
