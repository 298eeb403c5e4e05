/**
 * How many files are uploaded at once. Vercel's CLI uploads many files in parallel and the API
 * answers 429 (with Retry-After, which the HTTP client honours) when a token sends too fast
 * (https://vercel.com/docs/limits#rate-limits). So: start wide — at most `start` (32) and never
 * more than there are files — halve on every 429, and win one slot back after each `limit`
 * uploads in a row that were not throttled (additive increase, multiplicative decrease, as TCP
 * does), never above where it started.
 */
export class UploadConcurrency {
  limit: number;
  /** 429 answers seen. */
  throttles = 0;
  /** The smallest limit reached. */
  lowest: number;
  private readonly ceiling: number;
  private streak = 0;

  constructor(start: number, files: number) {
    this.ceiling = Math.max(1, Math.min(start, files));
    this.limit = this.ceiling;
    this.lowest = this.limit;
  }

  throttled(): void {
    this.throttles++;
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
