import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ApiError } from '../src/errors.js';
import { HttpClient, OutcomeUnknownError } from '../src/http.js';
import { CancelledError, step } from '../src/step.js';
import { startEmulator, type Emulator } from '../../../test/emulators/server.js';
import { startFaultProxy, type FaultProxy } from '../../../test/servers/fault-proxy.js';

/**
 * The shared HTTP client behind the fault-injecting proxy: what it retries, what it refuses to
 * send twice, how long it may take, and how much it reads.
 */
let upstream: Emulator;
let proxy: FaultProxy;
let created: number;

beforeEach(async () => {
  created = 0;
  upstream = await startEmulator({
    'GET /things': () => ({ body: { things: ['a', 'b'] } }),
    'POST /things': () => ({ status: 201, body: { id: `thing_${++created}` } }),
  });
  proxy = await startFaultProxy(upstream.url);
  step.reset();
});
afterEach(async () => {
  step.reset();
  await proxy.close();
  await upstream.close();
});

function client(retries: string[] = [], timeoutMs = 2000): HttpClient {
  return new HttpClient({ vendor: 'Example API', baseUrl: proxy.url, backoffMs: 5, timeoutMs, onRetry: (_a, _d, reason) => retries.push(reason) });
}

const things = z.object({ things: z.array(z.string()) });

describe('GET under faults', () => {
  it('retries a reset in the middle of the body instead of calling the answer a changed API', async () => {
    proxy.inject({ method: 'GET', path: '/things', fault: { kind: 'reset-mid-body' } });
    const retries: string[] = [];
    const res = await client(retries).get('/things', { schema: things });
    expect(res.data.things).toEqual(['a', 'b']);
    expect(retries[0]).toMatch(/connection broke while reading the body/);
    expect(retries.join()).not.toMatch(/API may have changed/);
  });

  it('retries a reset before the server saw the request', async () => {
    proxy.inject({ method: 'GET', path: '/things', fault: { kind: 'reset-before' }, times: 2 });
    const res = await client().get('/things', { schema: things });
    expect(res.data.things).toHaveLength(2);
    expect(proxy.requests.filter((r) => r.fault === 'reset-before')).toHaveLength(2);
  });

  it('stops reading an endless body at the cap with a message saying so', async () => {
    proxy.inject({ method: 'GET', path: '/things', fault: { kind: 'endless' } });
    const small = new HttpClient({ vendor: 'Example API', baseUrl: proxy.url, maxBodyBytes: 1024 * 1024, retries: 0 });
    const error = await small.get('/things').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toMatch(/body larger than 1 MB, more than deploy-kit reads from one response/);
  });
});

describe('POST under faults', () => {
  it('does not send a POST again when the connection broke after the server acted', async () => {
    proxy.inject({ method: 'POST', path: '/things', fault: { kind: 'reset-after' } });
    const error = await client().post('/things', { body: { name: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toMatch(/may or may not have been carried out, so deploy-kit does not send it again blindly/);
    expect(created).toBe(1);
    expect(upstream.calls('POST /things')).toHaveLength(1);
  });

  it('reads the state instead: what the lost request made is its answer, and nothing is made twice', async () => {
    proxy.inject({ method: 'POST', path: '/things', fault: { kind: 'reset-after' } });
    const res = await client().post<{ id: string }>('/things', {
      body: { name: 'x' },
      reconcile: async () => (created > 0 ? { status: 201, headers: {}, data: { id: `thing_${created}` } } : undefined),
    });
    expect(res.data.id).toBe('thing_1');
    expect(created).toBe(1);
  });

  it('sends again when the state shows the request never arrived', async () => {
    proxy.inject({ method: 'POST', path: '/things', fault: { kind: 'hang' } });
    const res = await client([], 300).post<{ id: string }>('/things', { body: {}, reconcile: async () => undefined });
    expect(res.data.id).toBe('thing_1');
    expect(upstream.calls('POST /things')).toHaveLength(1);
  });

  it('reconciles a 5xx from a proxy after the server acted before retrying', async () => {
    let reads = 0;
    proxy.inject({ method: 'POST', path: '/things', fault: { kind: 'status', status: 502 } });
    const res = await client().post<{ id: string }>('/things', {
      body: {},
      reconcile: async () => {
        reads++;
        return undefined;
      },
    });
    expect(reads).toBe(1);
    expect(res.data.id).toBe('thing_1');
  });
});

describe('one deadline per step', () => {
  it('cuts each attempt to what is left of the step timeout and stops retrying when it is spent', async () => {
    proxy.inject({ method: 'GET', path: '/things', fault: { kind: 'hang' }, times: Infinity });
    step.begin(1500);
    const started = Date.now();
    const error = await client([], 30_000).get('/things').catch((e: unknown) => e);
    const took = Date.now() - started;
    expect((error as Error).message).toMatch(/timed out after \d+ ms.*no time is left for another attempt within 'timeout'/);
    // Reported, not timed: the whole call ended within the step's timeout and its short grace.
    expect(took).toBeLessThan(1500 + 5000);
  });

  it('honours a Retry-After longer than 30 s as sent while the step has time for it', async () => {
    proxy.inject({ method: 'GET', path: '/things', fault: { kind: 'status', status: 429, headers: { 'retry-after': '45' } } });
    step.begin(10 * 60_000);
    const delays: number[] = [];
    const http = new HttpClient({
      vendor: 'Example API',
      baseUrl: proxy.url,
      onRetry: (_a, delay) => {
        delays.push(delay);
        step.cancel('SIGTERM');
      },
    });
    const error = await http.get('/things').catch((e: unknown) => e);
    expect(delays).toEqual([45_000]);
    expect(error).toBeInstanceOf(CancelledError);
  });

  it('fails at once, saying so, when Retry-After is longer than what is left', async () => {
    proxy.inject({ method: 'GET', path: '/things', fault: { kind: 'status', status: 503, headers: { 'retry-after': '120' } } });
    step.begin(10_000);
    const error = await client().get('/things').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/answered 503.*no time is left for another attempt within 'timeout' \(the server asked to retry after 120 s\)/);
    expect(upstream.calls('GET /things')).toHaveLength(0);
  });

  it('stops a request in flight when the step is cancelled', async () => {
    proxy.inject({ method: 'GET', path: '/things', fault: { kind: 'hang' } });
    setTimeout(() => step.cancel('SIGINT'), 100);
    const error = await client([], 30_000).get('/things').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toMatch(/cancelled \(SIGINT\)/);
  });
});
