/**
 * The shapes the Vercel emulator answers with. Each carries the fields the @vercel/sdk response
 * models require (checked by actions/deploy/__tests__/vercel-emulator.test.ts, which parses them
 * with the SDK's inbound schemas), so the emulator cannot drift from the published contract either.
 */
export interface BuildPlan {
  /** readyState after each status poll; the last one repeats. Default: BUILDING, then READY. */
  states?: string[];
  /** READY (and aliased) in the create answer itself, with no build to wait for. */
  instant?: boolean;
  /** Build log lines, served by the events endpoint. */
  log?: string[];
  /** Polls between READY and a production alias being assigned. */
  aliasPolls?: number;
  /** A production alias that fails to assign. */
  aliasError?: { code: string; message: string };
}

export interface EmulatedProject {
  id: string;
  name: string;
  accountId: string;
  rootDirectory: string | null;
  /** Production domains, aliased to each production deployment once it is READY. */
  domains: string[];
  productionDeploymentId?: string;
  createdAt: number;
  lastAliasRequest?: {
    fromDeploymentId: string | null;
    toDeploymentId: string;
    jobStatus: 'pending' | 'in-progress' | 'succeeded' | 'failed' | 'skipped';
    requestedAt: number;
    type: 'promote' | 'rollback';
    pollsLeft: number | 'never';
  };
}

export interface EmulatedDeployment {
  id: string;
  url: string;
  name: string;
  projectId: string;
  accountId: string;
  target: 'production' | null;
  readyState: string;
  createdAt: number;
  readyAt?: number;
  aliasAssigned: boolean;
  aliasAssignedAt?: number;
  alias: string[];
  aliasError: { code: string; message: string } | null;
  meta: Record<string, string>;
  gitMetadata?: unknown;
  projectSettings?: unknown;
  files: { file: string; sha?: string; size?: number }[];
  plan: BuildPlan;
  polls: number;
  readyAtPoll?: number;
  creator: { uid: string; username: string };
}

export function projectJson(p: EmulatedProject, production?: EmulatedDeployment): Record<string, unknown> {
  const { pollsLeft: _pollsLeft, ...lastAliasRequest } = p.lastAliasRequest ?? { pollsLeft: 0 };
  return {
    id: p.id,
    name: p.name,
    accountId: p.accountId,
    rootDirectory: p.rootDirectory,
    framework: null,
    nodeVersion: '22.x',
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
    alias: p.domains.map((domain) => ({ domain, environment: 'production', target: 'PRODUCTION', deployment: null, createdAt: p.createdAt })),
    defaultResourceConfig: { functionDefaultRegions: ['iad1'] },
    resourceConfig: { functionDefaultRegions: ['iad1'] },
    deploymentExpiration: {},
    targets: production ? { production: targetJson(production) } : {},
    ...(p.lastAliasRequest ? { lastAliasRequest } : {}),
  };
}

function targetJson(d: EmulatedDeployment): Record<string, unknown> {
  return {
    id: d.id,
    url: d.url,
    name: d.name,
    alias: d.alias,
    aliasAssigned: d.aliasAssignedAt ?? null,
    createdAt: d.createdAt,
    createdIn: 'iad1',
    creator: { uid: d.creator.uid, username: d.creator.username, email: `${d.creator.username}@example.com` },
    deploymentHostname: d.url.replace(/\.vercel\.app$/, ''),
    plan: 'pro',
    private: true,
    readyState: d.readyState,
    type: 'LAMBDAS',
    target: d.target,
    meta: d.meta,
  };
}

