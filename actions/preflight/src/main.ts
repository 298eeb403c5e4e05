import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { preflightAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(preflightAction, options);
}
