import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The one clock and the one cancel switch of the running step. An action with a `timeout` input
 * starts the clock; every HTTP request and every wait asks it how long it may still take, so a
 * step never runs past its timeout by more than the short grace its clean-up gets. SIGINT and
 * SIGTERM (a cancelled job, `timeout-minutes`) flip the cancel switch: what is in flight stops,
 * and the clean-up that follows (cancel our build, a final GitHub Deployment status) gets the
 * same short grace.
 */
export const CLEANUP_GRACE_MS = 5000;

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(readonly signal: string) {
    super(`deploy-kit was cancelled (${signal}): the job was cancelled or hit timeout-minutes.`);
  }
}

export class StepClock {
  private deadline = Number.POSITIVE_INFINITY;
  private limitMs?: number;
  private controller = listenedTo(new AbortController());
  /** Set once the step is cancelled or out of time: from then on only clean-up runs, within the grace. */
  private cleanupUntil?: number;
  cancelledBy?: string;

  /** Starts the step's clock (its `timeout` input); without it the step has no deadline of its own. */
  begin(timeoutMs?: number): void {
    this.limitMs = timeoutMs;
    this.deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    this.controller = listenedTo(new AbortController());
    this.cleanupUntil = undefined;
    this.cancelledBy = undefined;
  }

  /** Forgets the clock and the cancellation (between runs in one process). */
  reset(): void {
    this.begin(undefined);
  }

  get timeoutMs(): number | undefined {
    return this.limitMs;
  }

  /** Milliseconds left for work; after the deadline or a cancel, what is left of the clean-up grace. */
  remainingMs(): number {
    const now = Date.now();
    if (this.cleanupUntil !== undefined) return Math.max(0, this.cleanupUntil - now);
    const left = this.deadline - now;
    if (left > 0) return left;
    this.cleanupUntil = now + CLEANUP_GRACE_MS;
    return CLEANUP_GRACE_MS;
  }

  /** Whether the step's own time is up (the clean-up grace aside). */
  expired(): boolean {
    return this.cleanupUntil !== undefined || Date.now() >= this.deadline;
  }

  /** Aborts whatever is in flight when the step is cancelled. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.cancelledBy !== undefined;
  }

  cancel(signal: string): void {
    if (this.cancelledBy) return;
    this.cancelledBy = signal;
    this.cleanupUntil = Date.now() + CLEANUP_GRACE_MS;
    const aborted = this.controller;
    // Clean-up requests made from now on get a fresh signal; the ones in flight stop.
    this.controller = listenedTo(new AbortController());
    aborted.abort(new CancelledError(signal));
  }

  /** A timeout for one request or wait: its own, cut to what the step has left. */
  cap(ownMs: number): number {
    return Math.max(1, Math.min(ownMs, this.remainingMs()));
  }

  /** Sleeps `ms` (cut to what is left), waking early with CancelledError when the step is cancelled. */
  async sleep(ms: number): Promise<void> {
    this.throwIfCancelled();
    const wait = Math.max(0, Math.min(ms, this.remainingMs()));
    try {
      await delay(wait, undefined, { signal: this.signal });
    } catch (error) {
      if (this.cancelledBy) throw new CancelledError(this.cancelledBy);
      throw error;
    }
  }

  /** Throws CancelledError once the step is cancelled. */
  throwIfCancelled(): void {
    if (this.cancelledBy) throw new CancelledError(this.cancelledBy);
  }
}

/** Every request in flight listens to the step's cancel signal (dozens at once during uploads): no listener cap. */
function listenedTo(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

/** The running step's clock: one per process, as one process runs one step. */
export const step = new StepClock();

/**
 * Runs `work` with SIGINT/SIGTERM turned into a cancellation of the step instead of an exit, so
 * the action can clean up and report "cancelled" before the runner kills it.
 */
export async function withCancellation<T>(work: () => Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => step.cancel(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
