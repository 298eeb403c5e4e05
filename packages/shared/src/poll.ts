import { sleep } from './http.js';
import type { Tuning } from './tuning.js';

/**
 * The clock of a status-polling loop (a deployment building, a promotion moving, a bundle assembling): the wait between
 * polls starts at `tuning.pollMs` and grows by half each poll up to `tuning.maxPollMs`, and never
 * runs past the deadline.
 */
export class PollClock {
  private readonly started = performance.now();
  private delayMs: number;

  constructor(
    private readonly tuning: Pick<Tuning, 'pollMs' | 'maxPollMs'>,
    private readonly timeoutMs: number,
  ) {
    this.delayMs = tuning.pollMs;
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }

  expired(): boolean {
    return this.elapsedMs() >= this.timeoutMs;
  }

  /** Sleeps until the next poll is due, or the deadline, whichever comes first. */
  async next(): Promise<void> {
    await sleep(Math.max(0, Math.min(this.delayMs, this.timeoutMs - this.elapsedMs())));
    this.delayMs = Math.min(Math.round(this.delayMs * 1.5), this.tuning.maxPollMs);
  }
}
