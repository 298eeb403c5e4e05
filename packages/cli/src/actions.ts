import type { RunOptions, RunResult } from '../../shared/src/run.js';
import { run as deploy } from '../../../actions/deploy/src/main.js';
import { run as envCheck } from '../../../actions/env-check/src/main.js';
import { run as preflight } from '../../../actions/preflight/src/main.js';
import { run as rollback } from '../../../actions/rollback/src/main.js';
import { run as sentryRelease } from '../../../actions/sentry-release/src/main.js';
import { run as slackNotify } from '../../../actions/slack-notify/src/main.js';
import { run as smokeTest } from '../../../actions/smoke-test/src/main.js';

/** Every published action by its contract name; each action's main.ts exports `run(options)`. */
export type Runner = (options?: RunOptions) => Promise<RunResult>;

export const ACTIONS: Record<string, Runner> = {
  deploy,
  'env-check': envCheck,
  preflight,
  rollback,
  'sentry-release': sentryRelease,
  'slack-notify': slackNotify,
  'smoke-test': smokeTest,
};

export function actionNames(): string[] {
  return Object.keys(ACTIONS).sort();
}
