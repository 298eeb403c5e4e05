import { startEmulator, type Emulator, type RecordedRequest, type Reply } from './server.js';

/**
 * An emulator of the Slack endpoints deploy-kit uses: incoming webhooks and the Web API's
 * chat.postMessage and chat.update, following Slack's documented contract (sources next to each
 * answer). It keeps the messages it accepted, validates each body against the Block Kit limits,
 * and replays scripted failures (an error string, a 429 with Retry-After, a 5xx) before answering
 * normally.
 */
export interface SlackChannel {
  id: string;
  name: string;
  archived?: boolean;
  /** Whether the bot was invited; a bot posts only where it is a member (not_in_channel). */
  member?: boolean;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  via: 'webhook' | 'chat.postMessage' | 'chat.update';
  body: Record<string, unknown>;
  /** How many times chat.update replaced it. */
  updates: number;
}

export type SlackRoute = 'webhook' | 'chat.postMessage' | 'chat.update';

/** A scripted answer: a Slack error string (answered the way that route answers it) or a raw HTTP reply. */
export type Scripted = { error: string; needed?: string } | { status: number; retryAfter?: string; body?: unknown };

export interface SlackEmulator extends Emulator {
  /** `${url}/api`, for the action's `api-url` input. */
  apiUrl: string;
  /** An incoming webhook the emulator knows; it posts to `webhookChannel`. */
  webhookUrl: string;
  webhookChannel: string;
  /** The bot token chat.* methods accept. */
  token: string;
  channels: SlackChannel[];
  messages: SlackMessage[];
  /** Queue answers for the next requests to a route; each is used once, in order. */
  script(route: SlackRoute, ...answers: Scripted[]): void;
  /** A message as if posted earlier (e.g. a "started" message to update), at a given Unix time. */
  seed(channel: string, postedAtMs: number, body?: Record<string, unknown>): SlackMessage;
}

export interface SlackEmulatorOptions {
  token?: string;
  webhookSecret?: string;
  channels?: SlackChannel[];
}

/**
 * Incoming webhook errors and their HTTP statuses: https://api.slack.com/messaging/webhooks#handling_errors
 * and https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks
 * (400 invalid_payload / user_not_found, 403 action_prohibited, 404 channel_not_found,
 * 410 channel_is_archived, 500 rollup_error).
 */
const WEBHOOK_ERROR_STATUS: Record<string, number> = {
  invalid_payload: 400,
  user_not_found: 400,
  too_many_attachments: 400,
  no_service_id: 400,
  missing_text_or_fallback_or_attachments: 400,
  invalid_blocks: 400,
  action_prohibited: 403,
  posting_to_general_channel_denied: 403,
  invalid_token: 403,
  team_disabled: 403,
  channel_not_found: 404,
  no_service: 404,
  no_team: 404,
  channel_is_archived: 410,
  rollup_error: 500,
};

/** Block Kit limits (https://api.slack.com/reference/block-kit/blocks): the emulator rejects what Slack rejects. */
const MAX_BLOCKS = 50;
const MAX_TEXT = 3000;
const MAX_HEADER = 150;
const MAX_FIELD = 2000;
const MAX_FIELDS = 10;
/** Slack truncates top-level `text` past 40,000 characters and answers msg_too_long beyond (chat.postMessage#errors). */
const MAX_MESSAGE_TEXT = 40_000;

