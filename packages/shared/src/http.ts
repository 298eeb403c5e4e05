import type { Readable } from 'node:stream';
import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { deadline } from './deadline.js';
import { ApiError } from './errors.js';
import { redact } from './secrets.js';
import { CancelledError, step } from './step.js';
import { loadUndici } from './undici.js';

/**
 * The one HTTP client for every third-party API: a timeout per attempt (never beyond what is left
 * of the step's `timeout`), retries with exponential backoff and full jitter on network errors,
 * 429 and 5xx (honouring Retry-After as sent, within the step's time), never on other 4xx; bounded
 * response bodies; JSON bodies validated with zod at the boundary.
 *
 * A POST or PATCH whose connection broke after it was sent may have been carried out: it is never
 * repeated blindly. The caller's `reconcile` reads the state the request would have changed and
 * says whether it happened; without one, the request fails with an `OutcomeUnknownError`.
 */
export interface HttpClientOptions {
  /** Name used in messages: "Vercel API", "Slack". */
  vendor: string;
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Retries after the first attempt. */
  retries?: number;
  /** First backoff delay; doubles per attempt. */
  backoffMs?: number;
  /** Longest backoff between attempts when the server gave no Retry-After. */
  maxDelayMs?: number;
  /** Largest response body read, in bytes. */
  maxBodyBytes?: number;
  /** Pulls the vendor's error code and message out of an error body. */
  errorDetails?: (body: unknown) => { code?: string; message?: string } | undefined;
  /** Called before each retry, for logs: attempt number, delay and the reason. */
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
  /**
   * Most connections open to the API at once; without it, undici's global dispatcher, which opens
   * as many as there are requests in flight — and more: with one request per connection, it opens
   * a new one whenever none is free at the instant a request is sent, and one that has just
   * answered is not free yet, so 32 uploads kept in flight opened 60 connections. With a cap, such
   * a request waits that instant for a connection instead.
   */
  connections?: number;
}

export interface RequestOptions<T> {
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON value, or a Buffer/string sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Validates a JSON response; without it the parsed body is returned untyped. */
  schema?: z.ZodType<T>;
  /** Statuses that are not errors besides 2xx (e.g. 404 when absence is an answer). */
  acceptStatus?: number[];
  /** Called before each retry of this request, with what it got (e.g. a 429: the caller slows down). */
  onRetry?: (error: ApiError, delayMs: number) => void;
  /** This request's timeout per attempt, in place of the client's (still cut to what the step has left). */
  timeoutMs?: number;
  /** Retries for this request, in place of the client's. */
  retries?: number;
  /** A POST/PATCH that does the same thing however often it is sent (an upload by digest, a cancel): retried like a GET. */
  idempotent?: boolean;
  /**
   * For a POST/PATCH whose outcome is unknown: reads the state it would have changed. A response
   * means it happened (returned as the request's answer); undefined means it did not (it is sent again).
   */
  reconcile?: () => Promise<HttpResponse<T> | undefined>;
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data: T;
}

/** A request that may or may not have been carried out: the connection broke after it was sent. */
export class OutcomeUnknownError extends ApiError {
  constructor(message: string, vendor: string) {
    super(message, vendor, 0, 'outcome_unknown');
  }
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Connection errors that mean the request never left: safe to send again whatever the method. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** Methods that mean the same however often they are sent (RFC 9110 §9.2.2): retried after any failure. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Without a step deadline, the longest Retry-After waited for. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

type Attempt<T> =
  | { kind: 'done'; response: HttpResponse<T> }
  | { kind: 'retry' | 'fail'; error: Error; retryAfterMs?: number }
  | { kind: 'unknown'; error: ApiError };

export class HttpClient {
  private readonly options: Required<Omit<HttpClientOptions, 'errorDetails' | 'onRetry' | 'headers' | 'connections'>> &
    Pick<HttpClientOptions, 'errorDetails' | 'onRetry' | 'headers' | 'connections'>;
  /** This client's own connection pool, when its connections are capped. */
  private agent?: Dispatcher;

  constructor(options: HttpClientOptions) {
    // An option given as undefined keeps its default rather than erasing it.
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HttpClientOptions;
    this.options = { timeoutMs: 30_000, retries: 3, backoffMs: 500, maxDelayMs: 30_000, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, ...given };
  }

  get<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<HttpResponse<T>> {
    return this.request('GET', path, options);
  }

  post<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<HttpResponse<T>> {
    return this.request('POST', path, options);
  }

  patch<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<HttpResponse<T>> {
    return this.request('PATCH', path, options);
  }

