import { createHash, randomBytes } from 'node:crypto';
import { startEmulator, type Emulator, type Handler, type RecordedRequest, type Reply } from './server.js';
import { assignAliasViolations, createDeploymentViolations, unknownQuery } from './vercel-contract.js';
import {
  deploymentJson,
  envJson,
  eventsJson,
  listedDeploymentJson,
  projectJson,
  userJson,
  type BuildPlan,
  type EmulatedDeployment,
  type EmulatedEnv,
  type EmulatedProject,
} from './vercel-objects.js';

/**
 * An emulator of the Vercel REST API endpoints deploy and rollback use, stateful and following
 * the documented contract: https://vercel.com/docs/rest-api (paths, statuses, the error shape of
 * https://vercel.com/docs/rest-api/errors) and the @vercel/sdk operations and models named at each
 * route (node_modules/@vercel/sdk/src/funcs/ and src/models/). Request bodies are validated against
 * the SDK's zod models (vercel-contract.ts); a body that drifts is answered 400 and recorded in
 * `violations`. Where the docs give a status but no body, the error `code` is illustrative and
 * marked so.
 *
 * Accounts: one user, a team the token belongs to (`teamId`) and a team it does not
 * (`otherTeamId`). Resources live in an account; a request acts on the team named by `?teamId=`
 * or, without it, on the token's own account.
 */
export interface VercelEmulatorOptions {
  token?: string;
  /** How an unknown token is answered: 403 "Not authorized" (docs, errors page) or 401 (SDK Unauthorized). */
  invalidTokenStatus?: 401 | 403;
  /** The seeded project: in the team unless `personal`. */
  project?: { id?: string; name?: string; rootDirectory?: string | null; domains?: string[]; personal?: boolean };
  /** Added to every answer: simulated API latency (the benchmark). */
  latencyMs?: number;
  /** The most deployments one list page holds. */
  maxPageSize?: number;
}

export interface VercelState {
  projects: EmulatedProject[];
  deployments: EmulatedDeployment[];
  /** Uploaded file contents by SHA-1. */
  blobs: Map<string, Buffer>;
  /** alias → deployment id. */
  aliases: Map<string, string>;
  /** Aliases owned by another account: assigning one is a 409. */
  foreignAliases: Set<string>;
  /** Every accepted upload, in order (a re-upload of a known SHA counts again). */
  uploads: { sha: string; size: number }[];
  /** Requests whose body or query is not what the published schema allows. */
  violations: { route: string; problems: string[] }[];
  /** Projects Vercel created because a deployment named no existing `project`. */
  projectsCreated: string[];
  /** When the emulator was answering a request: [start, end] in epoch milliseconds, comparable across processes. */
  busy: [number, number][];
  /** Project environment variables, served by GET /v10/projects/{idOrName}/env. */
  envs: EmulatedEnv[];
}

export interface VercelEmulator extends Emulator {
  token: string;
  userId: string;
  teamId: string;
  otherTeamId: string;
  project: EmulatedProject;
  state: VercelState;
  /** Plans for the next deployments' builds, in order; then the default plan. */
  nextBuild(plan: BuildPlan): void;
  /** Answers the next `times` requests to `route` (e.g. `POST /v2/files`) with `reply` instead. */
  failNext(route: string, reply: Reply, times?: number): void;
  /** How long a promotion or rollback takes, in project status polls; 'never' leaves it in progress. */
  promotionPolls: number | 'never';
  /** Adds an environment variable to a project (default: the seeded one), as the dashboard would. */
  addEnv(env: Omit<EmulatedEnv, 'id' | 'projectId' | 'createdAt'> & { projectId?: string }): EmulatedEnv;
  /** Adds a deployment as if it had been built earlier (for rollback tests). */
  seedDeployment(seed: { target: 'production' | null; readyState?: string; createdAt?: number; projectId?: string; meta?: Record<string, string>; serving?: boolean }): EmulatedDeployment;
}

const SHA1 = /^[0-9a-f]{40}$/;
const ACTIVE = new Set(['QUEUED', 'BUILDING', 'INITIALIZING']);

function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { error: { code, message, ...extra } } };
}

