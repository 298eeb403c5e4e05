import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { ApiError, HttpClient, OutcomeUnknownError, errorMessage, type Logger } from '../../../packages/shared/src/index.js';
import type { Payload } from './payload.js';

/** Where the message goes: an incoming webhook, or the Web API with a bot token. */
export type Destination =
  | { kind: 'webhook'; url: string }
  | { kind: 'api'; token: string; apiUrl: string; channel: string; updateTs?: string };

export type WebApiMethod = 'chat.postMessage' | 'chat.update';

/** What went wrong, in Slack's terms; slack-errors.ts turns it into a sentence with the fix. */
export interface Failure {
  /** HTTP status; 0 when Slack was not reached; 200 for a Web API `{ok: false}`. */
  status: number;
  /** Slack's error string: a webhook's text body or the Web API's `error` field. */
  code?: string;
  /** The scope a `missing_scope` error asks for. */
  needed?: string;
  /** The transport's own description, for failures no code explains (already redacted). */
  detail: string;
  attempts: number;
  /** The api-url did not answer like Slack's Web API. */
  unexpected?: boolean;
}

export type Delivery = { ok: true; ts?: string; channelId?: string; attempts: number } | { ok: false; failure: Failure };

/** The Web API answers HTTP 200 with `ok` and, on failure, `error` (https://api.slack.com/web#responses). */
const webApiResponse = z.object({
  ok: z.boolean(),
  error: z.string().optional(),
  needed: z.string().optional(),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

/**
 * Webhooks answer errors as a bare string body (`no_service`); the Web API as JSON `{error}`.
 * A bare code is the whole body, so no message repeats it.
 */
function errorDetails(body: unknown): { code?: string; message?: string } | undefined {
  if (typeof body === 'string' && /^[a-z_]+$/.test(body.trim())) return { code: body.trim(), message: '' };
  if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') return { code: (body as { error: string }).error };
  return undefined;
}

/** The metadata event type that marks deploy-kit's posts (https://api.slack.com/metadata/using). */
export const METADATA_EVENT = 'deploy_kit_notification';

const historyResponse = z.object({
  ok: z.boolean(),
  error: z.string().optional(),
  messages: z.array(z.looseObject({ ts: z.string(), metadata: z.looseObject({ event_type: z.string().optional(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional() })).optional(),
});

/**
 * chat.postMessage, never sent twice: the message carries a mark in its metadata, and when the
 * reply is lost the channel's latest messages (conversations.history, channels:history scope) are
 * read for it — found, it was posted (its ts is the answer); absent, it is sent again; the history
 * unreadable, the outcome stays unknown and the step says the message may have been posted.
 */
async function postOnce(http: HttpClient, channel: string, message: Payload) {
  const requestId = randomUUID();
  const sentAt = Date.now();
  // A payload with metadata of its own keeps it; its post cannot be found again, so a lost reply stays unknown.
  const marked = message['metadata'] === undefined;
  const metadata = marked ? { event_type: METADATA_EVENT, event_payload: { request_id: requestId } } : message['metadata'];
  return http.post('/chat.postMessage', {
    body: { ...message, channel, metadata },
    schema: webApiResponse,
    reconcile: async () => {
      if (!marked) throw new OutcomeUnknownError('Slack chat.postMessage lost its reply: the message may or may not have been posted, so it was not sent again.', 'Slack');
      const { data } = await http.get('/conversations.history', {
        query: { channel, oldest: ((sentAt - 60_000) / 1000).toFixed(6), limit: 100, include_all_metadata: true },
        schema: historyResponse,
      });
      if (!data.ok) throw new OutcomeUnknownError(`Slack chat.postMessage lost its reply, and conversations.history answered ${data.error ?? 'ok: false'}: the message may or may not have been posted, so it was not sent again.`, 'Slack');
      const posted = data.messages?.find((m) => m.metadata?.event_type === METADATA_EVENT && m.metadata.event_payload?.['request_id'] === requestId);
      return posted ? { status: 200, headers: {}, data: { ok: true, channel, ts: posted.ts } } : undefined;
    },
  });
}

export async function deliver(destination: Destination, message: Payload, log: Logger): Promise<Delivery> {
  let attempts = 1;
  const onRetry = (attempt: number, delayMs: number, reason: string) => {
    attempts = attempt + 1;
    log.info(`${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s (retry ${attempt}).`);
  };
  try {
    if (destination.kind === 'webhook') {
      const http = new HttpClient({ vendor: 'Slack', baseUrl: destination.url, timeoutMs: 15_000, errorDetails, onRetry });
      // Incoming webhooks answer 200 with the body `ok` (https://api.slack.com/messaging/webhooks).
      await http.post(destination.url, { body: message });
      return { ok: true, attempts };
    }
    const http = new HttpClient({
      vendor: 'Slack',
      baseUrl: destination.apiUrl,
      timeoutMs: 15_000,
      headers: { authorization: `Bearer ${destination.token}` },
      errorDetails,
      onRetry,
    });
    const method: WebApiMethod = destination.updateTs ? 'chat.update' : 'chat.postMessage';
    const { data } = destination.updateTs
      ? // Replacing a message with the same content twice leaves one message: safe to send again.
        await http.post('/chat.update', { body: { ...message, channel: destination.channel, ts: destination.updateTs }, schema: webApiResponse, idempotent: true })
      : await postOnce(http, destination.channel, message);
    if (!data.ok) return { ok: false, failure: { status: 200, code: data.error, needed: data.needed, detail: `Slack ${method} answered ok: false`, attempts } };
    return { ok: true, ts: data.ts, channelId: data.channel, attempts };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const unexpected = error.code === 'unexpected_response';
    return { ok: false, failure: { status: error.status, code: unexpected ? undefined : error.code, detail: errorMessage(error), attempts, unexpected } };
  }
}