/** GET /v13/deployments/{id}, POST /v13/deployments, PATCH …/cancel: GetDeploymentResponseBody. */
export function deploymentJson(d: EmulatedDeployment, scopeSlug: string): Record<string, unknown> {
  const failed = d.readyState === 'ERROR';
  return {
    id: d.id,
    url: d.url,
    name: d.name,
    projectId: d.projectId,
    ownerId: d.accountId,
    readyState: d.readyState,
    status: d.readyState,
    type: 'LAMBDAS',
    target: d.target,
    createdAt: d.createdAt,
    buildingAt: d.createdAt,
    ...(d.readyAt ? { ready: d.readyAt } : {}),
    inspectorUrl: `https://vercel.com/${scopeSlug}/${d.name}/${d.id.replace(/^dpl_/, '')}`,
    alias: d.alias,
    aliasAssigned: d.aliasAssigned,
    aliasAssignedAt: d.aliasAssignedAt ?? null,
    aliasError: d.aliasError,
    meta: d.meta,
    env: [],
    regions: ['iad1'],
    plan: 'pro',
    public: false,
    version: 2,
    routes: null,
    lambdas: [],
    creator: d.creator,
    build: { env: [] },
    projectSettings: {},
    ...(failed ? { errorCode: 'BUILD_FAILED', errorMessage: 'The build failed: see the build log.' } : {}),
  };
}

/** One item of GET /v6/deployments: GetDeploymentsResponseBody.deployments (note `uid`). */
export function listedDeploymentJson(d: EmulatedDeployment, scopeSlug: string): Record<string, unknown> {
  return {
    uid: d.id,
    name: d.name,
    url: d.url,
    projectId: d.projectId,
    created: d.createdAt,
    createdAt: d.createdAt,
    state: d.readyState,
    readyState: d.readyState,
    type: 'LAMBDAS',
    target: d.target,
    creator: d.creator,
    inspectorUrl: `https://vercel.com/${scopeSlug}/${d.name}/${d.id.replace(/^dpl_/, '')}`,
    meta: d.meta,
    aliasAssigned: d.aliasAssignedAt ?? null,
    aliasError: d.aliasError,
    isRollbackCandidate: d.target === 'production' && d.readyState === 'READY',
  };
}

/** GET /v3/deployments/{id}/events with follow=0: GetDeploymentEventsResponse, `stdout` events. */
export function eventsJson(d: EmulatedDeployment): Record<string, unknown>[] {
  return (d.plan.log ?? []).map((text, i) => ({
    created: d.createdAt + i,
    date: d.createdAt + i,
    deploymentId: d.id,
    id: `evt_${d.id}_${i}`,
    info: { name: `bld_${d.id}`, type: 'build' },
    serial: `${d.createdAt + i}-${i}`,
    text,
    type: /error|failed/i.test(text) ? 'stderr' : 'stdout',
    ...(/error|failed/i.test(text) ? { level: 'error' } : {}),
  }));
}

/** GET /v2/user: GetAuthUserResponseBody. */
export function userJson(id: string, username: string, createdAt: number): Record<string, unknown> {
  return {
    user: {
      id,
      username,
      email: `${username}@example.com`,
      name: null,
      avatar: null,
      createdAt,
      softBlock: null,
      billing: null,
      resourceConfig: {},
      stagingPrefix: username,
      defaultTeamId: null,
      version: 'northstar',
    },
  };
}

/** A project environment variable (ResponseBodyEnvs / Envs in filterprojectenvsop.ts). */
export interface EmulatedEnv {
  id: string;
  projectId: string;
  key: string;
  value: string;
  type: 'plain' | 'encrypted' | 'secret' | 'sensitive' | 'system';
  target: ('production' | 'preview' | 'development')[];
  gitBranch?: string;
  createdAt: number;
}

/**
 * One item of `envs`: `value` is required by the model (a string). Vercel never returns a
 * sensitive value; an encrypted one is ciphertext unless `decrypt=true` (then `decrypted: true`).
 */
export function envJson(e: EmulatedEnv, decrypt: boolean): Record<string, unknown> {
  const readable = e.type === 'plain' || (e.type === 'encrypted' && decrypt);
  const ciphertext = Buffer.from(`enc:${e.id}`).toString('base64');
  return {
    id: e.id,
    key: e.key,
    type: e.type,
    target: e.target,
    ...(e.gitBranch ? { gitBranch: e.gitBranch } : {}),
    value: readable ? e.value : e.type === 'encrypted' ? ciphertext : '',
    ...(e.type === 'encrypted' ? { decrypted: decrypt } : {}),
    configurationId: null,
    createdAt: e.createdAt,
    updatedAt: e.createdAt,
    createdBy: 'Ur9xQk2mVb7LpT4nHs6dWc1a',
    securityIssues: [],
  };
}