export async function startVercelEmulator(options: VercelEmulatorOptions = {}): Promise<VercelEmulator> {
  const token = options.token ?? 'vercel-emulated-token-0123456789';
  const userId = 'Ur9xQk2mVb7LpT4nHs6dWc1a';
  const username = 'octo-dev';
  const teamId = 'team_emulated0000000000001';
  const otherTeamId = 'team_unreachable000000002';
  const slugs = new Map([[userId, username], [teamId, 'emulated-team'], [otherTeamId, 'other-team']]);
  let clock = Date.now() - 1_000_000;
  const tick = () => (clock = Math.max(clock + 1, Date.now()));
  const seed = options.project ?? {};
  const project: EmulatedProject = {
    id: seed.id ?? 'prj_emulated0000000000000001',
    name: seed.name ?? 'web',
    accountId: seed.personal ? userId : teamId,
    rootDirectory: seed.rootDirectory ?? null,
    domains: seed.domains ?? ['web.example.com', 'web-emulated.vercel.app'],
    createdAt: tick(),
  };
  const state: VercelState = {
    projects: [project],
    deployments: [],
    blobs: new Map(),
    aliases: new Map(),
    foreignAliases: new Set(),
    uploads: [],
    violations: [],
    projectsCreated: [],
    busy: [],
    envs: [],
  };
  const plans: BuildPlan[] = [];
  const faults = new Map<string, { reply: Reply; times: number }[]>();
  const creator = { uid: userId, username };

  /** The account a request acts on, or the reply refusing it. */
  function account(req: RecordedRequest): { id: string } | { reply: Reply } {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${token}`) {
      return { reply: options.invalidTokenStatus === 401 ? error(401, 'unauthorized', 'The request is not authorized.') : error(403, 'forbidden', 'Not authorized') };
    }
    const team = req.query.get('teamId');
    if (!team) return { id: userId };
    return team === teamId ? { id: teamId } : { reply: error(403, 'forbidden', 'Not authorized') };
  }

  const slugOf = (accountId: string) => slugs.get(accountId) ?? 'unknown';
  const findProject = (accountId: string, idOrName: string) =>
    state.projects.find((p) => p.accountId === accountId && (p.id === idOrName || p.name === idOrName));
  const findDeployment = (accountId: string, idOrUrl: string) =>
    state.deployments.find((d) => d.accountId === accountId && (d.id === idOrUrl || d.url === idOrUrl.replace(/^https?:\/\//, '')));
  const productionOf = (p: EmulatedProject) => state.deployments.find((d) => d.id === p.productionDeploymentId);

  function newDeployment(p: EmulatedProject, target: 'production' | null, plan: BuildPlan, extra: Partial<EmulatedDeployment> = {}): EmulatedDeployment {
    const id = `dpl_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
    return {
      id,
      url: `${p.name}-${randomBytes(5).toString('hex')}-${slugOf(p.accountId)}.vercel.app`,
      name: p.name,
      projectId: p.id,
      accountId: p.accountId,
      target,
      readyState: 'QUEUED',
      createdAt: tick(),
      aliasAssigned: false,
      alias: [],
      aliasError: null,
      meta: {},
      files: [],
      plan,
      polls: 0,
      creator,
      ...extra,
    };
  }

  /** A production deployment's domains move to it once it is READY: what Vercel's auto-assignment does. */
  function assignProductionAlias(d: EmulatedDeployment): void {
    const p = state.projects.find((x) => x.id === d.projectId)!;
    if (d.plan.aliasError) {
      d.aliasError = d.plan.aliasError;
      return;
    }
    d.alias = [...p.domains];
    d.aliasAssigned = true;
    d.aliasAssignedAt = tick();
    p.productionDeploymentId = d.id;
    for (const domain of p.domains) state.aliases.set(domain, d.id);
  }

  /** One status poll's worth of build progress. */
  function advance(d: EmulatedDeployment): void {
    d.polls++;
    if (ACTIVE.has(d.readyState)) {
      const states = d.plan.states ?? ['BUILDING', 'READY'];
      d.readyState = states[Math.min(d.polls - 1, states.length - 1)]!;
      if (d.readyState === 'READY') {
        d.readyAt = tick();
        d.readyAtPoll = d.polls;
        if (d.target !== 'production') {
          d.aliasAssigned = true;
          d.aliasAssignedAt = d.readyAt;
        }
      }
    }
    const aliasDue = d.readyAtPoll !== undefined && d.polls - d.readyAtPoll >= (d.plan.aliasPolls ?? 0);
    if (d.target === 'production' && d.readyState === 'READY' && !d.aliasAssigned && !d.aliasError && aliasDue) assignProductionAlias(d);
  }

  /** A promotion or rollback moves on by one status poll. */
  function advancePromotion(p: EmulatedProject): void {
    const request = p.lastAliasRequest;
    if (!request || (request.jobStatus !== 'pending' && request.jobStatus !== 'in-progress')) return;
    request.jobStatus = 'in-progress';
    if (request.pollsLeft === 'never') return;
    if (--request.pollsLeft > 0) return;
    request.jobStatus = 'succeeded';
    const target = state.deployments.find((d) => d.id === request.toDeploymentId)!;
    p.productionDeploymentId = target.id;
    target.alias = [...p.domains];
    for (const domain of p.domains) state.aliases.set(domain, target.id);
  }

  function requestPromotion(req: RecordedRequest, params: Record<string, string>, type: 'promote' | 'rollback'): Reply {
    const scope = account(req);
    if ('reply' in scope) return scope.reply;
    const problems = unknownQuery(req.query, type === 'rollback' ? ['teamId', 'slug', 'description'] : ['teamId', 'slug']);
    if (problems.length > 0) return violation(`POST ${type}`, problems);
    const p = findProject(scope.id, params['projectId']!);
    if (!p) return error(404, 'not_found', 'Project not found');
    const d = state.deployments.find((x) => x.id === params['deploymentId'] && x.projectId === p.id);
    // The docs list 400/409/422 for these refusals without bodies: the codes below are illustrative.
    if (!d) return error(404, 'not_found', 'Deployment not found in this project');
    if (d.readyState !== 'READY') return error(422, 'deployment_not_ready', `Deployment ${d.id} is ${d.readyState}, not READY`);
    if (d.target !== 'production') return error(422, 'not_production', `Deployment ${d.id} is a preview deployment`);
    if (p.lastAliasRequest && (p.lastAliasRequest.jobStatus === 'pending' || p.lastAliasRequest.jobStatus === 'in-progress')) {
      return error(409, 'conflict', 'Another promotion or rollback is in progress');
    }
    p.lastAliasRequest = { fromDeploymentId: p.productionDeploymentId ?? null, toDeploymentId: d.id, jobStatus: 'pending', requestedAt: tick(), type, pollsLeft: emulator.promotionPolls };
    return { status: type === 'promote' ? 202 : 201 };
  }

  function violation(route: string, problems: string[]): Reply {
    state.violations.push({ route, problems });
    return error(400, 'bad_request', `Invalid request: ${problems.join('; ')}`);
  }

  function listDeployments(req: RecordedRequest): Reply {
    const scope = account(req);
    if ('reply' in scope) return scope.reply;
    const problems = unknownQuery(req.query, ['teamId', 'slug', 'app', 'from', 'limit', 'projectId', 'projectIds', 'target', 'to', 'users', 'since', 'until', 'state', 'rollbackCandidate', 'branch', 'sha']);
    if (problems.length > 0) return violation('GET /v6/deployments', problems);
    const q = req.query;
    const projectRef = q.get('projectId');
    const p = projectRef ? findProject(scope.id, projectRef) : undefined;
    if (projectRef && !p) return error(404, 'not_found', 'Project not found');
    const states = q.get('state')?.split(',').map((s) => s.trim().toUpperCase());
    const until = q.get('until') ? Number(q.get('until')) : undefined;
    const since = q.get('since') ? Number(q.get('since')) : undefined;
    const limit = Math.min(Number(q.get('limit') ?? 20), options.maxPageSize ?? 100);
    const matching = state.deployments
      .filter((d) => d.accountId === scope.id && (!p || d.projectId === p.id))
      .filter((d) => !q.get('target') || (q.get('target') === 'production' ? d.target === 'production' : d.target === null))
      .filter((d) => !states || states.includes(d.readyState))
      .filter((d) => (until === undefined || d.createdAt < until) && (since === undefined || d.createdAt > since))
      .sort((a, b) => b.createdAt - a.createdAt);
    const page = matching.slice(0, limit);
    const next = matching.length > limit ? page[page.length - 1]!.createdAt : null;
    return { body: { deployments: page.map((d) => listedDeploymentJson(d, slugOf(d.accountId))), pagination: { count: page.length, next, prev: null } } };
  }

  const routes: Record<string, Handler> = {
    // GET /v2/user (getAuthUser, models/getauthuserop.ts)
    'GET /v2/user': (req) => {
      const scope = account({ ...req, query: new URLSearchParams() });
      return 'reply' in scope ? scope.reply : { body: userJson(userId, username, project.createdAt) };
    },
    // GET /v9/projects/{idOrName} (projectsGetProject; https://vercel.com/docs/rest-api/projects/find-a-project-by-id-or-name)
    'GET /v9/projects/:idOrName': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const p = findProject(scope.id, params['idOrName']!);
      if (!p) return error(404, 'not_found', 'Project not found');
      advancePromotion(p);
      return { body: projectJson(p, productionOf(p)) };
    },
    // POST /v13/deployments (deploymentsCreateDeployment; https://vercel.com/docs/rest-api/deployments/create-a-new-deployment):
    // body CreateDeploymentRequestBody; 400 `missing_files` with `error.missing` listing unknown SHA-1s.
    'POST /v13/deployments': (req) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const problems = createDeploymentViolations(req.query, req.body);
      if (problems.length > 0) return violation('POST /v13/deployments', problems);
      const body = req.body as { name: string; project?: string; target?: string; files?: { file: string; sha?: string; size?: number; data?: string }[]; meta?: Record<string, string>; gitMetadata?: unknown; projectSettings?: unknown };
      let p = body.project ? findProject(scope.id, body.project) : findProject(scope.id, body.name);
      if (body.project && !p) return error(404, 'not_found', `Project ${body.project} not found`);
      if (!p) {
        // Without `project`, Vercel deploys to a project named `name`, creating it when there is none.
        p = { id: `prj_${randomBytes(12).toString('hex')}`, name: body.name, accountId: scope.id, rootDirectory: null, domains: [], createdAt: tick() };
        state.projects.push(p);
        state.projectsCreated.push(p.name);
      }
      const files = body.files ?? [];
      const missing = [...new Set(files.filter((f) => f.sha && !state.blobs.has(f.sha)).map((f) => f.sha!))];
      if (missing.length > 0) return error(400, 'missing_files', 'Missing files', { missing });
      const plan = plans.shift() ?? {};
      const target = body.target === 'production' ? 'production' : null;
      const d = newDeployment(p, target, plan, { meta: body.meta ?? {}, gitMetadata: body.gitMetadata, projectSettings: body.projectSettings, files });
      state.deployments.push(d);
      if (plan.instant) {
        d.readyState = 'READY';
        d.readyAt = d.createdAt;
        d.readyAtPoll = 0;
        if (target === 'production') assignProductionAlias(d);
        else Object.assign(d, { aliasAssigned: true, aliasAssignedAt: d.createdAt });
      }
      return { body: deploymentJson(d, slugOf(scope.id)) };
    },
    // POST /v2/files (deploymentsUploadFile; https://vercel.com/docs/rest-api/deployments/upload-deployment-files):
    // raw body, `x-vercel-digest` (or `x-now-digest`) its SHA-1, `Content-Length` its size.
    'POST /v2/files': (req) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const digest = String(req.headers['x-vercel-digest'] ?? req.headers['x-now-digest'] ?? '');
      const problems = [
        ...unknownQuery(req.query, ['teamId', 'slug']),
        ...(SHA1.test(digest) ? [] : ['x-vercel-digest: a 40-character SHA-1 hex digest is required']),
        ...(Number(req.headers['content-length']) === req.raw.length ? [] : ['Content-Length: does not match the body']),
      ];
      if (problems.length > 0) return violation('POST /v2/files', problems);
      const actual = createHash('sha1').update(req.raw).digest('hex');
      if (actual !== digest) return error(400, 'invalid_digest', `The file's SHA-1 is ${actual}, not ${digest}`);
      // The request's own copy of the body: nothing writes to it.
      state.blobs.set(digest, req.raw);
      state.uploads.push({ sha: digest, size: req.raw.length });
      return { body: {} };
    },
    // GET /v13/deployments/{idOrUrl} (deploymentsGetDeployment; https://vercel.com/docs/rest-api/deployments/get-a-deployment-by-id-or-url)
    'GET /v13/deployments/:idOrUrl': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const d = findDeployment(scope.id, params['idOrUrl']!);
      if (!d) return error(404, 'not_found', 'Deployment not found');
      advance(d);
      return { body: deploymentJson(d, slugOf(scope.id)) };
    },
    // PATCH /v12/deployments/{id}/cancel (deploymentsCancelDeployment; https://vercel.com/docs/rest-api/deployments/cancel-a-deployment)
    'PATCH /v12/deployments/:id/cancel': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const d = findDeployment(scope.id, params['id']!);
      if (!d) return error(404, 'not_found', 'Deployment not found');
      if (ACTIVE.has(d.readyState)) d.readyState = 'CANCELED';
      return { body: deploymentJson(d, slugOf(scope.id)) };
    },
    // GET /v3/deployments/{idOrUrl}/events (deploymentsGetDeploymentEvents; https://vercel.com/docs/rest-api/deployments/get-deployment-events)
    'GET /v3/deployments/:idOrUrl/events': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const d = findDeployment(scope.id, params['idOrUrl']!);
      if (!d) return error(404, 'not_found', 'Deployment not found');
      const events = eventsJson(d);
      if (req.query.get('direction') === 'backward') events.reverse();
      const limit = Number(req.query.get('limit') ?? -1);
      return { body: limit > 0 ? events.slice(0, limit) : events };
    },
    // GET /v6/deployments (https://vercel.com/docs/rest-api/deployments/list-deployments), /v7 in deploymentsGetDeployments:
    // newest first; `pagination.next` is the `until` of the next page.
    // GET /v4/aliases/{idOrAlias} (aliasesGetAlias; https://vercel.com/docs/rest-api/aliases/get-an-alias):
    // the alias with the deployment it points at; 404 when there is no such alias.
    'GET /v4/aliases/:idOrAlias': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const alias = params['idOrAlias']!;
      const deploymentId = state.aliases.get(alias);
      if (!deploymentId) return error(404, 'not_found', 'Alias not found');
      return { body: { uid: `alias_${alias.replace(/[^a-z0-9]/g, '')}`, alias, deploymentId, projectId: state.deployments.find((d) => d.id === deploymentId)?.projectId ?? null, createdAt: tick() } };
    },
    'GET /v6/deployments': listDeployments,
    'GET /v7/deployments': listDeployments,
    // POST /v2/deployments/{id}/aliases (aliasesAssignAlias; https://vercel.com/docs/rest-api/aliases/assign-an-alias)
    'POST /v2/deployments/:id/aliases': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const problems = assignAliasViolations(req.query, req.body);
      if (problems.length > 0) return violation('POST /v2/deployments/:id/aliases', problems);
      const d = findDeployment(scope.id, params['id']!);
      if (!d) return error(404, 'not_found', 'Deployment not found');
      const alias = String((req.body as { alias?: string }).alias ?? '');
      // 409 is documented for an alias in use elsewhere; the code is illustrative.
      if (state.foreignAliases.has(alias)) return error(409, 'alias_in_use', `The alias "${alias}" is already in use by another team`);
      const oldDeploymentId = state.aliases.get(alias) ?? null;
      state.aliases.set(alias, d.id);
      d.alias = [...new Set([...d.alias, alias])];
      return { status: 200, body: { uid: `alias_${randomBytes(8).toString('hex')}`, alias, created: new Date(tick()).toISOString(), oldDeploymentId } };
    },
    // POST /v10/projects/{projectId}/promote/{deploymentId} (projectsRequestPromote): 202 queued
    'POST /v10/projects/:projectId/promote/:deploymentId': (req, params) => requestPromotion(req, params, 'promote'),
    // POST /v1/projects/{projectId}/rollback/{deploymentId} (projectsRequestRollback;
    // https://vercel.com/docs/rest-api/projects/point-production-traffic-to-a-previous-production-deployment-by-id): 201
    'POST /v1/projects/:projectId/rollback/:deploymentId': (req, params) => requestPromotion(req, params, 'rollback'),
    // GET /v10/projects/{idOrName}/env (projectsFilterProjectEnvs, models/filterprojectenvsop.ts;
    // https://vercel.com/docs/rest-api/projects/retrieve-the-environment-variables-of-a-project-by-id-or-name):
    // `{ envs, pagination }`; with `decrypt=true` plain and encrypted values in clear, sensitive
    // ones never (their value is empty); without it encrypted values stay ciphertext, `decrypted: false`.
    'GET /v10/projects/:idOrName/env': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const problems = unknownQuery(req.query, ['teamId', 'slug', 'gitBranch', 'decrypt', 'source', 'customEnvironmentId', 'customEnvironmentSlug']);
      const decrypt = req.query.get('decrypt');
      if (decrypt !== null && decrypt !== 'true' && decrypt !== 'false') problems.push('?decrypt: must be true or false');
      if (problems.length > 0) return violation('GET /v10/projects/:idOrName/env', problems);
      const p = findProject(scope.id, params['idOrName']!);
      if (!p) return error(404, 'not_found', 'Project not found');
      const branch = req.query.get('gitBranch');
      const envs = state.envs.filter((e) => e.projectId === p.id && (!branch || !e.gitBranch || e.gitBranch === branch));
      return { body: { envs: envs.map((e) => envJson(e, decrypt === 'true')), pagination: { count: envs.length, next: null, prev: null } } };
    },
    // GET /v1/projects/{projectId}/promote/aliases (projectsListPromoteAliases): the aliases of a promotion in progress, else {}.
    'GET /v1/projects/:projectId/promote/aliases': (req, params) => {
      const scope = account(req);
      if ('reply' in scope) return scope.reply;
      const p = findProject(scope.id, params['projectId']!);
      if (!p) return error(404, 'not_found', 'Project not found');
      advancePromotion(p);
      const request = p.lastAliasRequest;
      if (!request || request.jobStatus === 'succeeded') return { body: {} };
      return { body: { aliases: p.domains.map((alias, i) => ({ alias, id: `alias_${i}`, status: request.jobStatus })), pagination: { count: p.domains.length, next: null, prev: null } } };
    },
  };

  const wrapped = Object.fromEntries(
    Object.entries(routes).map(([route, handler]) => [
      route,
      async (req: RecordedRequest, params: Record<string, string>): Promise<Reply> => {
        const started = epochMs();
        const queue = faults.get(route);
        const fault = queue?.[0];
        let reply: Reply;
        if (fault) {
          if (--fault.times <= 0) queue.shift();
          reply = fault.reply;
        } else {
          reply = await handler(req, params);
        }
        const delayMs = (reply.delayMs ?? 0) + (options.latencyMs ?? 0);
        state.busy.push([started, epochMs() + delayMs]);
        return { ...reply, delayMs };
      },
    ]),
  );

  const server = await startEmulator(wrapped);
  const emulator: VercelEmulator = Object.assign(server, {
    token,
    userId,
    teamId,
    otherTeamId,
    project,
    state,
    promotionPolls: 1 as number | 'never',
    nextBuild: (plan: BuildPlan) => void plans.push(plan),
    failNext: (route: string, reply: Reply, times = 1) => {
      if (!routes[route]) throw new Error(`The Vercel emulator has no route ${route}`);
      faults.set(route, [...(faults.get(route) ?? []), { reply, times }]);
    },
    addEnv: (env: Parameters<VercelEmulator['addEnv']>[0]) => {
      const added: EmulatedEnv = { ...env, projectId: env.projectId ?? project.id, id: `env_${randomBytes(8).toString('hex')}`, createdAt: tick() };
      state.envs.push(added);
      return added;
    },
    seedDeployment: (s: Parameters<VercelEmulator['seedDeployment']>[0]) => {
      const p = state.projects.find((x) => x.id === (s.projectId ?? project.id))!;
      const d = newDeployment(p, s.target, {}, { readyState: s.readyState ?? 'READY', meta: s.meta ?? {} });
      if (s.createdAt !== undefined) d.createdAt = s.createdAt;
      if (d.readyState === 'READY') Object.assign(d, { readyAt: d.createdAt, aliasAssigned: true, aliasAssignedAt: d.createdAt });
      state.deployments.push(d);
      if (s.serving) {
        p.productionDeploymentId = d.id;
        d.alias = [...p.domains];
        for (const domain of p.domains) state.aliases.set(domain, d.id);
      }
      return d;
    },
  });
  return emulator;
}

export type { BuildPlan, EmulatedDeployment, EmulatedEnv, EmulatedProject } from './vercel-objects.js';