export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const token = options.token ?? 'xoxb-emulated-bot-token-0001';
  const webhookSecret = options.webhookSecret ?? 'emulatedWebhookSecret0001';
  const channels: SlackChannel[] = options.channels ?? [
    { id: 'C0DEPLOYS1', name: 'deploys', member: true },
    { id: 'C0OLDSTUFF', name: 'old-deploys', member: true, archived: true },
    { id: 'C0PRIVATE1', name: 'private-ops', member: false },
  ];
  const webhookChannel = channels[0]!.id;
  const messages: SlackMessage[] = [];
  const scripts: Record<SlackRoute, Scripted[]> = { webhook: [], 'chat.postMessage': [], 'chat.update': [] };
  let sequence = 0;
  const nextTs = (atMs = Date.now()) => `${Math.floor(atMs / 1000)}.${String(++sequence).padStart(6, '0')}`;

  const emulator = await startEmulator({
    // Incoming webhooks: POST a JSON message to the secret URL; 200 with the body `ok`
    // (https://api.slack.com/messaging/webhooks#posting_with_webhooks).
    'POST /services/:team/:bot/:secret': (req, p) => {
      const scripted = scripts.webhook.shift();
      if (scripted) return webhookAnswer(scripted);
      // An unknown or removed webhook answers 404 no_service (messaging/webhooks#handling_errors).
      if (p['secret'] !== webhookSecret) return webhookAnswer({ error: 'no_service' });
      const body = jsonBody(req);
      if (!body) return webhookAnswer({ error: 'invalid_payload' });
      const invalid = invalidMessage(body);
      if (invalid) return webhookAnswer({ error: invalid.error === 'no_text' ? 'missing_text_or_fallback_or_attachments' : invalid.error === 'msg_too_long' ? 'invalid_payload' : invalid.error });
      messages.push({ channel: webhookChannel, ts: nextTs(), via: 'webhook', body, updates: 0 });
      return { status: 200, headers: { 'content-type': 'text/html' }, body: 'ok' };
    },
    // chat.postMessage (https://api.slack.com/methods/chat.postMessage): JSON bodies need the token
    // in `Authorization: Bearer` (https://api.slack.com/web#posting_json); answers
    // {ok, channel, ts, message} or HTTP 200 {ok: false, error}.
    'POST /api/chat.postMessage': (req) => {
      const scripted = scripts['chat.postMessage'].shift();
      if (scripted) return webApiAnswer(scripted);
      const refused = authProblem(req, token) ?? bodyProblem(req);
      if (refused) return webApiAnswer(refused);
      const body = jsonBody(req)!;
      const found = findChannel(channels, body['channel']);
      if ('error' in found) return webApiAnswer(found);
      const { channel } = found;
      if (channel.archived) return webApiAnswer({ error: 'is_archived' });
      if (!channel.member) return webApiAnswer({ error: 'not_in_channel' });
      const message: SlackMessage = { channel: channel.id, ts: nextTs(), via: 'chat.postMessage', body, updates: 0 };
      messages.push(message);
      return { body: { ok: true, channel: channel.id, ts: message.ts, message: { type: 'message', text: body['text'] ?? '', ts: message.ts } } };
    },
    // conversations.history (https://api.slack.com/methods/conversations.history): GET with `channel`,
    // `oldest` (a ts; only later messages), `limit`, and `include_all_metadata` for each message's
    // `metadata` (https://api.slack.com/metadata/retrieving); newest first; needs channels:history.
    'GET /api/conversations.history': (req) => {
      const refused = authProblem(req, token);
      if (refused) return webApiAnswer(refused);
      const channel = channels.find((c) => c.id === req.query.get('channel'));
      if (!channel) return webApiAnswer({ error: 'channel_not_found' });
      const oldest = Number(req.query.get('oldest') ?? 0);
      const withMetadata = req.query.get('include_all_metadata') === 'true';
      const found = messages
        .filter((m) => m.channel === channel.id && Number(m.ts) > oldest)
        .reverse()
        .slice(0, Number(req.query.get('limit') ?? 100))
        .map((m) => ({ type: 'message', ts: m.ts, text: m.body['text'] ?? '', ...(withMetadata && m.body['metadata'] ? { metadata: m.body['metadata'] } : {}) }));
      return { body: { ok: true, messages: found, has_more: false } };
    },
    // chat.update (https://api.slack.com/methods/chat.update): `channel` must be the ID holding the
    // message and `ts` its timestamp; answers {ok, channel, ts, text, message}; message_not_found
    // when no such message, cant_update_message when another app posted it.
    'POST /api/chat.update': (req) => {
      const scripted = scripts['chat.update'].shift();
      if (scripted) return webApiAnswer(scripted);
      const refused = authProblem(req, token) ?? bodyProblem(req);
      if (refused) return webApiAnswer(refused);
      const body = jsonBody(req)!;
      const channel = channels.find((c) => c.id === body['channel']);
      if (!channel) return webApiAnswer({ error: 'channel_not_found' });
      if (channel.archived) return webApiAnswer({ error: 'is_archived' });
      const message = messages.find((m) => m.channel === channel.id && m.ts === body['ts']);
      if (!message) return webApiAnswer({ error: 'message_not_found' });
      if (message.via === 'webhook') return webApiAnswer({ error: 'cant_update_message' });
      const { ts: _ts, channel: _channel, ...content } = body;
      message.body = { ...content, channel: channel.id };
      message.updates++;
      return { body: { ok: true, channel: channel.id, ts: message.ts, text: body['text'] ?? '', message: { text: body['text'] ?? '' } } };
    },
  });

  return Object.assign(emulator, {
    apiUrl: `${emulator.url}/api`,
    webhookUrl: `${emulator.url}/services/T0EMULATE/B0EMULATE/${webhookSecret}`,
    webhookChannel,
    token,
    channels,
    messages,
    script(route: SlackRoute, ...answers: Scripted[]) {
      scripts[route].push(...answers);
    },
    seed(channel: string, postedAtMs: number, body: Record<string, unknown> = { text: 'Deploy started' }) {
      const message: SlackMessage = { channel, ts: nextTs(postedAtMs), via: 'chat.postMessage', body, updates: 0 };
      messages.push(message);
      return message;
    },
  });
}

/** Webhooks answer errors with an HTTP status and the error string as a text body. */
function webhookAnswer(answer: Scripted): Reply {
  if ('error' in answer) return { status: WEBHOOK_ERROR_STATUS[answer.error] ?? 400, headers: { 'content-type': 'text/plain' }, body: answer.error };
  return rawAnswer(answer, 'text');
}

