import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runDist } from '../harness/dist.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack.js';
import { startVercelEmulator, type VercelEmulator } from '../emulators/vercel.js';
import { prebuiltApp, pushEvent, REPO, SHA } from '../../actions/deploy/__tests__/helpers.js';

/** The built deploy action, run like the runner, then its outputs handed to the next step. */
let vercel: VercelEmulator;
let slack: SlackEmulator;
beforeAll(async () => {
  [vercel, slack] = await Promise.all([startVercelEmulator(), startSlackEmulator()]);
});
afterAll(async () => Promise.all([vercel.close(), slack.close()]));

const env = { GITHUB_REPOSITORY: REPO, GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/main', GITHUB_ACTOR: 'octocat', GITHUB_RUN_ID: '9', DEPLOY_KIT_POLL_MS: '5', DEPLOY_KIT_RETRY_MS: '5' };

describe('dist/deploy → dist/slack-notify', () => {
  it('deploys a prebuilt output to production and tells Slack the URL it output', async () => {
    const app = await prebuiltApp('production');
    const deploy = await runDist(
      'deploy',
      { 'vercel-token': vercel.token, 'vercel-org-id': vercel.teamId, 'vercel-project-id': vercel.project.id, 'api-url': vercel.url, environment: 'production', prebuilt: 'true' },
      { env: { ...env, GITHUB_WORKSPACE: app }, event: pushEvent, cwd: app },
    );
    expect(deploy.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([]);
    expect(deploy.exitCode).toBe(0);
    expect(deploy.outputs).toMatchObject({ 'ready-state': 'READY' });
    expect(deploy.outputs['url']).toMatch(/^https:\/\//);
    expect(deploy.outputs['deployment-id']).toMatch(/^dpl_/);
    expect(vercel.state.violations).toEqual([]);
    expect(`${deploy.stdout}${deploy.summary}`.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain(vercel.token);

    const notify = await runDist('slack-notify', { 'webhook-url': slack.webhookUrl, status: 'success', environment: 'production', url: deploy.outputs['url'] }, { env });
    expect(notify.outputs['ok']).toBe('true');
    expect(JSON.stringify(slack.messages.at(-1)!.body)).toContain(deploy.outputs['url']!);
  });
});
