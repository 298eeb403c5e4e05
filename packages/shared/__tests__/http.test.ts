import { afterEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ApiError } from '../src/errors.js';
import { HttpClient, retryAfterMs } from '../src/http.js';
import { registerSecret } from '../src/secrets.js';
import { startEmulator, type Emulator, type Reply } from '../../../test/emulators/server.js';

let server: Emulator | undefined;
afterEach(async () => server?.close());

/** Answers each request with the next reply in the list (the last one repeats). */
async function serve(...replies: Reply[]): Promise<Emulator> {
  let i = 0;
  server = await startEmulator({ '* /thing': () => replies[Math.min(i++, replies.length - 1)]! });
  return server;
}

function client(baseUrl: string, retries: string[] = []): HttpClient {
  return new HttpClient({
    vendor: 'Example API',
    baseUrl,
    backoffMs: 5,
    timeoutMs: 500,
    errorDetails: (b) => (b as { error?: { code?: string; message?: string } })?.error,
    onRetry: (_attempt, _delay, reason) => retries.push(reason),
  });
}

describe('HttpClient', () => {
  it('retries a 500 and returns the success that follows', async () => {
    const s = await serve({ status: 500, body: { error: { code: 'internal', message: 'boom' } } }, { body: { ok: true } });
    const retries: string[] = [];
    const res = await client(s.url, retries).get('/thing');
    expect(res.data).toEqual({ ok: true });
    expect(s.requests).toHaveLength(2);
    expect(retries[0]).toContain('answered 500 (internal): boom');
  });

  it('honours Retry-After on 429 as the least wait', async () => {
    const s = await serve({ status: 429, headers: { 'retry-after': '1' } }, { body: { ok: true } });
    const delays: number[] = [];
    const http = new HttpClient({ vendor: 'X', baseUrl: s.url, backoffMs: 1, onRetry: (_a, d) => delays.push(d) });
    await http.get('/thing');
    expect(delays).toEqual([1000]);
  });

  it('never retries other 4xx and says what the vendor said', async () => {
    const s = await serve({ status: 403, body: { error: { code: 'forbidden', message: 'Not authorized' } } });
    const error = await client(s.url).post('/thing', { body: { a: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'Example API POST /thing answered 403 (forbidden): Not authorized' });
    expect(s.requests).toHaveLength(1);
  });

  it('gives up after the retries with the last reason', async () => {
    const s = await serve({ status: 502, body: 'Bad Gateway' });
    const error = await client(s.url).get('/thing').catch((e: unknown) => e);
    expect((error as ApiError).message).toBe('Example API GET /thing answered 502: Bad Gateway');
    expect(s.requests).toHaveLength(4);
  });

  it('times out a slow answer and retries it', async () => {
    const s = await serve({ delayMs: 1500, body: {} }, { body: { late: false } });
    const res = await client(s.url).get('/thing');
    expect(res.data).toEqual({ late: false });
  });

  it('retries network errors, then names them', async () => {
    const error = await client('http://127.0.0.1:1').get('/thing').catch((e: unknown) => e);
    expect((error as ApiError).message).toBe('Example API GET /thing failed: network error ECONNREFUSED.');
    expect((error as ApiError).status).toBe(0);
  });

  it('rejects a response of an unexpected shape at the boundary', async () => {
    const s = await serve({ body: { id: 42 } });
    const error = await client(s.url).get('/thing', { schema: z.object({ id: z.string() }) }).catch((e: unknown) => e);
    expect((error as ApiError).message).toMatch(/^Example API GET \/thing returned an unexpected response: id: .*string/);
  });

  it('opens no more connections than its cap, however many requests are in flight', async () => {
    const s = await serve({ delayMs: 20, body: { ok: true } });
    const capped = new HttpClient({ vendor: 'Example API', baseUrl: s.url, connections: 2 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => capped.get('/thing')));
    expect(answers.map((a) => a.data)).toEqual(answers.map(() => ({ ok: true })));
    expect(s.connections()).toBe(2);
  });

  it('keeps secrets out of error messages, even in the URL path', async () => {
    registerSecret('https://hooks.example.test/services/T0/B0/abcdefsecret');
    const s = await serve({ status: 404, body: 'no_service' });
    registerSecret(`${s.url}/thing/abcdefsecret`);
    const error = await client(s.url).post('/thing/abcdefsecret').catch((e: unknown) => e);
    expect((error as Error).message).not.toContain('abcdefsecret');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
