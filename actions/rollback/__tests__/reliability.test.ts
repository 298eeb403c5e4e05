import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';
import { startEmulator } from '../../../test/emulators/server.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { startFaultProxy, type FaultProxy } from '../../../test/servers/fault-proxy.js';
import { checkOf, runRollback, seedHistory, type History } from './helpers.js';

/**
 * rollback acts once: pinned to what served production when it was dispatched, it changes nothing
 * once production moved; a promotion whose reply was lost is followed, not sent again; and a
 * cancelled run leaves a final record.
 */
const GITHUB_TOKEN = 'ghs_rollbackPinToken0123456789';
const MINUTE = 60_000;
let vercel: VercelEmulator;
let github: GitHubEmulator;
let proxy: FaultProxy;
let history: History;
beforeEach(async () => {
  [vercel, github] = await Promise.all([startVercelEmulator(), startGitHubEmulator()]);
  proxy = await startFaultProxy(vercel.url);
  history = seedHistory(vercel);
});
afterEach(async () => {
  await proxy.close();
  await Promise.all([vercel.close(), github.close()]);
});

const promotions = () => vercel.calls('POST /v10/projects/:projectId/promote/:deploymentId');

/** A run dispatched `agoMs` ago, as GitHub records it. */
function dispatched(runId: string, agoMs: number) {
  github.state.runs.set(runId, { created_at: new Date(Date.now() - agoMs).toISOString() });
  return { env: { GITHUB_API_URL: github.url, GITHUB_RUN_ID: runId } };
}

