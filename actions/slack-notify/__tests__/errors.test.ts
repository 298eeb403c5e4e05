import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { startSlackEmulator, type Scripted, type SlackEmulator } from '../../../test/emulators/slack.js';
import { notify } from './helpers.js';

let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator();
});
afterAll(async () => slack.close());

const WEBHOOK = 'POST /services/:team/:bot/:secret';
const POST = 'POST /api/chat.postMessage';
const NEW_WEBHOOK = 'create a new incoming webhook (Slack app settings → Incoming Webhooks) and put its URL in the webhook-url secret';

describe('incoming webhook errors become one line with the fix', () => {
  const cases: [string, string][] = [
    ['invalid_payload', 'Slack could not read the message (invalid_payload): the body is not a valid Slack message; check `payload` in Block Kit Builder (https://app.slack.com/block-kit-builder).'],
    ['channel_not_found', `the channel of this webhook no longer exists (channel_not_found): ${NEW_WEBHOOK}.`],
    ['channel_is_archived', 'the channel of this webhook is archived (channel_is_archived): unarchive it, or create an incoming webhook for another channel and put its URL in the webhook-url secret.'],
    ['no_service', `the incoming webhook is disabled or was removed (no_service): ${NEW_WEBHOOK}.`],
    ['action_prohibited', 'a workspace admin restricts posting to the channel of this webhook (action_prohibited): ask a Slack admin to allow the app there, or use another channel.'],
    ['invalid_token', `Slack rejected the webhook's token (invalid_token): the webhook was revoked or its URL mistyped; ${NEW_WEBHOOK}.`],
    ['posting_to_general_channel_denied', 'only admins may post to #general (posting_to_general_channel_denied): use another channel.'],
  ];

  it.each(cases)('%s', async (code, reason) => {
    slack.script('webhook', { error: code });
    const before = slack.calls(WEBHOOK).length;
    const run = await notify({ 'webhook-url': slack.webhookUrl });
    const message = `Slack notification not sent: ${reason}`;
    expect(run.failed).toBe(false);
    expect(run.outputs).toEqual({ ok: 'false' });
    expect(run.stdout).toContain(`::warning::${message}\n`);
    expect(run.summary).toContain(message);
    // A 4xx is Slack's answer, not a hiccup: it is not retried.
    expect(slack.calls(WEBHOOK)).toHaveLength(before + 1);
  });

  it('says so when the webhook URL is unknown to Slack (404 no_service from the real endpoint)', async () => {
    const run = await notify({ 'webhook-url': slack.webhookUrl.replace(/[^/]+$/, 'removedWebhookSecret99') });
    expect(run.stdout).toContain('::warning::Slack notification not sent: the incoming webhook is disabled or was removed (no_service)');
  });
});

describe('Web API errors become one line with the fix', () => {
  const bot = (inputs: Record<string, string> = {}) => ({ 'bot-token': slack.token, channel: '#deploys', 'api-url': slack.apiUrl, ...inputs });
  const TOKEN_FIX = 'copy the Bot User OAuth Token (xoxb-…) from the Slack app\'s "OAuth & Permissions" page into the bot-token secret';

  it.each<[string, Record<string, string>, Scripted | undefined, string]>([
    ['invalid_auth (a wrong token)', { 'bot-token': 'xoxb-not-the-right-token' }, undefined, `Slack rejected the bot token (invalid_auth): it is wrong, revoked or expired; ${TOKEN_FIX}.`],
    ['channel_not_found (an unknown channel)', { channel: '#nowhere' }, undefined, "Slack found no channel 'nowhere' (channel_not_found): check its name or ID, and for a private channel invite the app first (/invite @your-app)."],
    ['is_archived (an archived channel)', { channel: 'old-deploys' }, undefined, "the channel 'old-deploys' is archived (is_archived): unarchive it, or set `channel` to another channel."],
    ['not_in_channel (the bot was not invited)', { channel: 'private-ops' }, undefined, "the app is not a member of the channel 'private-ops' (not_in_channel): run /invite @your-app in that channel, or add the chat:write.public scope and reinstall the app."],
    ['missing_scope', {}, { error: 'missing_scope', needed: 'chat:write' }, 'the bot token lacks the chat:write scope (missing_scope): add it under "OAuth & Permissions", reinstall the app to the workspace and update the bot-token secret.'],
    ['action_prohibited', {}, { error: 'action_prohibited' }, "a workspace admin restricts posting to the channel 'deploys' (action_prohibited): ask a Slack admin to allow the app there, or use another channel."],
    ['token_revoked', {}, { error: 'token_revoked' }, `Slack rejected the bot token (token_revoked): it is wrong, revoked or expired; ${TOKEN_FIX}.`],
    ['ratelimited in an HTTP 200 body', {}, { error: 'ratelimited' }, 'Slack is rate-limiting this app (ratelimited): post fewer messages (Slack allows about one per second per channel), then rerun the job.'],
    ['an error deploy-kit does not know', {}, { error: 'brand_new_error' }, 'Slack answered HTTP 200 (brand_new_error): see https://api.slack.com/methods/chat.postMessage#errors for what it means.'],
  ])('%s', async (_name, inputs, scripted, reason) => {
    if (scripted) slack.script('chat.postMessage', scripted);
    const run = await notify(bot(inputs));
    expect(run.failed).toBe(false);
    expect(run.outputs).toEqual({ ok: 'false' });
    expect(run.stdout).toContain(`::warning::Slack notification not sent: ${reason}\n`);
  });

  it('message_not_found and channel names on chat.update', async () => {
    const wrongTs = await notify(bot({ channel: 'C0DEPLOYS1', 'update-ts': '1700000000.999999' }));
    expect(wrongTs.stdout).toContain(
      "::warning::Slack notification not sent: Slack found no message 1700000000.999999 in the channel 'C0DEPLOYS1' (message_not_found): pass the ts and channel-id outputs of the step that posted it.",
    );
    const started = slack.seed('C0DEPLOYS1', Date.now());
    const byName = await notify(bot({ channel: '#deploys', 'update-ts': started.ts }));
    expect(byName.stdout).toContain(
      "::warning::Slack notification not sent: Slack found no channel 'deploys' (channel_not_found): chat.update needs the channel ID, so pass the channel-id output of the step that posted the message.",
    );
  });

  it('says where api-url went wrong when it does not lead to the Web API', async () => {
    const run = await notify(bot({ 'api-url': slack.url }));
    expect(run.stdout).toContain('::warning::Slack notification not sent: Slack answered HTTP 404: see https://api.slack.com/methods/chat.postMessage#errors');
  });
});