  put<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<HttpResponse<T>> {
    return this.request('PUT', path, options);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions<T> = {}): Promise<HttpResponse<T>> {
    // Parsed once here: the label reads its path, and undici takes the URL object as it is.
    const url = this.url(path, options.query);
    const label = `${method} ${redact(url.pathname)}`;
    const repeatable = SAFE_METHODS.has(method) || options.idempotent === true;
    // After a cancel, requests still go out: they are the clean-up, within the step's grace.
    for (let attempt = 0; ; attempt++) {
      let outcome = await this.attempt(method, url, label, options, repeatable);
      if (outcome.kind === 'unknown') outcome = await this.reconciled(outcome.error, options);
      if (outcome.kind === 'done') return outcome.response;
      if (outcome.kind !== 'retry' || attempt >= (options.retries ?? this.options.retries)) throw outcome.error;
      const delay = this.retryDelay(attempt, outcome.error, outcome.retryAfterMs);
      this.options.onRetry?.(attempt + 1, delay, outcome.error.message);
      if (outcome.error instanceof ApiError) options.onRetry?.(outcome.error, delay);
      await step.sleep(delay);
    }
  }

  /** The state read after an unknown outcome: done, or safe to send again. */
  private async reconciled<T>(error: ApiError, options: RequestOptions<T>): Promise<Attempt<T>> {
    if (!options.reconcile) {
      const message = `${error.message.replace(/[.\s]*$/, '')}, after the request was sent: it may or may not have been carried out, so deploy-kit does not send it again blindly.`;
      return { kind: 'fail', error: new OutcomeUnknownError(message, this.options.vendor) };
    }
    const found = await options.reconcile();
    return found ? { kind: 'done', response: found } : { kind: 'retry', error };
  }

  /** One attempt, its timeout covering the answer's body too; the timer goes as soon as it is over. */
  private async attempt<T>(method: string, url: URL, label: string, options: RequestOptions<T>, repeatable: boolean): Promise<Attempt<T>> {
    const timeoutMs = step.cap(options.timeoutMs ?? this.options.timeoutMs);
    // This request's cancel signal: a clean-up request sent after a cancel gets a fresh one.
    const cancel = step.signal;
    const limit = deadline(timeoutMs, cancel);
    try {
      return await this.exchange(method, url, label, options, repeatable, { signal: limit.signal, cancel, timeoutMs });
    } finally {
      limit.clear();
    }
  }

  private async exchange<T>(
    method: string,
    url: URL,
    label: string,
    options: RequestOptions<T>,
    repeatable: boolean,
    { signal, cancel, timeoutMs }: { signal: AbortSignal; cancel: AbortSignal; timeoutMs: number },
  ): Promise<Attempt<T>> {
    const { vendor } = this.options;
    const undici = await loadUndici();
    let res: Dispatcher.ResponseData;
    try {
      res = await undici.request(url, {
        method: method as 'GET',
        headers: { 'user-agent': 'deploy-kit', ...this.options.headers, ...this.bodyHeaders(options.body), ...options.headers },
        body: encodeBody(options.body),
        signal,
        dispatcher: this.dispatcher(undici),
      });
    } catch (error) {
      if (cancel.aborted) return { kind: 'fail', error: new CancelledError(step.cancelledBy ?? 'SIGTERM') };
      const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : networkReason(error);
      const failure = new ApiError(`${vendor} ${label} failed: ${reason}.`, vendor, 0);
      return repeatable || NOT_SENT.has(errorCode(error) ?? '') ? { kind: 'retry', error: failure } : { kind: 'unknown', error: failure };
    }
    const read = await readBounded(res.body, this.options.maxBodyBytes);
    if (cancel.aborted) return { kind: 'fail', error: new CancelledError(step.cancelledBy ?? 'SIGTERM') };
    if (read.kind === 'too-large') {
      const message = `${vendor} ${label} answered ${res.statusCode} with a body larger than ${formatMiB(this.options.maxBodyBytes)}, more than deploy-kit reads from one response. Check 'api-url' points at the API, not a proxy or page that streams.`;
      return { kind: 'fail', error: new ApiError(message, vendor, res.statusCode, 'body_too_large') };
    }
    if (read.kind === 'broken') {
      const failure = new ApiError(`${vendor} ${label} answered ${res.statusCode} but the connection broke while reading the body (${read.reason}).`, vendor, 0);
      return repeatable ? { kind: 'retry', error: failure } : { kind: 'unknown', error: failure };
    }
    const text = read.text;
    const body = parseJson(text);
    const ok = (res.statusCode >= 200 && res.statusCode < 300) || options.acceptStatus?.includes(res.statusCode);
    if (!ok) {
      const error = this.apiError(label, res.statusCode, body ?? text);
      // A 5xx to a POST may come from a proxy after the server acted: read the state before sending it again.
      if (res.statusCode >= 500 && !repeatable && options.reconcile) return { kind: 'unknown', error };
      const retry = res.statusCode === 429 || res.statusCode >= 500;
      return { kind: retry ? 'retry' : 'fail', error, retryAfterMs: retryAfterMs(res.headers['retry-after']) };
    }
    return { kind: 'done', response: { status: res.statusCode, headers: res.headers, data: this.validate(label, body ?? text, options.schema) } };
  }