describe('rollback pins what it rolls back from', () => {
  it('moves production once when dispatched twice: the second run finds it moved and changes nothing', async () => {
    const first = await runRollback(vercel, { 'github-token': GITHUB_TOKEN }, dispatched('601', MINUTE));
    const second = await runRollback(vercel, { 'github-token': GITHUB_TOKEN }, dispatched('602', MINUTE));

    expect(first.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back-from': history.serving.id, 'rolled-back-to': history.good.id });
    expect(second.failed).toBe(false);
    expect(second.outputs).toMatchObject({ status: 'unchanged', 'rolled-back-from': history.serving.id });
    expect(checkOf(second, 'from').summary).toMatch(new RegExp(`^Production no longer serves ${history.serving.id} .*it serves ${history.good.id}\\. Nothing was changed`));
    expect(promotions()).toHaveLength(1);
    expect(vercel.project.productionDeploymentId).toBe(history.good.id);
  });

  it('records in the summary what it rolled back from and why that one', async () => {
    const run = await runRollback(vercel, { 'github-token': GITHUB_TOKEN }, dispatched('603', MINUTE));
    expect(checkOf(run, 'from').summary).toMatch(new RegExp(`^${history.serving.id}: serving when the run was dispatched \\(\\d{4}-\\d\\d-\\d\\dT`));
    expect(run.summary).toContain(history.serving.id);
  });

  it("does nothing when production no longer serves 'from'", async () => {
    const run = await runRollback(vercel, { from: history.good.id });
    expect(run.failed).toBe(false);
    expect(run.outputs.status).toBe('unchanged');
    expect(promotions()).toHaveLength(0);
  });

  it("rolls back when production still serves 'from'", async () => {
    const run = await runRollback(vercel, { from: history.serving.id });
    expect(run.outputs.status).toBe('rolled-back');
    expect(promotions()).toHaveLength(1);
  });

  it('does nothing when a deploy after the dispatch took production', async () => {
    const newer = vercel.seedDeployment({ target: 'production', serving: true, createdAt: Date.now() });
    const run = await runRollback(vercel, { 'github-token': GITHUB_TOKEN }, dispatched('604', 5 * MINUTE));
    expect(run.outputs.status).toBe('unchanged');
    expect(checkOf(run, 'from').summary).toContain(`production now serves ${newer.id}, deployed after that`);
    expect(promotions()).toHaveLength(0);
  });
});

describe('rollback never asks twice', () => {
  it('follows a promotion whose reply was lost instead of sending it again', async () => {
    proxy.inject({ method: 'POST', path: /\/promote\//, fault: { kind: 'reset-after' } });
    const run = await runRollback(vercel, { 'api-url': proxy.url });
    expect(run.failed).toBe(false);
    expect(run.outputs.status).toBe('rolled-back');
    expect(promotions()).toHaveLength(1);
  });

  it('follows a promotion answered 502 by a gateway after Vercel accepted it', async () => {
    proxy.inject({ method: 'POST', path: /\/promote\//, fault: { kind: 'status-after', status: 502 } });
    const run = await runRollback(vercel, { 'api-url': proxy.url });
    expect(run.outputs.status).toBe('rolled-back');
    expect(promotions()).toHaveLength(1);
  });

  it('follows a 409 that is its own earlier request, not a failure', async () => {
    // Vercel accepted the first request but answered 503; a stale read said no job; the retry got 409.
    let job: { toDeploymentId: string; jobStatus: string; requestedAt: number } | undefined;
    let reads = 0;
    const api = await startEmulator({
      'POST /v10/projects/:p/promote/:d': (_req, p) => {
        if (job) return { status: 409, body: { error: { code: 'conflict', message: 'Another promotion is in progress' } } };
        job = { toDeploymentId: p['d']!, jobStatus: 'in-progress', requestedAt: Date.now() };
        return { status: 503, body: { error: { code: 'internal', message: 'try again' } } };
      },
      'GET /v9/projects/:p': (_req, p) => ({ body: { id: p['p'], name: 'web', ...(++reads > 1 && job ? { lastAliasRequest: job } : {}) } }),
    });
    try {
      const client = new VercelClient({ token: 'vercel_token_0123456789', apiUrl: api.url, backoffMs: 1 });
      await expect(client.promote('prj_1', 'dpl_target', null)).resolves.toEqual({ status: 202 });
      expect(api.calls('POST /v10/projects/:p/promote/:d')).toHaveLength(2);
    } finally {
      await api.close();
    }
  });
});

describe('rollback keeps to its timeout and cleans up when cancelled', () => {
  it('stops on a hung API within its timeout', async () => {
    proxy.inject({ method: 'GET', path: /^\/v9\/projects\//, fault: { kind: 'hang' }, times: Infinity });
    const started = Date.now();
    const run = await runRollback(vercel, { 'api-url': proxy.url, timeout: '2s' });
    expect(run.failed).toBe(true);
    expect(run.outputs.status).toBe('failed');
    expect(Date.now() - started).toBeLessThan(2000 + 5000);
  });

  it('says the promotion did not finish in time, not that it lost track, when the timeout cuts a status poll', async () => {
    vercel.promotionPolls = 'never';
    let polls = 0;
    proxy.onRequest = (method, path) => {
      if (method === 'GET' && path.startsWith('/v9/projects/') && promotions().length > 0 && ++polls === 2) {
        proxy.inject({ method: 'GET', path: /^\/v9\/projects\//, fault: { kind: 'hang' }, times: Infinity });
      }
    };
    const run = await runRollback(vercel, { 'api-url': proxy.url, timeout: '1s' });
    expect(run.failed).toBe(true);
    expect(proxy.requests.filter((r) => r.fault === 'hang')).toHaveLength(1);
    expect(run.result.message).toMatch(
      new RegExp(`^Vercel accepted the promotion of ${history.good.id}, but production did not serve it within 'timeout' \\(1s\\); the alias job is in-progress`),
    );
    expect(run.outputs.status).toBe('failed');
  });

  it('gives the GitHub Deployment a final status and says cancelled on SIGTERM', async () => {
    vercel.promotionPolls = 'never';
    let polls = 0;
    proxy.onRequest = (method, path) => {
      if (method === 'GET' && path.startsWith('/v9/projects/') && promotions().length > 0 && ++polls === 1) setImmediate(() => process.emit('SIGTERM', 'SIGTERM'));
    };
    const run = await runRollback(
      vercel,
      { 'api-url': proxy.url, 'github-deployment': 'true', 'github-token': GITHUB_TOKEN },
      { env: { GITHUB_API_URL: github.url } },
    );
    expect(run.failed).toBe(true);
    expect(run.outputs.status).toBe('failed');
    expect(github.state.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(run.summary).toMatch(/Cancelled/);
    expect(run.everything).not.toContain(GITHUB_TOKEN);
  });
});
