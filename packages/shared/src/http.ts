import type { z } from 'zod';
import { ApiError } from './errors.js';
import { redact } from './secrets.js';
import { loadUndici } from './undici.js';

/**
 * The one HTTP client for every third-party API: a timeout per attempt, retries with
 * exponential backoff and full jitter on network errors, 429 and 5xx (honouring Retry-After),
 * never on other 4xx; JSON bodies validated with zod at the boundary.
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
  /** Longest wait between attempts, Retry-After included. */
  maxDelayMs?: number;
  /** Pulls the vendor's error code and message out of an error body. */
  errorDetails?: (body: unknown) => { code?: string; message?: string } | undefined;
  /** Called before each retry, for logs: attempt number, delay and the reason. */
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
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
  /** This request's timeout per attempt, in place of the client's (e.g. what is left of a deadline). */
  timeoutMs?: number;
  /** Retries for this request, in place of the client's: 0 for a POST reconciled by the caller. */
  retries?: number;
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data: T;
}

export class HttpClient {
  private readonly options: Required<Omit<HttpClientOptions, 'errorDetails' | 'onRetry' | 'headers'>> &
    Pick<HttpClientOptions, 'errorDetails' | 'onRetry' | 'headers'>;

  constructor(options: HttpClientOptions) {
    // An option given as undefined keeps its default rather than erasing it.
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HttpClientOptions;
    this.options = { timeoutMs: 30_000, retries: 3, backoffMs: 500, maxDelayMs: 30_000, ...given };
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
    const url = this.url(path, options.query);
    const label = `${method} ${redact(new URL(url).pathname)}`;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(method, url, label, options);
      const retryable = outcome.kind === 'retry' && attempt < (options.retries ?? this.options.retries);
      if (outcome.kind === 'done') return outcome.response;
      if (!retryable) throw outcome.error;
      const delay = this.delay(attempt, outcome.retryAfterMs);
      this.options.onRetry?.(attempt + 1, delay, outcome.error.message);
      options.onRetry?.(outcome.error, delay);
      await sleep(delay);
    }
  }

  private async attempt<T>(
    method: string,
    url: string,
    label: string,
    options: RequestOptions<T>,
  ): Promise<{ kind: 'done'; response: HttpResponse<T> } | { kind: 'retry' | 'fail'; error: ApiError; retryAfterMs?: number }> {
    const vendor = this.options.vendor;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const { request } = await loadUndici();
    let res;
    try {
      res = await request(url, {
        method: method as 'GET',
        headers: { 'user-agent': 'deploy-kit', ...this.options.headers, ...this.bodyHeaders(options.body), ...options.headers },
        body: encodeBody(options.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : networkReason(error);
      return { kind: 'retry', error: new ApiError(`${vendor} ${label} failed: ${reason}.`, vendor, 0) };
    }
    const text = await res.body.text().catch(() => '');
    const body = parseJson(text);
    const ok = (res.statusCode >= 200 && res.statusCode < 300) || options.acceptStatus?.includes(res.statusCode);
    if (!ok) {
      const error = this.apiError(label, res.statusCode, body ?? text);
      const retry = res.statusCode === 429 || res.statusCode >= 500;
      return { kind: retry ? 'retry' : 'fail', error, retryAfterMs: retryAfterMs(res.headers['retry-after']) };
    }
    return { kind: 'done', response: { status: res.statusCode, headers: res.headers, data: this.validate(label, body ?? text, options.schema) } };
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

  private delay(attempt: number, retryAfter?: number): number {
    const backoff = this.options.backoffMs * 2 ** attempt;
    const jittered = backoff / 2 + Math.random() * (backoff / 2);
    return Math.min(this.options.maxDelayMs, Math.max(retryAfter ?? 0, jittered));
  }

  private url(path: string, query?: RequestOptions<unknown>['query']): string {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(this.options.baseUrl.replace(/\/$/, '') + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private bodyHeaders(body: unknown): Record<string, string> {
    if (body === undefined || Buffer.isBuffer(body) || typeof body === 'string') return {};
    return { 'content-type': 'application/json; charset=utf-8' };
  }
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
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function networkReason(error: unknown): string {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code ? `network error ${code}` : `network error: ${redact(error instanceof Error ? error.message : String(error))}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
