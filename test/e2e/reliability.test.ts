import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDist } from '../harness/dist.js';
import { startEmulator, type Emulator } from '../emulators/server.js';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github.js';
import { startVercelEmulator, type VercelEmulator } from '../emulators/vercel.js';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy.js';
import { pushEvent, REPO, SHA, sourceApp } from '../../actions/deploy/__tests__/helpers.js';
import { seedHistory } from '../../actions/rollback/__tests__/helpers.js';

/**
 * The built actions (dist/), run as the runner runs them, against the emulators behind the
 * fault-injecting proxy: the scenarios end to end. Needs `npm run build`.
 */
let vercel: VercelEmulator;
let github: GitHubEmulator;
let proxy: FaultProxy;
beforeEach(async () => {
  [vercel, github] = await Promise.all([startVercelEmulator(), startGitHubEmulator()]);
  proxy = await startFaultProxy(vercel.url);
});
afterEach(async () => {
  await proxy.close();
  await Promise.all([vercel.close(), github.close()]);
});

const GITHUB_TOKEN = 'ghs_e2eReliabilityToken0123456789';
const env = () => ({ GITHUB_REPOSITORY: REPO, GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/main', GITHUB_ACTOR: 'octocat', GITHUB_RUN_ID: '77', GITHUB_API_URL: github.url, DEPLOY_KIT_POLL_MS: '5', DEPLOY_KIT_RETRY_MS: '5' });
const vercelInputs = () => ({ 'vercel-token': vercel.token, 'vercel-org-id': vercel.teamId, 'vercel-project-id': vercel.project.id, 'api-url': proxy.url });
const errors = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error'));

async function deployDist(inputs: Record<string, string>, onStart?: (child: ChildProcess) => void) {
  const app = await sourceApp();
  return runDist('deploy', { ...vercelInputs(), ...inputs }, { env: { ...env(), GITHUB_WORKSPACE: app }, event: pushEvent, cwd: app, onStart });
}

describe('dist/deploy', () => {
  it('fails, saying so, when a newer deployment took production before it could confirm serving', async () => {
    let reads = 0;
    proxy.onRequest = (method, path) => {
      if (method === 'GET' && path === `/v9/projects/${vercel.project.id}` && ++reads === 2) vercel.seedDeployment({ target: 'production', serving: true, createdAt: Date.now() + 60_000 });
    };
    const run = await deployDist({ environment: 'production' });
    expect(run.exitCode).toBe(1);
    expect(errors(run.stdout).join('\n')).toMatch(/a newer deployment took production meanwhile/);
    expect(run.outputs['url']).toBeUndefined();
    expect(run.summary).toMatch(/❌/);
  });

  it('creates one deployment when the create reply was lost', async () => {
    await deployDist({}); // Vercel now has every file
    const before = vercel.state.deployments.length;
    proxy.inject({ method: 'POST', path: '/v13/deployments', fault: { kind: 'reset-after' } });
    const run = await deployDist({});
    expect(run.exitCode).toBe(0);
    expect(vercel.state.deployments.length - before).toBe(1);
  });

  it('on SIGTERM cancels its build, finishes the GitHub Deployment and says cancelled', async () => {
    vercel.nextBuild({ states: ['BUILDING'] });
    let child: ChildProcess | undefined;
    let sent = false;
    proxy.onRequest = (method, path) => {
      if (!sent && method === 'GET' && path.startsWith('/v13/deployments/')) {
        sent = true;
        child?.kill('SIGTERM');
      }
    };
    const run = await deployDist({ 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, (c) => (child = c));
    expect(run.exitCode).toBe(1);
    expect(vercel.state.deployments.at(-1)!.readyState).toBe('CANCELED');
    expect(github.state.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(run.summary).toMatch(/Cancelled/);
    expect(run.summary).toMatch(/was still building and was cancelled \(CANCELED\)/);
    const shown = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expect(shown + run.summary).not.toContain(GITHUB_TOKEN);
  });

  it('keeps to timeout: 3s against a hung API, and its summary says failed', async () => {
    proxy.inject({ method: 'GET', path: `/v9/projects/${vercel.project.id}`, fault: { kind: 'hang' }, times: Infinity });
    const started = Date.now();
    const run = await deployDist({ timeout: '3s' });
    expect(run.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000 + 7000);
    expect(run.summary).toMatch(/❌ 1 error/);
  });
});

describe('dist/rollback', () => {
  it('dispatched twice, moves production once', async () => {
    const history = seedHistory(vercel);
    const dispatchedAt = new Date(Date.now() - 60_000).toISOString();
    github.state.runs.set('81', { created_at: dispatchedAt });
    github.state.runs.set('82', { created_at: dispatchedAt });
    const rollback = (runId: string) =>
      runDist('rollback', { ...vercelInputs(), 'smoke-test': 'false', 'github-token': GITHUB_TOKEN }, { env: { ...env(), GITHUB_RUN_ID: runId }, eventName: 'workflow_dispatch' });
    const first = await rollback('81');
    const second = await rollback('82');
    expect(first.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back-to': history.good.id });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({ status: 'unchanged', 'rolled-back-from': history.serving.id });
    expect(vercel.calls('POST /v10/projects/:projectId/promote/:deploymentId')).toHaveLength(1);
    expect(second.summary).toContain(`Production no longer serves ${history.serving.id}`);
  });
});

describe('dist/smoke-test and dist/slack-notify', () => {
  let site: Emulator;
  beforeEach(async () => {
    site = await startEmulator({});
  });
  afterEach(async () => site.close());

  it('smoke-test stops reading an endless body at its cap and says so', async () => {
    const endless = await startFaultProxy(site.url);
    endless.inject({ path: /.*/, fault: { kind: 'endless' }, times: Infinity });
    try {
      const run = await runDist('smoke-test', { url: endless.url, paths: '/', requests: '1', 'wait-for': '0' }, { env: env() });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/answered with a body larger than 5 MB, more than smoke-test reads from one response/);
    } finally {
      await endless.close();
    }
  });

  it('slack-notify with no destination and fail-on-error false warns and succeeds', async () => {
    const run = await runDist('slack-notify', { status: 'success', 'fail-on-error': 'false', 'webhook-url': '' }, { env: env() });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/::warning::No Slack destination/);
  });
});

describe('dist/preflight', () => {
  it('masks a password a build script prints, whatever its shape, in every channel', async () => {
    const password = ['Plain', 'Passw0rd', 'NotShaped'].join('');
    const repo = await mkdtemp(join(tmpdir(), 'e2e-preflight-'));
    await writeFile(join(repo, 'package.json'), JSON.stringify({ name: 'app', scripts: { build: 'echo "DB_PASSWORD=$DB_PASSWORD"; echo "::add-mask::second-secret value"; echo "second-secret value"; exit 1' } }));
    await writeFile(join(repo, 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' } } }));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const run = await runDist('preflight', { checks: 'build', install: 'false' }, { env: { ...env(), DB_PASSWORD: password }, cwd: repo });
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('DB_PASSWORD=***');
    const reportFile = run.outputs['report-path'];
    const written = [run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'), run.summary, JSON.stringify(run.outputs), reportFile ? execFileSync('cat', [reportFile]).toString() : ''].join('\n');
    expect(written).not.toContain(password);
    expect(written).not.toContain('second-secret value');
  });
});
