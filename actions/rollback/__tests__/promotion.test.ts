import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { failRunningPromotion, startVercelProxy } from '../../../test/emulators/vercel-promote.js';
import { projectJson } from '../../../test/emulators/vercel-objects.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { checkOf, mutatingCalls, runRollback, seedHistory, type History } from './helpers.js';

/** Promotion through the Vercel API, followed until production serves the target, or failing clearly. */
let vercel: VercelEmulator;
let history: History;
beforeEach(async () => {
  vercel = await startVercelEmulator();
  history = seedHistory(vercel);
});
afterEach(async () => vercel.close());

const projectPolls = () => vercel.calls('GET /v9/projects/:idOrName').length;

describe('rollback: promote', () => {
  it('follows a promotion that is queued (202) until production serves the target', async () => {
    vercel.promotionPolls = 3;
    const run = await runRollback(vercel, {});

    expect(run.failed).toBe(false);
    const promote = vercel.calls('POST /v10/projects/:projectId/promote/:deploymentId');
    expect(promote).toHaveLength(1);
    expect(promote[0]!.query.get('teamId')).toBe(vercel.teamId);
    // The first read of the project, then three status polls: pending → in-progress → in-progress → succeeded.
    expect(projectPolls()).toBe(4);
    expect(vercel.project.lastAliasRequest).toMatchObject({ toDeploymentId: history.good.id, jobStatus: 'succeeded', type: 'promote' });
    expect(checkOf(run, 'promotion')).toMatchObject({ status: 'pass', title: 'Promotion (POST /v10/projects/{projectId}/promote/{deploymentId})' });
    expect(checkOf(run, 'promotion').summary).toMatch(/^Vercel answered 202; production serves the target after .+ \(3 status poll\(s\)\)$/);
    expect(run.stdout).toContain(`Vercel queued the promotion of ${history.good.id} (202)`);
    expect(run.outputs.status).toBe('rolled-back');
  });

  it('fails clearly when the promotion never completes within the timeout, naming the aliases still moving', async () => {
    vercel.promotionPolls = 'never';
    const run = await runRollback(vercel, { timeout: '1s' });

    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      `Vercel accepted the promotion of ${history.good.id}, but production did not serve it within 'timeout' (1s); the alias job is in-progress: web.example.com (in-progress), web-emulated.vercel.app (in-progress). ` +
        "It may still finish: check with `vercel promote status`, or raise 'timeout' and run again.",
    );
    expect(run.outputs).toMatchObject({ status: 'failed', 'rolled-back-from': history.serving.id, 'rolled-back-to': history.good.id });
    expect(checkOf(run, 'promotion').status).toBe('fail');
    expect(vercel.project.productionDeploymentId).toBe(history.serving.id);
    expect(run.summary).toContain('**Rollback failed:**');
  });

  it('fails naming the aliases when Vercel reports the alias job failed', async () => {
    vercel.promotionPolls = 'never';
    const proxy = await startVercelProxy(vercel, failRunningPromotion(vercel));
    try {
      const run = await runRollback(vercel, { 'api-url': proxy.url });
      expect(run.result.message).toBe(
        `Vercel could not point every production domain at ${history.good.id} (the alias job failed: web.example.com (failed), web-emulated.vercel.app (failed)), so production may be split between deployments. ` +
          "Check the project's Settings → Domains, then run the rollback again or promote it from the dashboard.",
      );
      expect(vercel.calls('GET /v1/projects/:projectId/promote/aliases')[0]!.query.get('failedOnly')).toBe('true');
      expect(run.outputs.status).toBe('failed');
    } finally {
      await proxy.close();
    }
  });

  it('does not take an earlier alias job to the same deployment, still shown for a moment, for this one', async () => {
    // An hour ago production was rolled back to the same deployment; a deploy has replaced it since.
    vercel.project.lastAliasRequest = { fromDeploymentId: history.serving.id, toDeploymentId: history.good.id, jobStatus: 'succeeded', requestedAt: Date.now() - 3_600_000, type: 'promote', pollsLeft: 0 };
    vercel.promotionPolls = 2;
    const before = projectJson(vercel.project, history.serving);
    // Vercel answers the first status read after the request from before it: the old, succeeded job.
    const proxy = await startVercelProxy(vercel, (method, path) => {
      if (method === 'POST' && path.includes('/promote/')) vercel.failNext('GET /v9/projects/:idOrName', { body: before });
    });
    try {
      const run = await runRollback(vercel, { 'api-url': proxy.url });
      expect(run.failed).toBe(false);
      expect(run.outputs.status).toBe('rolled-back');
      // The first read, the stale one, then two polls of the new job.
      expect(projectPolls()).toBe(4);
      expect(vercel.project.productionDeploymentId).toBe(history.good.id);
    } finally {
      await proxy.close();
    }
  });

  it('says the promotion may still complete when Vercel stops answering while it is followed', async () => {
    const proxy = await startVercelProxy(vercel, (method, path) => {
      if (method === 'POST' && path.includes('/promote/')) vercel.failNext('GET /v9/projects/:idOrName', { status: 503, body: { error: { code: 'internal_server_error', message: 'Service unavailable' } } }, 4);
    });
    try {
      const run = await runRollback(vercel, { 'api-url': proxy.url });
      expect(run.result.message).toBe(
        `Vercel accepted the promotion of ${history.good.id}, but deploy-kit lost track of it: Vercel API GET /v9/projects/${vercel.project.id} answered 503 (internal_server_error): Service unavailable (still after retries). ` +
          'It may still complete: check `vercel promote status` or the Deployments page before running the rollback again.',
      );
      expect(run.outputs).toMatchObject({ status: 'failed', 'rolled-back-to': history.good.id });
    } finally {
      await proxy.close();
    }
  });

  it('explains a 409 (another promotion running) without waiting', async () => {
    vercel.failNext('POST /v10/projects/:projectId/promote/:deploymentId', { status: 409, body: { error: { code: 'conflict', message: 'Another promotion or rollback is in progress' } } });
    const run = await runRollback(vercel, {});
    expect(run.result.message).toBe(
      `Vercel refused to promote ${history.good.id} (409 conflict: Another promotion or rollback is in progress): another promotion or rollback of this project is in progress. Wait for it to finish (\`vercel promote status\`), then run the rollback again.`,
    );
    expect(projectPolls()).toBe(1);
    expect(run.outputs.status).toBe('failed');
  });
});

