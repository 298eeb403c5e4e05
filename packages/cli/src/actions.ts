import type { RunOptions, RunResult } from '../../shared/src/run.js';

/** Every published action by its contract name; each action's main.ts exports `run(options)`. */
export type Runner = (options?: RunOptions) => Promise<RunResult>;

export const ACTIONS: Record<string, Runner> = {};

export function actionNames(): string[] {
  return Object.keys(ACTIONS).sort();
}
