import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';
import { startEmulator } from '../../../test/emulators/server.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { COMMENT_MARKER } from '../../../packages/shared/src/github/sticky-comment.js';
import { SHA, pullRequestEvent, runDeploy, sourceApp } from './helpers.js';

const GITHUB_TOKEN = 'ghs_emulatedGitHubToken0123456789';

let vercel: VercelEmulator;
let github: GitHubEmulator;
beforeEach(async () => {
  [vercel, github] = await Promise.all([startVercelEmulator(), startGitHubEmulator()]);
});
afterEach(async () => Promise.all([vercel.close(), github.close()]));

const githubEnv = () => ({ GITHUB_API_URL: github.url });

describe('deploy: GitHub Deployment and pull request comment', () => {
  it('records a GitHub Deployment: in_progress, then success with the URL', async () => {
    const run = await runDeploy(vercel, await sourceApp(), { 'github-deployment': 'true', 'github-token': GITHUB_TOKEN, environment: 'production' }, { env: githubEnv() });
    expect(run.failed).toBe(false);
    const [deployment] = github.state.deployments;
    expect(deployment).toMatchObject({ ref: SHA, environment: 'Production', production_environment: true, transient_environment: false });
    const d = vercel.state.deployments.at(-1)!;
    expect(deployment!.statuses).toEqual([
      { state: 'in_progress', log_url: 'https://github.com/octo/shop/actions/runs/4242', description: 'Deploying to Vercel', environment_url: undefined },
      { state: 'success', environment_url: 'https://web.example.com', log_url: `https://vercel.com/emulated-team/web/${d.id.slice(4)}`, description: 'Vercel deployment ready' },
    ]);
    expect(run.everything).not.toContain(GITHUB_TOKEN);
  });

  it('marks the GitHub Deployment failed when the build fails', async () => {
    vercel.nextBuild({ states: ['ERROR'], log: ['boom'] });
    const run = await runDeploy(vercel, await sourceApp(), { 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, { env: githubEnv() });
    expect(run.failed).toBe(true);
    expect(github.state.deployments[0]).toMatchObject({ environment: 'Preview', transient_environment: true });
    expect(github.state.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  it('marks it error when the step stops on an API error after starting it', async () => {
    vercel.failNext('POST /v13/deployments', { status: 400, body: { error: { code: 'bad_request', message: 'Invalid request' } } });
    const run = await runDeploy(vercel, await sourceApp(), { 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, { env: githubEnv() });
    expect(run.failed).toBe(true);
    expect(github.state.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
  });

  it('a token that may not write deployments gets a warning, and the deploy goes on', async () => {
    github.deny.add('deployments');
    const run = await runDeploy(vercel, await sourceApp(), { 'github-deployment': 'true', 'github-token': GITHUB_TOKEN }, { env: githubEnv() });
    expect(run.failed).toBe(false);
    expect(run.stdout).toContain('::warning::GitHub deployment not recorded: the token may not write deployments (403): add `permissions: deployments: write` to the job');
  });

  it('a wrong github-token (401) gets a warning naming the input', async () => {
    const rejecting = await startEmulator({ 'POST /repos/:owner/:repo/deployments': () => ({ status: 401, body: { message: 'Bad credentials' } }) });
    try {
      const run = await runDeploy(vercel, await sourceApp(), { 'github-deployment': 'true', 'github-token': 'ghp_revokedToken000' }, { env: { GITHUB_API_URL: rejecting.url } });
      expect(run.failed).toBe(false);
      expect(run.stdout).toContain("::warning::GitHub deployment not recorded: GitHub rejected 'github-token' (401): pass a valid token");
    } finally {
      await rejecting.close();
    }
  });

  it('puts the preview URL and the inspector link in the sticky PR comment', async () => {
    const run = await runDeploy(vercel, await sourceApp(), { 'github-token': GITHUB_TOKEN }, { env: githubEnv(), eventName: 'pull_request', event: pullRequestEvent(7) });
    expect(run.failed).toBe(false);
    const d = vercel.state.deployments.at(-1)!;
    const [comment] = github.state.comments;
    expect(comment!.issue).toBe(7);
    expect(comment!.body).toContain(COMMENT_MARKER);
    expect(comment!.body).toContain(`**Preview:** https://${d.url}`);
    expect(comment!.body).toContain(`[Inspect](https://vercel.com/emulated-team/web/${d.id.slice(4)})`);

    await runDeploy(vercel, await sourceApp(), { 'github-token': GITHUB_TOKEN }, { env: githubEnv(), eventName: 'pull_request', event: pullRequestEvent(7) });
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]!.body).toContain(vercel.state.deployments.at(-1)!.url);
  });

  it('skips a pull request from a fork with a notice, calling no API', async () => {
    const run = await runDeploy(vercel, await sourceApp(), { 'vercel-token': undefined }, { env: githubEnv(), eventName: 'pull_request', event: pullRequestEvent(9, 'patch-1', true) });
    expect(run.failed).toBe(false);
    expect(run.result.status).toBe('skipped');
    expect(run.stdout).toContain('::notice::deploy skipped: this pull request comes from a fork, and fork pull requests get no secrets (no Vercel token).');
    expect(vercel.requests).toHaveLength(0);
    expect(run.outputs).toEqual({});
  });
});
