import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { smokeTestAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(smokeTestAction, options);
}