describe('retries', () => {
  const bot = () => ({ 'bot-token': slack.token, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl });

  it('waits as long as a 429 Retry-After asks, then posts', async () => {
    slack.script('chat.postMessage', { status: 429, retryAfter: '1' });
    const before = slack.calls(POST).length;
    const run = await notify(bot());
    expect(run.outputs['ok']).toBe('true');
    expect(slack.calls(POST)).toHaveLength(before + 2);
    // Backoff alone would wait at most 0.5 s before the first retry: 1.0 s is the header's.
    expect(run.stdout).toContain('Slack POST /api/chat.postMessage answered 429 (ratelimited); retrying in 1.0 s (retry 1).');
  });

  it('retries a webhook 500 and posts', async () => {
    slack.script('webhook', { status: 500 });
    const before = slack.calls(WEBHOOK).length;
    const run = await notify({ 'webhook-url': slack.webhookUrl });
    expect(run.outputs['ok']).toBe('true');
    expect(slack.calls(WEBHOOK)).toHaveLength(before + 2);
    expect(run.stdout).toMatch(/Slack POST \*\*\* answered 500 \(rollup_error\); retrying in 0\.\d s \(retry 1\)\./);
  });

  it('gives up after three retries of a 503 and says Slack may be down', async () => {
    slack.script('chat.postMessage', { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const before = slack.calls(POST).length;
    const run = await notify(bot());
    expect(slack.calls(POST)).toHaveLength(before + 4);
    expect(run.stdout).toContain(
      '::warning::Slack notification not sent: Slack answered HTTP 503 (internal_error) through 4 attempts: Slack may be having an incident (https://slack-status.com); rerun the job later.',
    );
  });

  it('says Slack could not be reached when nothing listens at api-url', async () => {
    const port = await closedPort();
    const run = await notify({ ...bot(), 'api-url': `http://127.0.0.1:${port}/api` });
    expect(run.stdout).toContain(
      "::warning::Slack notification not sent: Slack could not be reached (POST /api/chat.postMessage failed: network error ECONNREFUSED.): check api-url and the runner's network, then rerun.",
    );
  });
});

describe('fail-on-error', () => {
  it('false (the default): the step goes on, with a warning annotation and the reason in the summary', async () => {
    slack.script('webhook', { error: 'no_service' });
    const run = await notify({ 'webhook-url': slack.webhookUrl });
    expect(run.failed).toBe(false);
    expect(run.result.status).toBe('success');
    expect(run.outputs).toEqual({ ok: 'false' });
    expect(run.stdout).toMatch(/^::warning::Slack notification not sent: the incoming webhook is disabled or was removed \(no_service\)/m);
    expect(run.stdout).not.toContain('::error::');
    expect(run.summary).toContain('The step did not fail because fail-on-error is false.');
  });

  it('true: the step fails with the reason', async () => {
    slack.script('webhook', { error: 'no_service' });
    const run = await notify({ 'webhook-url': slack.webhookUrl, 'fail-on-error': 'true' });
    expect(run.failed).toBe(true);
    expect(run.outputs).toEqual({ ok: 'false' });
    expect(run.stdout).toMatch(/^::error::Slack notification not sent: the incoming webhook is disabled or was removed \(no_service\)/m);
    expect(run.stdout).not.toContain('::warning::');
    expect(run.summary).toContain('no_service');
  });

  it('true and Slack accepts: the step passes', async () => {
    const run = await notify({ 'webhook-url': slack.webhookUrl, 'fail-on-error': 'true' });
    expect(run.failed).toBe(false);
    expect(run.outputs).toEqual({ ok: 'true' });
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
