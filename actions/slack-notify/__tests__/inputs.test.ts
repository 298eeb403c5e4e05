import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlackEmulator, type SlackEmulator } from '../../../test/emulators/slack.js';
import { slackNotifyInputs } from '../src/inputs.js';
import { notify } from './helpers.js';

let slack: SlackEmulator;
let workspace: string;
beforeAll(async () => {
  slack = await startSlackEmulator();
  workspace = await mkdtemp(join(tmpdir(), 'slack-notify-inputs-'));
  await writeFile(join(workspace, 'broken.json'), '{\n  "text": "unterminated\n}\n');
  await writeFile(join(workspace, 'unquoted.yml'), 'text: {{ github.sha }}\n');
  await mkdir(join(workspace, 'a-folder'));
  await symlink('/etc/hostname', join(workspace, 'linked.json'));
});
afterAll(async () => slack.close());

/** Runs with one bad input next to otherwise good ones; the step must fail with `message` and send nothing. */
async function expectRejected(inputs: Record<string, string>, message: string, env: Record<string, string> = {}) {
  const before = slack.requests.length;
  const run = await notify(inputs, { env: { GITHUB_WORKSPACE: workspace, ...env } });
  expect(run.failed).toBe(true);
  expect(run.stdout).toContain(`::error::${message}`);
  expect(slack.requests).toHaveLength(before);
}

describe('a wrong value for each input says what is wrong and what is expected', () => {
  const webhook = () => ({ 'webhook-url': slack.webhookUrl });
  const bot = () => ({ 'bot-token': slack.token, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl });

  it('webhook-url', async () => {
    await expectRejected({ 'webhook-url': 'hooks.slack.com/services/T0/B0/xyz' }, "Input 'webhook-url' (value hidden) is not a valid URL: expected an absolute URL (https or http://…).");
  });

  it('bot-token', async () => {
    await expectRejected(
      { 'bot-token': 'https://hooks.slack.com/services/T0/B0/xyz', channel: 'C0DEPLOYS1' },
      'Input \'bot-token\' (value hidden) is not a Slack token: expected a Slack bot token (xoxb-…) from the app\'s "OAuth & Permissions" page, e.g. ${{ secrets.SLACK_BOT_TOKEN }}.',
    );
  });

  it('channel', async () => {
    await expectRejected({ ...bot(), channel: 'deploys team' }, 'Input \'channel\' "deploys team" is not a channel ID or name: expected a channel ID (C0123456789) or name (#deploys).');
  });

  it('api-url', async () => {
    await expectRejected({ ...bot(), 'api-url': 'slack.com/api' }, 'Input \'api-url\' "slack.com/api" is not a valid URL: expected an absolute URL (https or http://…).');
  });

  it('update-ts', async () => {
    await expectRejected({ ...bot(), 'update-ts': 'yesterday' }, 'Input \'update-ts\' "yesterday" is not a Slack message timestamp: expected the `ts` output of an earlier slack-notify step, e.g. 1712345678.123456.');
  });

  it('status', async () => {
    await expectRejected({ ...webhook(), status: 'succeeded' }, 'Input \'status\' "succeeded" is not one of the choices: expected one of: started, success, failure, cancelled, rolled-back.');
  });

  it('environment', async () => {
    await expectRejected({ ...webhook(), environment: 'production\nstaging' }, 'Input \'environment\' "production\\nstaging" is not a single line: expected an environment name on one line, e.g. production.');
  });

  it('url', async () => {
    await expectRejected({ ...webhook(), url: 'shop.example.com' }, 'Input \'url\' "shop.example.com" is not a valid URL: expected an absolute URL (https or http://…).');
  });

  it('title', async () => {
    await expectRejected({ ...webhook(), title: 'Deployed\nthe shop' }, 'Input \'title\' "Deployed\\nthe shop" is not a single line: expected a title on one line, e.g. Deployed the storefront.');
  });

  it('payload: not JSON or YAML', async () => {
    await expectRejected(
      { ...webhook(), payload: '{"text": "hi",' },
      'Input \'payload\' "{\\"text\\": \\"hi\\"," is not valid JSON (line 1, column 15: Expected double-quoted property name): expected a Slack message as a JSON or YAML object, e.g. {"text": "Deployed {{ github.sha }}"}.',
    );
  });

  it('payload: a list, not an object', async () => {
    await expectRejected({ ...webhook(), payload: '- text: hi' }, 'Input \'payload\' "- text: hi" is a list, not an object: expected a Slack message as a JSON or YAML object');
  });

  it('payload-file: missing', async () => {
    await expectRejected(
      { ...webhook(), 'payload-file': '.github/slack.json' },
      `Input 'payload-file' ".github/slack.json" does not exist (looked for ${join(workspace, '.github/slack.json')}; did the job check out the repository?): expected a path to a JSON or YAML file with a Slack message, relative to the repository root.`,
    );
  });

  it('payload-file: outside the workspace', async () => {
    await expectRejected(
      { ...webhook(), 'payload-file': '/etc/passwd' },
      `Input 'payload-file' "/etc/passwd" points outside the workspace: expected a path to a JSON or YAML file with a Slack message, relative to the repository root, inside the repository (${workspace}).`,
    );
  });

  it('payload-file: a link out of the workspace', async () => {
    await expectRejected({ ...webhook(), 'payload-file': 'linked.json' }, `Input 'payload-file' "linked.json" points outside the workspace (through a symbolic link, to /etc/hostname)`);
  });

  it('payload-file: a folder', async () => {
    await expectRejected({ ...webhook(), 'payload-file': 'a-folder' }, "Input 'payload-file' \"a-folder\" is not a file: expected a path to a JSON or YAML file");
  });

  it('payload-file: broken JSON', async () => {
    await expectRejected({ ...webhook(), 'payload-file': 'broken.json' }, "Input 'payload-file' \"broken.json\" is not valid JSON (line 2, column 24: Bad control character in string literal): expected");
  });

  it('payload-file: an unquoted placeholder in YAML', async () => {
    await expectRejected(
      { ...webhook(), 'payload-file': 'unquoted.yml' },
      'Input \'payload-file\' "unquoted.yml" has an unquoted {{ placeholder }} on line 1, which YAML reads as a mapping; quote the value, e.g. text: "{{ github.sha }}": expected',
    );
  });

  it('fail-on-error', async () => {
    await expectRejected({ ...webhook(), 'fail-on-error': 'yes' }, 'Input \'fail-on-error\' "yes" is not a boolean: expected \'true\' or \'false\'.');
  });

  it('covers every input of the action', () => {
    const tested = ['webhook-url', 'bot-token', 'channel', 'api-url', 'update-ts', 'status', 'environment', 'url', 'title', 'payload', 'payload-file', 'fail-on-error'];
    expect(Object.keys(slackNotifyInputs).sort()).toEqual(tested.sort());
  });
});

