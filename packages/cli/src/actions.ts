import type { RunOptions, RunResult } from '../../shared/src/run.js';

/** Every published action by its contract name; each action's main.ts exports `run(options)`. */
export type Runner = (options?: RunOptions) => Promise<RunResult>;

/**
 * An action's code is imported only when that action runs: in dist/ each `import()` below is its
 * own chunk, so `deploy` never loads (or compiles) smoke-test's Lighthouse code, and the reverse.
 */
function lazy(load: () => Promise<{ run: Runner }>): Runner {
  return async (options) => (await load()).run(options);
}

export const ACTIONS: Record<string, Runner> = {
  deploy: lazy(() => import('../../../actions/deploy/src/main.js')),
  'env-check': lazy(() => import('../../../actions/env-check/src/main.js')),
  migrate: lazy(() => import('../../../actions/migrate/src/main.js')),
  preflight: lazy(() => import('../../../actions/preflight/src/main.js')),
  rollback: lazy(() => import('../../../actions/rollback/src/main.js')),
  'sentry-release': lazy(() => import('../../../actions/sentry-release/src/main.js')),
  'slack-notify': lazy(() => import('../../../actions/slack-notify/src/main.js')),
  'smoke-test': lazy(() => import('../../../actions/smoke-test/src/main.js')),
};

export function actionNames(): string[] {
  return Object.keys(ACTIONS).sort();
}
