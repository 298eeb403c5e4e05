/**
 * How often deploy polls and how long it backs off between retries. The defaults suit Vercel;
 * the two environment variables exist only so the tests and the benchmark run in milliseconds —
 * they are not a user setting and not documented as one in action.yml.
 */
export interface Tuning {
  /** First wait between status polls; grows by half each poll up to `maxPollMs`. */
  pollMs: number;
  maxPollMs: number;
  /** First backoff of an HTTP retry (network error, 429 without Retry-After, 5xx). */
  retryMs: number;
  /** Files hashed at once. */
  hashConcurrency: number;
  /**
   * Files uploaded at once at first, and the connections they open; deploy halves it on a 429
   * (once per burst) and wins it back a slot at a time (actions/deploy/src/pool.ts).
   */
  uploadConcurrency: number;
}

const DEFAULT_POLL_MS = 2000;
const MAX_POLL_MS = 15_000;

export function tuningFromEnv(env: NodeJS.ProcessEnv = process.env): Tuning {
  const pollMs = positive(env['DEPLOY_KIT_POLL_MS']) ?? DEFAULT_POLL_MS;
  return {
    pollMs,
    maxPollMs: Math.min(MAX_POLL_MS, pollMs * 8),
    retryMs: positive(env['DEPLOY_KIT_RETRY_MS']) ?? 500,
    hashConcurrency: 16,
    uploadConcurrency: 32,
  };
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : undefined;
}
