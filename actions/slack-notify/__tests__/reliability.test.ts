import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSlackEmulator, type SlackEmulator } from '../../../test/emulators/slack.js';
import { startFaultProxy, type FaultProxy } from '../../../test/servers/fault-proxy.js';
import { notify } from './helpers.js';

/** A Slack post is never sent twice: a lost reply is reconciled by reading the channel, or said as unknown. */
let slack: SlackEmulator;
let proxy: FaultProxy;
beforeEach(async () => {
  slack = await startSlackEmulator();
  proxy = await startFaultProxy(slack.url);
});
afterEach(async () => {
  await proxy.close();
  await slack.close();
});

const bot = () => ({ 'bot-token': slack.token, channel: 'C0DEPLOYS1', 'api-url': `${proxy.url}/api`, status: 'success' });

describe('slack-notify under faults', () => {
  it('finds its own message when the chat.postMessage reply was lost, and posts it once', async () => {
    proxy.inject({ method: 'POST', path: '/api/chat.postMessage', fault: { kind: 'reset-after' } });
    const run = await notify(bot());
    expect(run.failed).toBe(false);
    expect(slack.messages).toHaveLength(1);
    expect(run.outputs).toMatchObject({ ok: 'true', ts: slack.messages[0]!.ts, 'channel-id': 'C0DEPLOYS1' });
    expect(slack.calls('GET /api/conversations.history')).toHaveLength(1);
  });

  it('posts again when the channel shows the first request never arrived', async () => {
    proxy.inject({ method: 'POST', path: '/api/chat.postMessage', fault: { kind: 'reset-before' } });
    const run = await notify(bot());
    expect(run.outputs['ok']).toBe('true');
    expect(slack.messages).toHaveLength(1);
  });

  it('does not post through a webhook twice: a lost reply is a warning that it may have been posted', async () => {
    proxy.inject({ method: 'POST', path: /^\/services\//, fault: { kind: 'reset-after' } });
    const run = await notify({ 'webhook-url': slack.webhookUrl.replace(slack.url, proxy.url), status: 'success' });
    expect(run.failed).toBe(false);
    expect(slack.messages).toHaveLength(1);
    expect(run.stdout).toMatch(/::warning::Slack notification not sent: The connection to Slack broke after the message was sent .*it may have been posted; check the channel before rerunning/);
  });

  it('sends chat.update again after a lost reply: updating twice leaves one message', async () => {
    const started = slack.seed('C0DEPLOYS1', Date.now() - 60_000);
    proxy.inject({ method: 'POST', path: '/api/chat.update', fault: { kind: 'reset-after' } });
    const run = await notify({ ...bot(), 'update-ts': started.ts });
    expect(run.outputs['ok']).toBe('true');
    expect(slack.messages).toHaveLength(1);
    expect(started.updates).toBe(2);
  });
});
