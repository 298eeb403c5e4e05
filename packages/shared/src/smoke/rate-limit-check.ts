import { retryAfterMs } from '../http.js';
import type { CheckOutcome } from './endpoints.js';
import { ProbeError, firstHeader, type Prober } from './probe.js';
import type { RateLimitSpec } from './settings.js';

/**
 * The rate-limited endpoint (a login, a signup) gets up to `max` requests in a row and must answer
 * 429 Too Many Requests (RFC 6585 §4) within them. The Retry-After it gives (RFC 9110 §10.2.3) is
 * reported. It runs after every other check: once tripped, the limiter may also answer them 429.
 */
export async function checkRateLimit(prober: Prober, spec: RateLimitSpec): Promise<CheckOutcome> {
  const statuses = new Map<number, number>();
  for (let n = 1; n <= spec.max; n++) {
    let status: number;
    let retryAfter: string | undefined;
    try {
      const res = await prober.send(spec.path, { method: spec.method, headers: spec.headers, body: spec.body, follow: false });
      status = res.status;
      retryAfter = firstHeader(res.headers, 'retry-after');
    } catch (error) {
      const message = error instanceof ProbeError ? error.message : String(error);
      return { status: 'fail', summary: `expected ${spec.method} ${spec.path} to answer 429 within ${spec.max} requests, got no answer on request ${n}: ${message}` };
    }
    if (status === 429) {
      const wait = retryAfterMs(retryAfter);
      const retry = retryAfter === undefined
        ? 'no Retry-After header (clients cannot tell when to try again: consider sending one)'
        : `Retry-After: ${retryAfter}${wait !== undefined ? ` (${Math.round(wait / 1000)} s)` : ' (not a number of seconds or an HTTP date)'}`;
      return { status: 'pass', summary: `429 after ${n} request(s) of at most ${spec.max}; ${retry}`, detail: histogram(statuses) };
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  return {
    status: 'fail',
    summary: `expected ${spec.method} ${spec.path} to answer 429 within ${spec.max} requests, got ${histogram(statuses)}: add a rate limit to this endpoint (or raise rate-limit-max to its real limit)`,
  };
}

function histogram(statuses: Map<number, number>): string {
  return [...statuses].map(([status, count]) => `${status} ×${count}`).join(', ') || 'none';
}
