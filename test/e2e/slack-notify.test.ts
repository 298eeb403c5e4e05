import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runDist, spawnNode, ROOT } from '../harness/dist.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack.js';
import { join } from 'node:path';

/**
 * The built action, run as the runner runs it: `node dist/slack-notify/index.js` with INPUT_*
 * variables and GITHUB_* files; one step's outputs feed the next step's inputs.
 */
let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator();
});
afterAll(async () => slack.close());

const RUN = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567', GITHUB_RUN_ID: '77', GITHUB_ACTOR: 'octocat' };

describe('dist/slack-notify', () => {
  it('posts "started", then updates that same message to "success" from the first step\'s outputs', async () => {
    const channel = slack.channels[0]!.id;
    const common = { 'bot-token': slack.token, 'api-url': slack.apiUrl, environment: 'production' };
    const started = await runDist('slack-notify', { ...common, channel, status: 'started' }, { env: RUN });
    expect(started.exitCode).toBe(0);
    expect(started.outputs['ok']).toBe('true');
    expect(started.outputs['ts']).toMatch(/^\d+\.\d+$/);

    const done = await runDist('slack-notify', { ...common, channel: started.outputs['channel-id'], 'update-ts': started.outputs['ts'], status: 'success', url: 'https://shop.example.com' }, { env: RUN });
    expect(done.exitCode).toBe(0);
    const message = slack.messages.find((m) => m.ts === started.outputs['ts'])!;
    expect(message.updates).toBe(1);
    expect(JSON.stringify(message.body)).toContain('https://shop.example.com');
    expect(done.summary).toContain('Slack notification');
    for (const output of [started, done]) {
      expect(`${output.stdout}${output.stderr}${output.summary}`.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain(slack.token);
    }
  });

  it('fails with the input named when an input is wrong', async () => {
    const run = await runDist('slack-notify', { 'webhook-url': slack.webhookUrl, status: 'done' }, { env: RUN });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::Input 'status' "done" .*expected one of: started, success, failure, cancelled, rolled-back/);
  });
});

describe('dist/cli.js (the local command)', () => {
  const cli = (...args: string[]) => spawnNode([join(ROOT, 'dist', 'cli.js'), ...args], { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' }, ROOT);

  it('lists the actions', async () => {
    const { exitCode, stdout } = await cli('--help');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/slack-notify\s+Tells Slack how a deploy went/);
  });

  it("lists an action's inputs from its action.yml", async () => {
    const { stdout } = await cli('slack-notify', '--help');
    expect(stdout).toContain('--api-url  (default: https://slack.com/api)');
    expect(stdout).toContain('--fail-on-error  (default: false)');
    expect(stdout).toContain('Outputs (printed as name=value):');
  });

  it('runs the action with flags and prints the report to the terminal', async () => {
    const { exitCode, stdout } = await cli('slack-notify', '--webhook-url', slack.webhookUrl, '--status', 'failure', '--environment', 'staging');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('PASS  Slack message (incoming webhook)');
    expect(stdout).toContain('ok=true');
    expect(stdout).not.toContain(slack.webhookUrl);
    expect(stdout).not.toContain('::');
  });

  it('names an unknown flag and an unknown action', async () => {
    expect((await cli('slack-notify', '--web-hook', 'x')).stdout).toContain("deploy-kit slack-notify: unknown input '--web-hook'");
    const unknown = await cli('deploy-everything');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stdout).toContain("no action named 'deploy-everything'. Actions: ");
  });

  it('exits 1 with the reason when the action fails', async () => {
    const { exitCode, stdout } = await cli('slack-notify', '--webhook-url', slack.webhookUrl, '--status', 'nope');
    expect(exitCode).toBe(1);
    expect(stdout).toContain("Failed: Input 'status' \"nope\"");
  });
});