/** The Web API answers errors as HTTP 200 `{ok: false, error}` (https://api.slack.com/web#evaluating_responses). */
function webApiAnswer(answer: Scripted): Reply {
  if ('error' in answer) return { status: 200, body: { ok: false, error: answer.error, ...(answer.needed ? { needed: answer.needed, provided: 'incoming-webhook' } : {}) } };
  return rawAnswer(answer, 'json');
}

/**
 * Rate limits answer HTTP 429 with Retry-After in seconds (https://api.slack.com/docs/rate-limits);
 * a 5xx is Slack's own failure.
 */
function rawAnswer(answer: { status: number; retryAfter?: string; body?: unknown }, kind: 'text' | 'json'): Reply {
  const fallback = answer.status === 429 ? (kind === 'json' ? { ok: false, error: 'ratelimited' } : 'rate_limited') : kind === 'json' ? { ok: false, error: 'internal_error' } : 'rollup_error';
  return {
    status: answer.status,
    headers: answer.retryAfter ? { 'retry-after': answer.retryAfter } : {},
    body: answer.body ?? fallback,
  };
}

function authProblem(req: RecordedRequest, token: string): Scripted | undefined {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  if (!match) return { error: 'not_authed' };
  return match[1] === token ? undefined : { error: 'invalid_auth' };
}

/** Web API JSON must be sent as `application/json; charset=utf-8` (https://api.slack.com/web#posting_json). */
function bodyProblem(req: RecordedRequest): Scripted | undefined {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return { error: 'invalid_form_data' };
  const body = jsonBody(req);
  if (!body) return { error: 'invalid_json' };
  const invalid = invalidMessage(body);
  return invalid ? { error: invalid.error } : undefined;
}

function findChannel(channels: SlackChannel[], value: unknown): { channel: SlackChannel } | { error: string } {
  if (typeof value !== 'string' || value === '') return { error: 'channel_not_found' };
  const name = value.replace(/^#/, '');
  const channel = channels.find((c) => c.id === value || c.name === name);
  return channel ? { channel } : { error: 'channel_not_found' };
}

function jsonBody(req: RecordedRequest): Record<string, unknown> | undefined {
  const body = req.body;
  return body && typeof body === 'object' && !Buffer.isBuffer(body) && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/**
 * What Slack refuses in a message body: no `text`, `blocks` or `attachments` (no_text), more than
 * 50 blocks or a text past its limit (invalid_blocks), a top-level text past 40,000 (msg_too_long).
 */
export function invalidMessage(body: Record<string, unknown>): { error: string; reason: string } | undefined {
  const hasText = typeof body['text'] === 'string' && body['text'] !== '';
  const blocks = body['blocks'];
  const attachments = body['attachments'];
  if (!hasText && !(Array.isArray(blocks) && blocks.length > 0) && !(Array.isArray(attachments) && attachments.length > 0)) {
    return { error: 'no_text', reason: 'no text, blocks or attachments' };
  }
  if (typeof body['text'] === 'string' && body['text'].length > MAX_MESSAGE_TEXT) return { error: 'msg_too_long', reason: 'text too long' };
  const lists = [blocks, ...(Array.isArray(attachments) ? attachments.map((a) => (a as { blocks?: unknown }).blocks) : [])];
  for (const list of lists) {
    if (list === undefined) continue;
    const reason = Array.isArray(list) ? invalidBlocks(list) : 'blocks is not an array';
    if (reason) return { error: 'invalid_blocks', reason };
  }
  return undefined;
}

function invalidBlocks(blocks: unknown[]): string | undefined {
  if (blocks.length > MAX_BLOCKS) return `more than ${MAX_BLOCKS} blocks`;
  for (const [i, block] of blocks.entries()) {
    const b = block as { type?: unknown; text?: { type?: unknown; text?: unknown }; fields?: unknown[]; elements?: unknown[] };
    if (typeof b?.type !== 'string') return `blocks[${i}] has no type`;
    if (b.type === 'header') {
      if (b.text?.type !== 'plain_text' || typeof b.text.text !== 'string') return `blocks[${i}] header needs plain_text`;
      if (b.text.text.length > MAX_HEADER) return `blocks[${i}].text must be at most ${MAX_HEADER} characters`;
      continue;
    }
    if (b.type === 'section') {
      if (!b.text && !b.fields) return `blocks[${i}] section needs text or fields`;
      if (b.fields && (b.fields.length > MAX_FIELDS || b.fields.some((f) => textLength(f) > MAX_FIELD))) return `blocks[${i}].fields too many or too long`;
    }
    const long = longestText(block);
    if (long > MAX_TEXT) return `blocks[${i}] has a text of ${long} characters (max ${MAX_TEXT})`;
  }
  return undefined;
}

function textLength(value: unknown): number {
  const text = (value as { text?: unknown })?.text;
  return typeof text === 'string' ? text.length : 0;
}

/** The longest `text` of any text object under a block. */
function longestText(value: unknown): number {
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestText));
  if (!value || typeof value !== 'object') return 0;
  const own = (value as { type?: unknown }).type === 'plain_text' || (value as { type?: unknown }).type === 'mrkdwn' ? textLength(value) : 0;
  return Math.max(own, ...Object.values(value).map(longestText));
}
