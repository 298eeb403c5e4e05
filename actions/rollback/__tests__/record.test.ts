import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { GOOD_SHA, REPO, runRollback, seedHistory, startProduction, type History, type Production } from './helpers.js';

/** Who rolled back and why, in the summary and the GitHub Deployment; and no secret anywhere. */
const TOKEN = 'vercel-secret-token-7f3a9c1e5b2d4680'; // deploy-kit:allow (a fake token the test searches for)
const GITHUB_TOKEN = 'ghs_rollbackSecretToken0123456789';
const BYPASS = 'bypass-secret-8e1f2a3b4c5d6e7f';

let vercel: VercelEmulator;
let github: GitHubEmulator;
let history: History;
let production: Production;
let broken: Production;

beforeAll(async () => {
  production = await startProduction();
  broken = await startProduction({ 'GET /': () => ({ status: 503, body: 'maintenance' }) });
});
afterAll(async () => Promise.all([production.close(), broken.close()]));

beforeEach(async () => {
  vercel = await startVercelEmulator({ token: TOKEN });
  github = await startGitHubEmulator();
  history = seedHistory(vercel);
});
afterEach(async () => Promise.all([vercel.close(), github.close()]));

const withGitHub = () => ({ env: { GITHUB_API_URL: github.url } });

describe('rollback: the record of who and why', () => {
  it('puts the reason and the triggering actor in the summary', async () => {
    const run = await runRollback(vercel, { reason: 'Checkout answers 500 | since <deploy>' }, { production });
    expect(run.summary).toContain(`**Production** (${production.url}) rolled back from \`${history.serving.id}\` to \`${history.good.id}\`.`);
    expect(run.summary).toContain('**Reason:** Checkout answers 500 \\| since &lt;deploy>');
    expect(run.summary).toContain(`**By:** @on-call-oli · [workflow run](https://github.com/${REPO}/actions/runs/5151)`);
    expect(run.summary).toContain(`commit ${GOOD_SHA.slice(0, 7)}`);
  });

  it('records who and why also when the rollback is refused', async () => {
    const run = await runRollback(vercel, { to: history.preview.id, reason: 'Try the new checkout' });
    expect(run.outputs.status).toBe('failed');
    expect(run.summary).toContain("**Rollback stopped:** the step's error says why.");
    expect(run.summary).toContain('**Reason:** Try the new checkout');
    expect(run.summary).toContain('**By:** @on-call-oli');
  });

  it('records a GitHub Deployment of Production for the target commit: in_progress, then success with the reason', async () => {
    const run = await runRollback(vercel, { reason: 'Checkout answers 500', 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, { production, ...withGitHub() });

    expect(run.failed).toBe(false);
    expect(github.state.deployments).toHaveLength(1);
    const deployment = github.state.deployments[0]!;
    expect(deployment).toMatchObject({
      ref: GOOD_SHA,
      environment: 'Production',
      production_environment: true,
      transient_environment: false,
      payload: { rolledBackFrom: history.serving.id, rolledBackTo: history.good.id, reason: 'Checkout answers 500', actor: 'on-call-oli' },
    });
    expect(deployment.statuses).toEqual([
      { state: 'in_progress', description: `Rolling back to ${history.good.id}`, log_url: `https://github.com/${REPO}/actions/runs/5151` },
      {
        state: 'success',
        description: `Rolled back to ${history.good.id} by @on-call-oli: Checkout answers 500`,
        environment_url: production.url,
        log_url: `https://github.com/${REPO}/actions/runs/5151`,
      },
    ]);
    expect(github.requests.every((r) => r.headers.authorization === `token ${GITHUB_TOKEN}`)).toBe(true);
  });

  it('marks the GitHub Deployment failed when production is unhealthy after the rollback', async () => {
    const run = await runRollback(vercel, { 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, { production: broken, ...withGitHub() });
    expect(run.outputs.status).toBe('unhealthy');
    expect(github.state.deployments[0]!.statuses.map((s) => [s.state, s.description])).toEqual([
      ['in_progress', `Rolling back to ${history.good.id}`],
      ['failure', `Production serves ${history.good.id}, but the smoke checks fail`],
    ]);
  });

  it('marks the GitHub Deployment failed when the promotion does not complete', async () => {
    vercel.promotionPolls = 'never';
    const run = await runRollback(vercel, { timeout: '1s', 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, withGitHub());
    expect(run.outputs.status).toBe('failed');
    expect(github.state.deployments[0]!.statuses.at(-1)).toMatchObject({ state: 'failure', description: `Rollback to ${history.good.id} did not complete` });
  });

  it('goes on rolling back with a warning when GitHub refuses the deployment', async () => {
    github.deny.add('deployments');
    const run = await runRollback(vercel, { 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, withGitHub());
    expect(run.failed).toBe(false);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.stdout).toContain('::warning::GitHub deployment not recorded: the token may not write deployments (403): add `permissions: deployments: write` to the job (fork pull requests get a read-only token).');
  });

  it('records no GitHub Deployment on a dry run; the report still goes to its check run', async () => {
    await runRollback(vercel, { 'dry-run': 'true', 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, withGitHub());
    expect(github.requests.filter((r) => r.path.includes('/deployments'))).toHaveLength(0);
    // Besides the check run, only the run's dispatch time is read, to pin what a rollback would roll back from.
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/octo/shop/actions/runs/5151', 'POST /repos/octo/shop/check-runs']);
    expect((github.requests[1]!.body as { name: string; output: { summary: string } })).toMatchObject({
      name: 'deploy-kit rollback',
      output: { summary: expect.stringContaining('**Dry run:** would promote') },
    });
  });
});

describe('rollback: secrets', () => {
  it('never shows the Vercel token, the GitHub token or the bypass secret, whatever happens', async () => {
    const runs = [
      await runRollback(vercel, { 'github-deployment': 'true', 'github-token': GITHUB_TOKEN, 'bypass-token': BYPASS }, { production, ...withGitHub() }),
      await runRollback(vercel, { to: history.preview.id, 'bypass-token': BYPASS }, { production }),
      await runRollback(vercel, { 'vercel-token': 'vercel-wrong-token-0000000000', 'bypass-token': BYPASS }, { production }),
    ];
    expect(runs.map((r) => r.failed)).toEqual([false, true, true]);
    expect(runs[2]!.result.message).toContain('Vercel rejected the token (403)');
    for (const run of runs) {
      for (const secret of [TOKEN, GITHUB_TOKEN, BYPASS, 'vercel-wrong-token-0000000000']) expect(run.everything).not.toContain(secret);
    }
    // The bypass secret went to production, and only there.
    expect(production.site.requests.some((r) => r.headers['x-vercel-protection-bypass'] === BYPASS)).toBe(true);
    expect(vercel.requests.some((r) => JSON.stringify(r.headers).includes(BYPASS))).toBe(false);
  });
});
