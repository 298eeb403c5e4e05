import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSlackEmulator, type SlackEmulator } from '../../../test/emulators/slack.js';
import { STATUSES, STATUS_LOOK } from '../src/status.js';
import { SHA, lastMessage, notify, partsOf } from './helpers.js';

let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator();
});
afterAll(async () => slack.close());

describe('slack-notify through an incoming webhook', () => {
  it('posts one Block Kit message with every fact of the deploy', async () => {
    const before = slack.calls('POST /services/:team/:bot/:secret').length;
    const run = await notify({ 'webhook-url': slack.webhookUrl, environment: 'production', url: 'https://shop.example.com/' });

    expect(run.failed).toBe(false);
    expect(run.outputs).toEqual({ ok: 'true' });
    expect(slack.calls('POST /services/:team/:bot/:secret')).toHaveLength(before + 1);
    const parts = partsOf(lastMessage(slack));
    expect(parts.header).toBe(':white_check_mark: Deployed acme/shop to production');
    expect(parts.color).toBe('#2EB67D');
    expect(parts.fields).toEqual({
      Status: ':white_check_mark: Succeeded',
      Environment: 'production',
      URL: '<https://shop.example.com/|shop.example.com>',
      Actor: '<https://github.com/octocat|octocat>',
    });
    expect(parts.commit).toBe(`*Commit*\n<https://github.com/acme/shop/commit/${SHA}|a1b2c3d> Fix checkout totals`);
    expect(parts.context).toBe('<https://github.com/acme/shop/actions/runs/4242|Workflow run: Deploy>  ·  acme/shop@main');
    expect(parts.text).toBe(':white_check_mark: Deployed acme/shop to production — ' + `<https://github.com/acme/shop/commit/${SHA}|a1b2c3d> Fix checkout totals`);
    expect(run.summary).toContain('Posted through the incoming webhook: :white_check_mark: Deployed acme/shop to production');
  });

  it.each(STATUSES)('shows %s with its own emoji, colour and headline', async (status) => {
    const run = await notify({ 'webhook-url': slack.webhookUrl, status, environment: 'staging' });
    expect(run.outputs['ok']).toBe('true');
    const parts = partsOf(lastMessage(slack));
    const look = STATUS_LOOK[status];
    expect(parts.color).toBe(look.color);
    expect(parts.header).toBe(`${look.emoji} ${look.headline('acme/shop', 'staging')}`);
    expect(parts.fields['Status']).toBe(`${look.emoji} ${look.label}`);
  });

  it('uses the title as the header and leaves out what the run does not know', async () => {
    const run = await notify(
      { 'webhook-url': slack.webhookUrl, status: 'failure', title: 'Storefront release 2.4' },
      { env: { GITHUB_SHA: undefined, GITHUB_ACTOR: undefined, GITHUB_RUN_ID: undefined }, event: {} },
    );
    expect(run.outputs['ok']).toBe('true');
    const parts = partsOf(lastMessage(slack));
    expect(parts.header).toBe(':x: Storefront release 2.4');
    expect(parts.fields).toEqual({ Status: ':x: Failed' });
    expect(parts.commit).toBeUndefined();
    expect(parts.context).toBe('acme/shop@main');
  });

  it('escapes mrkdwn in the commit message, so it cannot ping the channel', async () => {
    await notify({ 'webhook-url': slack.webhookUrl }, { event: { head_commit: { message: 'Revert <!channel> & <b>bold</b>' } } });
    const parts = partsOf(lastMessage(slack));
    expect(parts.commit).toContain('Revert &lt;!channel&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(JSON.stringify(lastMessage(slack).body)).not.toContain('<!channel>');
  });
});

describe('slack-notify with a bot token', () => {
  it('posts with chat.postMessage, then updates that message with chat.update', async () => {
    const posted = await notify({ 'bot-token': slack.token, channel: '#deploys', 'api-url': slack.apiUrl, status: 'started', environment: 'production' });
    expect(posted.failed).toBe(false);
    const ts = posted.outputs['ts']!;
    expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.outputs).toEqual({ ok: 'true', ts, 'channel-id': 'C0DEPLOYS1' });
    const request = slack.calls('POST /api/chat.postMessage').at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${slack.token}`);
    expect(request.body).toMatchObject({ channel: 'deploys' });
    expect(partsOf(lastMessage(slack)).header).toBe(':rocket: Deploying acme/shop to production');

    const updated = await notify({
      'bot-token': slack.token,
      channel: posted.outputs['channel-id'],
      'update-ts': ts,
      'api-url': slack.apiUrl,
      status: 'success',
      environment: 'production',
    });
    expect(updated.outputs).toEqual({ ok: 'true', ts, 'channel-id': 'C0DEPLOYS1' });
    const message = slack.messages.find((m) => m.ts === ts)!;
    expect(message.updates).toBe(1);
    expect(partsOf(message).header).toBe(':white_check_mark: Deployed acme/shop to production');
    expect(slack.calls('POST /api/chat.update').at(-1)!.body).toMatchObject({ channel: 'C0DEPLOYS1', ts });
    expect(updated.summary).toContain(`Updated in channel C0DEPLOYS1 (ts ${ts})`);
  });
});

describe('the duration', () => {
  const bot = () => ({ 'bot-token': slack.token, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl });

  it('counts from DEPLOY_KIT_STARTED_AT', async () => {
    const startedAt = new Date(Date.now() - 5 * 60_000 - 2_000).toISOString();
    await notify(bot(), { env: { DEPLOY_KIT_STARTED_AT: startedAt } });
    expect(partsOf(lastMessage(slack)).fields['Duration']).toMatch(/^5 min \d+ s$/);
  });

  it('counts from the started message being updated', async () => {
    const started = slack.seed('C0DEPLOYS1', Date.now() - 10 * 60_000 - 2_000);
    await notify({ ...bot(), 'update-ts': started.ts, status: 'failure' });
    expect(partsOf(slack.messages.find((m) => m.ts === started.ts)!).fields['Duration']).toMatch(/^10 min \d+ s$/);
  });

  it('is left out when no start is known, and for a started message', async () => {
    await notify(bot());
    expect(partsOf(lastMessage(slack)).fields['Duration']).toBeUndefined();
    await notify({ ...bot(), status: 'started' }, { env: { DEPLOY_KIT_STARTED_AT: String(Math.floor(Date.now() / 1000)) } });
    expect(partsOf(lastMessage(slack)).fields['Duration']).toBeUndefined();
  });

  it('warns about an unreadable DEPLOY_KIT_STARTED_AT and leaves the duration out', async () => {
    const run = await notify(bot(), { env: { DEPLOY_KIT_STARTED_AT: 'yesterday' } });
    expect(run.stdout).toContain('::warning::DEPLOY_KIT_STARTED_AT "yesterday" is not a time (Unix seconds or an ISO 8601 date); the message leaves the duration out.');
    expect(run.outputs['ok']).toBe('true');
    expect(partsOf(lastMessage(slack)).fields['Duration']).toBeUndefined();
  });
});

describe('a pull request from a fork', () => {
  it('skips with a notice when the secrets are empty', async () => {
    const event = { pull_request: { number: 3, head: { ref: 'f', sha: SHA, repo: { full_name: 'fork/shop' } }, base: { repo: { full_name: 'acme/shop' } } } };
    const run = await notify({ 'webhook-url': '', status: 'success' }, { event, eventName: 'pull_request' });
    expect(run.failed).toBe(false);
    expect(run.result.status).toBe('skipped');
    expect(run.stdout).toContain('::notice::Slack notification skipped: pull requests from forks get no secrets');
  });
});
