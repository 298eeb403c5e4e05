import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlackEmulator, type SlackEmulator } from '../../../test/emulators/slack.js';
import { MARKER } from '../src/limits.js';
import { SHA, lastMessage, notify, partsOf } from './helpers.js';

let slack: SlackEmulator;
let workspace: string;
beforeAll(async () => {
  slack = await startSlackEmulator();
  workspace = await mkdtemp(join(tmpdir(), 'slack-notify-ws-'));
});
afterAll(async () => slack.close());

/** Everything that breaks a payload built by pasting strings into JSON — and a placeholder of its own. */
const NASTY = 'Fix "quoted" path C:\\new\\table and \\"escaped\\"\n\nSecond line with a \ttab, a }, a ", and {{ github.sha }}';

describe('payload', () => {
  it('fills placeholders value by value: a nasty commit message arrives intact', async () => {
    const payload = JSON.stringify({
      text: '{{ github.commit_message }}',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*{{ inputs.environment }}*: {{ github.short_sha }} by {{ github.actor }} (<{{ github.run_url }}|run>)' } }],
      attachments: [{ color: '{{ status.color }}', text: '{{ status.emoji }} {{ inputs.status }}' }],
      metadata: { event_type: 'deploy', event_payload: { sha: '{{github.sha}}', deployer: '{{ env.DEPLOYER }}', '{{ github.sha }}': 'keys stay' } },
    });
    const run = await notify(
      { 'webhook-url': slack.webhookUrl, payload, environment: 'production', status: 'failure' },
      { event: { head_commit: { message: NASTY } }, env: { DEPLOYER: 'release-bot' } },
    );
    expect(run.outputs).toEqual({ ok: 'true' });
    expect(lastMessage(slack).body).toEqual({
      text: NASTY,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*production*: a1b2c3d by octocat (<https://github.com/acme/shop/actions/runs/4242|run>)' } }],
      attachments: [{ color: '#E01E5A', text: ':x: failure' }],
      metadata: { event_type: 'deploy', event_payload: { sha: SHA, deployer: 'release-bot', '{{ github.sha }}': 'keys stay' } },
    });
  });

  it('reads a YAML payload file, with ${{ }} placeholders too', async () => {
    await writeFile(
      join(workspace, 'slack.yml'),
      [
        '# The message of the deploy workflow',
        'text: "{{ status.emoji }} {{ github.repository }} on {{ inputs.environment }}"',
        'blocks:',
        '  - type: section',
        '    text:',
        '      type: mrkdwn',
        '      text: |',
        '        *${{ github.commit_title }}*',
        '        {{ github.ref_name }} @ {{ github.short_sha }}',
        '',
      ].join('\n'),
    );
    const run = await notify(
      { 'webhook-url': slack.webhookUrl, 'payload-file': 'slack.yml', environment: 'staging' },
      { env: { GITHUB_WORKSPACE: workspace }, event: { head_commit: { message: 'Ship "it"\nbody' } } },
    );
    expect(run.outputs).toEqual({ ok: 'true' });
    expect(lastMessage(slack).body).toEqual({
      text: ':white_check_mark: acme/shop on staging',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Ship "it"*\nmain @ a1b2c3d\n' } }],
    });
  });

  it('sends a payload with the bot token, the channel input winning over the payload\'s', async () => {
    const run = await notify({ 'bot-token': slack.token, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl, payload: '{"channel": "C0ELSEWHERE", "text": "hi {{ github.actor }}"}' });
    expect(run.outputs['channel-id']).toBe('C0DEPLOYS1');
    // The metadata marks the post so a lost reply can be found in the channel instead of posting twice.
    expect(lastMessage(slack).body).toEqual({ channel: 'C0DEPLOYS1', text: 'hi octocat', metadata: { event_type: 'deploy_kit_notification', event_payload: { request_id: expect.any(String) } } });
  });

  it('fails on an unknown placeholder and lists the names it knows', async () => {
    const before = slack.requests.length;
    const run = await notify({ 'webhook-url': slack.webhookUrl, payload: '{"text": "{{ github.shaa }} {{ secrets.TOKEN }}"}' });
    expect(run.failed).toBe(true);
    expect(run.stdout).toMatch(/^::error::Input 'payload' uses unknown placeholders \{\{ github\.shaa \}\}, \{\{ secrets\.TOKEN \}\}: expected one of github\.sha, github\.short_sha, .*, status\.label, or env\.NAME\.$/m);
    expect(slack.requests).toHaveLength(before);
  });

  it('warns about an unset env variable and leaves it empty', async () => {
    const run = await notify({ 'webhook-url': slack.webhookUrl, payload: '{"text": "by [{{ env.NOT_SET_ANYWHERE }}]"}' });
    expect(run.outputs['ok']).toBe('true');
    expect(run.stdout).toContain("::warning::{{ env.NOT_SET_ANYWHERE }} in 'payload' is empty: the variable is not set in this step's environment.");
    expect(lastMessage(slack).body).toEqual({ text: 'by []' });
  });

  it('refuses to put a secret in the message', async () => {
    const run = await notify(
      { 'bot-token': slack.token, channel: 'C0DEPLOYS1', 'api-url': slack.apiUrl, payload: 'text: "token {{ env.COPY }}"' },
      { env: { COPY: slack.token } },
    );
    expect(run.failed).toBe(true);
    expect(run.stdout).toContain("::error::Input 'payload': {{ env.COPY }} holds a secret; deploy-kit will not send a secret to Slack. Remove that placeholder.");
  });
});

describe("Slack's limits: long values are cut with a marker, never rejected", () => {
  it('cuts a long commit message and a long title in the built message', async () => {
    const longCommit = `${'Refactor the checkout & totals '.repeat(200)}\nbody`;
    const run = await notify({ 'webhook-url': slack.webhookUrl, title: 'T'.repeat(400) }, { event: { head_commit: { message: longCommit } } });
    expect(run.outputs['ok']).toBe('true');
    const parts = partsOf(lastMessage(slack));
    expect(parts.header).toHaveLength(150);
    expect(parts.header.endsWith(`TTT${MARKER}`)).toBe(true);
    expect(parts.commit!.length).toBeLessThanOrEqual(3000);
    expect(parts.commit!.endsWith(MARKER)).toBe(true);
    // Never half an entity: the escaped `&amp;` is whole or gone.
    expect(parts.commit).not.toMatch(/&[a-z]{0,3}…/);
    expect(parts.text.length).toBeLessThanOrEqual(3000);
    expect(run.stdout).toContain(`value(s) were longer than Slack allows; they were cut and end with "${MARKER}".`);
  });

  it('keeps a custom payload to 50 blocks, 10 fields of 2000 and texts of 3000', async () => {
    const blocks = [
      { type: 'section', fields: Array.from({ length: 12 }, (_, i) => ({ type: 'mrkdwn', text: i === 0 ? 'f'.repeat(2500) : `field ${i}` })) },
      ...Array.from({ length: 59 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: i === 0 ? '{{ github.commit_message }}' : `block ${i}` } })),
    ];
    const run = await notify({ 'webhook-url': slack.webhookUrl, payload: JSON.stringify({ text: 'many', blocks }) }, { event: { head_commit: { message: 'x'.repeat(5000) } } });
    expect(run.outputs['ok']).toBe('true');
    const sent = lastMessage(slack).body as { blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[] };
    expect(sent.blocks).toHaveLength(50);
    expect(sent.blocks[49]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `${MARKER}: 11 more blocks` }] });
    expect(sent.blocks[0]!.fields).toHaveLength(10);
    expect(sent.blocks[0]!.fields![0]!.text).toBe('f'.repeat(2000 - MARKER.length) + MARKER);
    expect(sent.blocks[0]!.fields![9]!.text).toBe(`${MARKER}: 3 more fields`);
    expect(sent.blocks[1]!.text!.text).toBe('x'.repeat(3000 - MARKER.length) + MARKER);
  });
});
