import { sleep } from '../http.js';
import { ProbeError, type Prober } from './probe.js';
import type { TlsProblem } from './tls-problems.js';

/**
 * Waits until the deployment answers before anything is judged: a fresh deployment, a cold
 * function or an edge still learning the alias answers 404/5xx or nothing for a while.
 * A 2xx (after redirects) is ready. 401/403 will not change by waiting (protection is on) and an
 * untrusted certificate will not either: both end the wait at once.
 */
export type Readiness =
  | { state: 'ready'; status: number; attempts: number; elapsedMs: number }
  | { state: 'protected'; status: number; attempts: number }
  | { state: 'untrusted'; tls: TlsProblem; attempts: number }
  | { state: 'timeout'; attempts: number; elapsedMs: number; last: string };

export interface ReadinessOptions {
  waitForSeconds: number;
  /** Fixed delay between attempts; default grows 1 s → 10 s. */
  intervalMs?: number;
  onAttempt?: (attempt: number, outcome: string) => void;
}

export async function waitUntilReady(prober: Prober, options: ReadinessOptions): Promise<Readiness> {
  const started = performance.now();
  const deadline = started + options.waitForSeconds * 1000;
  let delay = options.intervalMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    const remaining = Math.max(1000, Math.round(deadline - performance.now()));
    let last: string;
    try {
      const res = await prober.send(prober.base, { timeoutMs: Math.min(remaining, 15_000) });
      if (res.status >= 200 && res.status < 300) return { state: 'ready', status: res.status, attempts: attempt, elapsedMs: Math.round(performance.now() - started) };
      if (res.status === 401 || res.status === 403) return { state: 'protected', status: res.status, attempts: attempt };
      last = `answered ${res.status}`;
    } catch (error) {
      if (error instanceof ProbeError && error.tls) return { state: 'untrusted', tls: error.tls, attempts: attempt };
      last = error instanceof Error ? error.message : String(error);
    }
    options.onAttempt?.(attempt, last);
    if (performance.now() + delay > deadline) return { state: 'timeout', attempts: attempt, elapsedMs: Math.round(performance.now() - started), last };
    await sleep(delay);
    if (options.intervalMs === undefined) delay = Math.min(10_000, Math.round(delay * 1.5));
  }
}