  /** undici's global dispatcher (undefined), or this client's own pool when its connections are capped. */
  private dispatcher(undici: typeof Undici): Dispatcher | undefined {
    const { connections } = this.options;
    if (connections === undefined) return undefined;
    return (this.agent ??= new undici.Agent({ connections }));
  }

  private validate<T>(label: string, body: unknown, schema?: z.ZodType<T>): T {
    return schema ? validateResponse(this.options.vendor, label, schema, body) : (body as T);
  }

  private apiError(label: string, status: number, body: unknown): ApiError {
    const details = this.options.errorDetails?.(body);
    const vendorMessage = details?.message ?? (typeof body === 'string' && body.length < 200 ? body : undefined);
    const text = `${this.options.vendor} ${label} answered ${status}${details?.code ? ` (${details.code})` : ''}` +
      `${vendorMessage ? `: ${vendorMessage}` : ''}`;
    return new ApiError(redact(text), this.options.vendor, status, details?.code, vendorMessage ? redact(vendorMessage) : undefined, body);
  }

  /**
   * The wait before the next attempt: Retry-After as sent, else backoff with jitter. A wait longer
   * than the step has left ends the retries now with the failure, instead of overrunning `timeout`.
   */
  private retryDelay(attempt: number, error: Error, retryAfter?: number): number {
    const backoff = this.options.backoffMs * 2 ** attempt;
    const jittered = Math.min(this.options.maxDelayMs, backoff / 2 + Math.random() * (backoff / 2));
    const delay = retryAfter ?? jittered;
    const left = Math.min(step.expired() ? 0 : step.remainingMs(), MAX_RETRY_AFTER_MS);
    if (delay < left) return Math.round(delay);
    const said = retryAfter === undefined ? '' : ` (the server asked to retry after ${Math.ceil(retryAfter / 1000)} s)`;
    throw Object.assign(error, { message: `${error.message.replace(/[.\s]*$/, '')}; no time is left for another attempt within 'timeout'${said}.` });
  }

  private url(path: string, query?: RequestOptions<unknown>['query']): URL {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(this.options.baseUrl.replace(/\/$/, '') + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private bodyHeaders(body: unknown): Record<string, string> {
    if (body === undefined || Buffer.isBuffer(body) || typeof body === 'string') return {};
    return { 'content-type': 'application/json; charset=utf-8' };
  }
}

type BodyRead = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'broken'; reason: string };

/**
 * Reads a response body up to `limit` bytes; a longer one is dropped, a broken one said as such.
 * Through its events rather than an async iterator, which costs more per response than reading a
 * short JSON body does.
 */
export function readBounded(body: Readable, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer | Uint8Array) => {
      size += chunk.length;
      if (size > limit) {
        body.destroy();
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    });
    body.on('end', () => resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    body.on('error', (error: unknown) => resolve({ kind: 'broken', reason: brokenReason(error) }));
    // After 'end' or 'error' this changes nothing; without either, the body stopped short.
    body.on('close', () => resolve({ kind: 'broken', reason: 'ERR_STREAM_PREMATURE_CLOSE' }));
  });
}

function brokenReason(error: unknown): string {
  return isTimeout(error) ? 'timed out' : (errorCode(error) ?? redact(error instanceof Error ? error.message : String(error)));
}

export function formatMiB(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** A response body checked against its schema; a mismatch is a clear error, not an `undefined` later. */
export function validateResponse<T>(vendor: string, label: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the body';
  throw new ApiError(
    `${vendor} ${label} returned an unexpected response: ${where}: ${issue?.message ?? 'invalid'}. The API may have changed; please report this to deploy-kit.`,
    vendor,
    200,
    'unexpected_response',
  );
}

function encodeBody(body: unknown): string | Buffer | undefined {
  if (body === undefined || Buffer.isBuffer(body) || typeof body === 'string') return body;
  return JSON.stringify(body);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isTimeout(error: unknown): boolean {
  // By name: the DOMException of an aborted signal comes from another realm than Error in some hosts.
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
}

function networkReason(error: unknown): string {
  const code = errorCode(error);
  return code ? `network error ${code}` : `network error: ${redact(error instanceof Error ? error.message : String(error))}`;
}

/** Waits `ms`, cut to what the step has left, and wakes early when the step is cancelled. */
export function sleep(ms: number): Promise<void> {
  return step.sleep(ms);
}
