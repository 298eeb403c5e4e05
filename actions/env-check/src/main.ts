import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { envCheckAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(envCheckAction, options);
}
