import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunnerRun } from '../../../test/harness/runner.js';
import { startSlackEmulator, type SlackEmulator } from '../../../test/emulators/slack.js';
import { notify } from './helpers.js';

const TOKEN = 'xoxb-1111111111-2222222222-KnownBotTokenValue';
const WEBHOOK_SECRET = 'KnownWebhookSecretPart42';

let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator({ token: TOKEN, webhookSecret: WEBHOOK_SECRET });
});
afterAll(async () => slack.close());

function expectNoSecret(run: RunnerRun): void {
  const webhookPath = new URL(slack.webhookUrl).pathname;
  expect(run.everything.length).toBeGreaterThan(0);
  for (const secret of [slack.webhookUrl, webhookPath, WEBHOOK_SECRET, 'B0EMULATE/' + WEBHOOK_SECRET, TOKEN, TOKEN.slice(5)]) {
    expect({ secret, found: run.everything.includes(secret) }).toEqual({ secret, found: false });
  }
}

describe('the webhook URL and the bot token never appear in what the action writes', () => {
  it('when the webhook posts, and when it fails after retries', async () => {
    expectNoSecret(await notify({ 'webhook-url': slack.webhookUrl, environment: 'production' }));
    slack.script('webhook', { status: 500 }, { error: 'no_service' });
    const failed = await notify({ 'webhook-url': slack.webhookUrl, 'fail-on-error': 'true' });
    expect(failed.failed).toBe(true);
    // The retry line names the request, with the path masked.
    expect(failed.stdout).toContain('Slack POST *** answered 500');
    expectNoSecret(failed);
  });

  it('when the webhook URL is mistyped or mixed up with the token', async () => {
    expectNoSecret(await notify({ 'webhook-url': slack.webhookUrl.replace('http', 'htp') }));
    expectNoSecret(await notify({ 'webhook-url': slack.webhookUrl, 'bot-token': TOKEN, channel: 'C0DEPLOYS1' }));
    expectNoSecret(await notify({ 'bot-token': slack.webhookUrl, channel: 'C0DEPLOYS1' }));
  });

  it('when the bot token posts, updates and is refused', async () => {
    const posted = await notify({ 'bot-token': TOKEN, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl });
    expect(slack.calls('POST /api/chat.postMessage').at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expectNoSecret(posted);
    expectNoSecret(await notify({ 'bot-token': TOKEN, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl, 'update-ts': posted.outputs['ts'] }));
    slack.script('chat.postMessage', { status: 429, retryAfter: '0' }, { error: 'invalid_auth' });
    const refused = await notify({ 'bot-token': TOKEN, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl });
    expect(refused.stdout).toContain('(invalid_auth)');
    expectNoSecret(refused);
  });

  it('when a payload asks for the token through an env placeholder', async () => {
    const run = await notify({ 'bot-token': TOKEN, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl, payload: '{"text": "{{ env.LEAK }}"}' }, { env: { LEAK: TOKEN } });
    expect(run.failed).toBe(true);
    expectNoSecret(run);
  });
});
