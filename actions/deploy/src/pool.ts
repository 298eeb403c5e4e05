/**
 * How many files are uploaded at once: additive increase, multiplicative decrease, as TCP does.
 * Start wide — at most `start` (32) and never more than there are files; halve when Vercel answers
 * 429 (the HTTP client then waits out its Retry-After and sends the upload again); win one slot
 * back after each `limit` uploads in a row that were not throttled, never above the start.
 *
 * A 429 halves the limit once per window: the uploads sent before the last decrease were sent
 * too fast together, and their 429s are one signal, not one halving each — 32 throttled at once
 * would otherwise fall to 1 and take ~500 uploads to climb back.
 *
 * Vercel publishes no concurrency or per-second limit for POST /v2/files: its page
 * (https://vercel.com/docs/rest-api/deployments/upload-deployment-files) names none. The one
 * upload limit on record is a count per day on the Hobby plan: 5,000 uploads (`api-upload-free`,
 * "Try again in 15 hours"; explained by a Vercel maintainer in
 * https://github.com/vercel/vercel/issues/3826, still met in 2025: vercel/vercel#14472). No
 * slowing down helps there, and the HTTP client fails at once when the wait asked for is longer
 * than the step has left (15 minutes at most). Vercel's own CLI uploads 50 at once (vercel/vercel,
 * packages/client/src/upload.ts), so 32 stays below what the API is used to.
 */
export class UploadConcurrency {
  limit: number;
  /** 429 answers seen. */
  throttles = 0;
  /** The smallest limit reached. */
  lowest: number;
  /** Bumped by each decrease: an upload notes the window it was sent in. */
  window = 0;
  private readonly ceiling: number;
  private streak = 0;

  constructor(start: number, files: number) {
    this.ceiling = Math.max(1, Math.min(start, files));
    this.limit = this.ceiling;
    this.lowest = this.limit;
  }

  /** A 429 to an upload sent in `sentIn`: the limit halves unless a decrease since then already answered it. */
  throttled(sentIn: number): void {
    this.throttles++;
    if (sentIn !== this.window) return;
    this.window++;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.lowest = Math.min(this.lowest, this.limit);
    this.streak = 0;
  }

  succeeded(): void {
    if (++this.streak < this.limit || this.limit >= this.ceiling) return;
    this.limit++;
    this.streak = 0;
  }
}

/**
 * Runs `work` over `items`, starting a new one whenever fewer than `concurrency.limit` run (the
 * limit moves while it runs). Rejects with the first error; nothing new starts after it.
 */
export function runAdaptive<T>(items: readonly T[], concurrency: UploadConcurrency, work: (item: T) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (next >= items.length && running === 0) return resolve();
      while (running < concurrency.limit && next < items.length) {
        const item = items[next++]!;
        running++;
        work(item).then(
          () => {
            running--;
            concurrency.succeeded();
            pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    pump();
  });
}
