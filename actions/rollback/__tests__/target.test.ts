import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { addProject } from '../../../test/emulators/vercel-promote.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { checkOf, mutatingCalls, runRollback, seedHistory } from './helpers.js';

/** Which deployment production goes back to, and the targets refused before anything changes. */
let vercel: VercelEmulator;
beforeEach(async () => {
  vercel = await startVercelEmulator();
});
afterEach(async () => vercel.close());

const MINUTE = 60_000;
const listings = () => vercel.calls('GET /v6/deployments');

describe('rollback: the default target', () => {
  it('is the newest READY production deployment before the one serving now', async () => {
    const history = seedHistory(vercel);
    const run = await runRollback(vercel, { reason: 'Checkout answers 500' });

    expect(run.failed).toBe(false);
    expect(run.outputs).toMatchObject({ 'rolled-back-from': history.serving.id, 'rolled-back-to': history.good.id, status: 'rolled-back' });
    expect(mutatingCalls(vercel)).toEqual([`POST /v10/projects/${vercel.project.id}/promote/${history.good.id}`]);
    expect(vercel.project.productionDeploymentId).toBe(history.good.id);
    expect(vercel.state.aliases.get('web.example.com')).toBe(history.good.id);
    const query = listings()[0]!.query;
    expect([query.get('projectId'), query.get('target'), query.get('state'), query.get('teamId')]).toEqual([vercel.project.id, 'production', 'READY', vercel.teamId]);
    expect(checkOf(run, 'target').summary).toContain('the newest READY production deployment before the current one');
    expect(vercel.state.violations).toEqual([]);
  });

  it('walks the list page by page, past newer deployments that never served, to the one before production', async () => {
    await vercel.close();
    vercel = await startVercelEmulator({ maxPageSize: 1 });
    const now = Date.now();
    const history = seedHistory(vercel, now - 60 * MINUTE);
    // Built after the serving one (e.g. after an earlier rollback) but never promoted: not "before" it.
    const staged = [1, 2].map((n) => vercel.seedDeployment({ target: 'production', createdAt: now - n * MINUTE }));

    const run = await runRollback(vercel, {});

    expect(run.outputs['rolled-back-to']).toBe(history.good.id);
    expect(staged.map((d) => d.id)).not.toContain(run.outputs['rolled-back-to']);
    // One deployment per page: the two staged ones, the serving one, then the good one.
    expect(listings()).toHaveLength(4);
    expect(listings()[0]!.query.get('until')).toBeNull();
    expect(listings().slice(1).map((r) => Number(r.query.get('until')))).toEqual([staged[0]!.createdAt, staged[1]!.createdAt, history.serving.createdAt]);
    expect(checkOf(run, 'target').summary).toContain('(4 listed)');
  });

  it('stops listing once it has found the target', async () => {
    await vercel.close();
    vercel = await startVercelEmulator({ maxPageSize: 1 });
    const now = Date.now();
    for (const n of [50, 40, 30]) vercel.seedDeployment({ target: 'production', createdAt: now - n * MINUTE });
    const previous = vercel.seedDeployment({ target: 'production', createdAt: now - 20 * MINUTE });
    vercel.seedDeployment({ target: 'production', createdAt: now - 10 * MINUTE, serving: true });

    const run = await runRollback(vercel, {});

    expect(run.outputs['rolled-back-to']).toBe(previous.id);
    expect(listings()).toHaveLength(2);
  });

  it('refuses when no READY production deployment is older than the one serving', async () => {
    const serving = vercel.seedDeployment({ target: 'production', serving: true });
    vercel.seedDeployment({ target: 'production', readyState: 'ERROR', createdAt: serving.createdAt - MINUTE });

    const run = await runRollback(vercel, {});

    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(new RegExp(`^Vercel project web has no READY production deployment older than the one serving now \\(${serving.id}, created .+\\), so there is nothing to roll back to\\. Pass 'to' with a specific deployment, or fix forward with a new deploy\\.$`));
    expect(run.outputs).toMatchObject({ status: 'failed', 'rolled-back-from': serving.id });
    expect(mutatingCalls(vercel)).toEqual([]);
  });

  it('refuses to guess when nothing serves production', async () => {
    vercel.seedDeployment({ target: 'production' });
    const run = await runRollback(vercel, {});
    expect(run.result.message).toBe(`Vercel project web has no production deployment serving now, so there is no "previous" one to go back to. Pass 'to' with the deployment to promote.`);
    expect(mutatingCalls(vercel)).toEqual([]);
  });
});