describe('rollback: method rollback (Instant Rollback)', () => {
  it('asks for an Instant Rollback with the reason as its description', async () => {
    const run = await runRollback(vercel, { method: 'rollback', reason: 'Checkout answers 500' });
    expect(run.failed).toBe(false);
    const calls = vercel.calls('POST /v1/projects/:projectId/rollback/:deploymentId');
    expect(calls.map((c) => c.path)).toEqual([`/v1/projects/${vercel.project.id}/rollback/${history.good.id}`]);
    expect(calls[0]!.query.get('description')).toBe('Checkout answers 500');
    expect(mutatingCalls(vercel)).toHaveLength(1);
    expect(vercel.project.lastAliasRequest?.type).toBe('rollback');
    expect(checkOf(run, 'promotion').summary).toMatch(/^Vercel answered 201;/);
    expect(vercel.state.violations).toEqual([]);
  });

  it('explains the plan limit when Vercel answers 402', async () => {
    vercel.failNext('POST /v1/projects/:projectId/rollback/:deploymentId', { status: 402, body: { error: { code: 'payment_required', message: 'To roll back further than the previous production deployment, upgrade to pro' } } });
    const run = await runRollback(vercel, { method: 'rollback' });
    expect(run.result.message).toBe(
      `Vercel refused to roll production back to ${history.good.id} (402 payment_required: To roll back further than the previous production deployment, upgrade to pro): ` +
        "the plan allows an Instant Rollback only to the immediately previous production deployment. Use method: promote, or pass that deployment as 'to'.",
    );
  });
});