describe('inputs that do not go together', () => {
  it('neither webhook-url nor bot-token, with fail-on-error: true', async () => {
    await expectRejected({ status: 'success', 'fail-on-error': 'true' }, "No Slack destination: set 'webhook-url' (an incoming webhook) or 'bot-token' with 'channel'. If you passed ${{ secrets.… }}, that secret is empty here");
  });

  it('neither webhook-url nor bot-token, with fail-on-error: false (an optional secret not set): warns and succeeds', async () => {
    const before = slack.requests.length;
    const run = await notify({ status: 'success', 'fail-on-error': 'false' }, { env: { GITHUB_WORKSPACE: workspace } });
    expect(run.failed).toBe(false);
    expect(run.stdout).toMatch(/::warning::No Slack destination: set 'webhook-url'/);
    expect(run.outputs['ok']).toBe('false');
    expect(run.summary).toMatch(/⚠️.*Not sent: No Slack destination/s);
    expect(slack.requests).toHaveLength(before);
  });

  it('both webhook-url and bot-token', async () => {
    await expectRejected(
      { 'webhook-url': slack.webhookUrl, 'bot-token': slack.token, channel: 'C0DEPLOYS1' },
      "Inputs 'webhook-url' and 'bot-token' are both set: give one — 'webhook-url' for an incoming webhook, or 'bot-token' with 'channel' to post through the Web API.",
    );
  });

  it('bot-token without channel', async () => {
    await expectRejected({ 'bot-token': slack.token }, "Input 'channel' is required with 'bot-token': expected a channel ID (C0123456789) or name (#deploys)");
  });

  it('channel with a webhook', async () => {
    await expectRejected({ 'webhook-url': slack.webhookUrl, channel: '#deploys' }, "Input 'channel' only works with 'bot-token': an incoming webhook always posts to the channel it was created for.");
  });

  it('update-ts with a webhook', async () => {
    await expectRejected({ 'webhook-url': slack.webhookUrl, 'update-ts': '1712345678.123456' }, "Input 'update-ts' needs 'bot-token' and 'channel': an incoming webhook cannot edit a message it posted.");
  });

  it('payload and payload-file', async () => {
    await expectRejected({ 'webhook-url': slack.webhookUrl, payload: 'text: hi', 'payload-file': 'slack.yml' }, "Inputs 'payload' and 'payload-file' are both set: give one");
  });

  it('names every bad input at once', async () => {
    const run = await notify({ 'webhook-url': slack.webhookUrl, status: 'done', 'fail-on-error': 'maybe' });
    expect(run.failed).toBe(true);
    expect(run.stdout).toContain("Input 'status' \"done\" is not one of the choices");
    expect(run.stdout).toContain("Input 'fail-on-error' \"maybe\" is not a boolean");
  });
});
