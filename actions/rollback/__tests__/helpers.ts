import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from '../../../packages/shared/src/report/model.js';
import type { SmokeEnvironment } from '../../../packages/shared/src/smoke/index.js';
import { runLikeRunner, type RunnerRun } from '../../../test/harness/runner.js';
import type { EmulatedDeployment, VercelEmulator } from '../../../test/emulators/vercel.js';
import { createTestCa, issueCertificate } from '../../../test/servers/certificates.js';
import { GOOD_HEADERS, startSite, type Site, type SiteHandler } from '../../../test/servers/site.js';

export { GOOD_HEADERS };
import { rollbackDefinition } from '../src/action.js';
import { writeTree } from '../../../test/harness/files.js';

/** Fixtures and a runner-like invocation of rollback against the emulators and a live local "production". */
export const SHA = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
export const GOOD_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
export const REPO = 'octo/shop';
const MINUTE = 60_000;


/**
 * "Production" for the smoke checks: an HTTPS site with a certificate from a test CA, and a plain
 * HTTP site standing in for port 80 that redirects to it. `routes` replaces the healthy homepage.
 */
export interface Production {
  site: Site;
  url: string;
  environment: SmokeEnvironment;
  close(): Promise<void>;
}

export async function startProduction(routes: Record<string, SiteHandler> = {}): Promise<Production> {
  const ca = await createTestCa();
  const tls = await issueCertificate(ca, { ips: ['127.0.0.1'] });
  const site = await startSite({ 'GET /': () => ({ headers: GOOD_HEADERS, body: '<h1>Shop</h1>' }), ...routes }, { tls });
  const http = await startSite({ 'GET /': () => ({ status: 308, headers: { location: `${site.url}/` } }) });
  return {
    site,
    url: `${site.url}/`,
    environment: { trustedCa: [ca.cert], httpProbeUrl: `${http.url}/`, pollIntervalMs: 10 },
    close: async () => {
      await Promise.all([site.close(), http.close()]);
    },
  };
}

/**
 * A project history, oldest first: a good production deployment, a failed one, a preview, and the
 * production deployment serving now. `now` anchors the times.
 */
export interface History {
  good: EmulatedDeployment;
  failed: EmulatedDeployment;
  preview: EmulatedDeployment;
  serving: EmulatedDeployment;
}

export function seedHistory(vercel: VercelEmulator, now = Date.now()): History {
  const good = vercel.seedDeployment({ target: 'production', createdAt: now - 40 * MINUTE, meta: { githubCommitSha: GOOD_SHA } });
  const failed = vercel.seedDeployment({ target: 'production', readyState: 'ERROR', createdAt: now - 30 * MINUTE });
  const preview = vercel.seedDeployment({ target: null, createdAt: now - 20 * MINUTE });
  const serving = vercel.seedDeployment({ target: 'production', createdAt: now - 10 * MINUTE, meta: { githubCommitSha: SHA }, serving: true });
  return { good, failed, preview, serving };
}

export function runnerEnv(workspace: string): Record<string, string | undefined> {
  return {
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: REPO,
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'on-call-oli',
    GITHUB_RUN_ID: '5151',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_TOKEN: undefined,
    DEPLOY_KIT_POLL_MS: '5',
    DEPLOY_KIT_RETRY_MS: '5',
  };
}

export async function workspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rollback-ws-'));
  await writeTree(dir, files);
  return dir;
}

export interface RollbackRun {
  production?: Production;
  workspace?: string;
  env?: Record<string, string | undefined>;
  environment?: SmokeEnvironment;
}

/** Runs rollback like the runner, against the emulator's team and project, smoke-testing `production` when given. */
export async function runRollback(vercel: VercelEmulator, inputs: Record<string, string | undefined>, options: RollbackRun = {}): Promise<RunnerRun> {
  const dir = options.workspace ?? (await workspace());
  const definition = rollbackDefinition({ ...options.production?.environment, ...options.environment });
  return runLikeRunner(
    definition,
    {
      'vercel-token': vercel.token,
      'vercel-org-id': vercel.teamId,
      'vercel-project-id': vercel.project.id,
      'api-url': vercel.url,
      'wait-for': '0',
      requests: '2',
      ...(options.production ? { url: options.production.url } : { 'smoke-test': 'false' }),
      ...inputs,
    },
    { eventName: 'workflow_dispatch', event: { inputs: {} }, env: { ...runnerEnv(dir), ...options.env } },
  );
}

export function checkOf(run: RunnerRun, id: string): Check {
  const check = run.result.report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check '${id}' in: ${run.result.report.checks.map((c) => c.id).join(', ')}`);
  return check;
}

/** Requests that change something at Vercel. */
export function mutatingCalls(vercel: VercelEmulator): string[] {
  return vercel.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}