describe('rollback: an explicit target', () => {
  it('takes a deployment id, even one further back than the previous deployment', async () => {
    const history = seedHistory(vercel);
    const newerGood = vercel.seedDeployment({ target: 'production', createdAt: history.serving.createdAt - 5 * MINUTE });

    const run = await runRollback(vercel, { to: history.good.id });

    expect(run.failed).toBe(false);
    expect(run.outputs['rolled-back-to']).toBe(history.good.id);
    expect(run.outputs['rolled-back-to']).not.toBe(newerGood.id);
    expect(listings()).toHaveLength(0);
    expect(checkOf(run, 'target').summary).toContain("named by 'to'");
    expect(vercel.project.productionDeploymentId).toBe(history.good.id);
  });

  it.each([
    ['its https:// URL', (host: string) => `https://${host}/`],
    ['its URL with a path', (host: string) => `https://${host}/checkout?x=1`],
    ['its bare host name', (host: string) => host.toUpperCase()],
  ])('takes %s', async (_what, form) => {
    const history = seedHistory(vercel);
    const run = await runRollback(vercel, { to: form(history.good.url) });
    expect(run.outputs['rolled-back-to']).toBe(history.good.id);
    expect(vercel.calls('GET /v13/deployments/:idOrUrl').map((r) => decodeURIComponent(r.path.split('/').pop()!))).toContain(history.good.url);
  });

  it('leaves production alone when the target already serves it', async () => {
    const history = seedHistory(vercel);
    const run = await runRollback(vercel, { to: history.serving.id });
    expect(run.failed).toBe(false);
    expect(run.outputs).toMatchObject({ status: 'unchanged', 'rolled-back-from': history.serving.id, 'rolled-back-to': history.serving.id });
    expect(mutatingCalls(vercel)).toEqual([]);
    expect(run.summary).toContain('already serves');
  });
});

describe('rollback: refused targets', () => {
  it('refuses a deployment that is not READY', async () => {
    const history = seedHistory(vercel);
    const run = await runRollback(vercel, { to: history.failed.id });
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      `Deployment ${history.failed.id} (https://${history.failed.url}) is ERROR, not READY: only a deployment that finished building can serve production. ` +
        "Pick a READY one from the Deployments page, or leave 'to' empty to take the newest READY production deployment before the current one.",
    );
    expect(checkOf(run, 'target').status).toBe('fail');
    expect(run.outputs).toMatchObject({ status: 'failed', 'rolled-back-from': history.serving.id });
    expect(mutatingCalls(vercel)).toEqual([]);
  });

  it('refuses a preview deployment, saying promoting it means a rebuild and how to do that', async () => {
    const history = seedHistory(vercel);
    const run = await runRollback(vercel, { to: history.preview.id });
    const url = `https://${history.preview.url}`;
    expect(run.result.message).toBe(
      `Deployment ${history.preview.id} (${url}) is a preview deployment: it was built with preview environment variables, and Vercel promotes a preview only by rebuilding it as a new production deployment, which is not a rollback. ` +
        `To ship its code, deploy its commit to production (deploy-kit deploy with environment: production) or run \`vercel promote ${url}\` to rebuild it for production; then roll back to that deployment if needed.`,
    );
    expect(mutatingCalls(vercel)).toEqual([]);
  });

  it('refuses a deployment of another project', async () => {
    seedHistory(vercel);
    const blog = addProject(vercel, { name: 'blog' });
    const foreign = vercel.seedDeployment({ target: 'production', projectId: blog.id });
    const run = await runRollback(vercel, { to: foreign.id });
    expect(run.result.message).toBe(
      `Deployment ${foreign.id} (https://${foreign.url}) belongs to another Vercel project (${blog.id}), not web (${vercel.project.id}): promoting it would put another app on this project's domains. ` +
        "Pick a deployment from web's Deployments page, or check 'vercel-project-id'.",
    );
    expect(mutatingCalls(vercel)).toEqual([]);
  });

  it('says so when the deployment does not exist in the scope', async () => {
    seedHistory(vercel);
    const run = await runRollback(vercel, { to: 'dpl_doesnotexist123' });
    expect(run.result.message).toBe(
      `Input 'to' "dpl_doesnotexist123": Vercel has no deployment with this id or URL in team ${vercel.teamId} (404). ` +
        "Copy the id (dpl_…) or URL from the project's Deployments page; if the project belongs to a team, set 'vercel-org-id' to it.",
    );
    expect(mutatingCalls(vercel)).toEqual([]);
  });
});
