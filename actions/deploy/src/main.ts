import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { deployAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(deployAction, options);
}
