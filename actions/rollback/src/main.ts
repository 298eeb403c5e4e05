import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { rollbackAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(rollbackAction, options);
}
