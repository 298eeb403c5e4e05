import { ApiError } from '../../../packages/shared/src/errors.js';
import { explainSentryError, type SentryAccess } from '../../../packages/shared/src/clients/sentry.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { CheckOutcome, Report } from '../../../packages/shared/src/report/model.js';

/**
 * Runs the action's steps in order as report rows. A Sentry error stops the run: it becomes the
 * row's one-line explanation, failing the step with `fail-on-error`, a warning without it. Any
 * other error (a bug, a wrong input) is thrown on, for runAction to report.
 */
export class Steps {
  /** The explained error that stopped the run, if any. */
  stoppedBy?: ApiError;

  constructor(
    private readonly report: Report,
    private readonly log: Logger,
    private readonly access: SentryAccess,
    private readonly failOnError: boolean,
  ) {}

  /** Runs `fn` as a row, unless an earlier step stopped the run; undefined when it did not complete. */
  async run<T extends CheckOutcome>(id: string, title: string, fn: () => Promise<T>): Promise<T | undefined> {
    if (this.stoppedBy) {
      this.report.addCheck({ id, title, status: 'skip', summary: 'Not run: an earlier step failed.' });
      return undefined;
    }
    const started = performance.now();
    try {
      const outcome = await fn();
      const { status, summary, detail } = outcome;
      this.report.addCheck({ id, title, status, summary, detail, durationMs: Math.round(performance.now() - started) });
      return outcome;
    } catch (error) {
      const explained = explainSentryError(error, this.access);
      if (!(explained instanceof ApiError)) throw explained;
      this.stoppedBy = explained;
      const status = this.failOnError ? 'fail' : 'warn';
      const summary = this.failOnError ? explained.message : `${explained.message} The step did not fail because fail-on-error is false.`;
      this.report.addCheck({ id, title, status, summary, durationMs: Math.round(performance.now() - started) });
      if (!this.failOnError) this.log.warning(summary);
      return undefined;
    }
  }

  skip(id: string, title: string, summary: string): void {
    this.report.addCheck({ id, title, status: 'skip', summary });
  }

  /** The step's failure message, when it must fail. */
  failure(): string | undefined {
    return this.failOnError ? this.stoppedBy?.message : undefined;
  }
}
