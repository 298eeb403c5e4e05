import { sleep } from './http.js';
import { CancelledError, step } from './step.js';
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

  /** The wait's own deadline, or the step's `timeout`, whichever comes first. */
  expired(): boolean {
    return this.elapsedMs() >= this.timeoutMs || step.expired();
  }

  /** Sleeps until the next poll is due, or the deadline, whichever comes first. */
  async next(): Promise<void> {
    await sleep(Math.max(0, Math.min(this.delayMs, this.timeoutMs - this.elapsedMs())));
    this.delayMs = Math.min(Math.round(this.delayMs * 1.5), this.tuning.maxPollMs);
  }
}

/**
 * One poll's read, or undefined when it failed because the step's `timeout` ran out while it was
 * in flight: the caller then reports the timeout with the state it last saw, not the cut request.
 */
export async function pollRead<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (step.expired() && !(error instanceof CancelledError)) return undefined;
    throw error;
  }
}
