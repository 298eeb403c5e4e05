import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { migrateAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(migrateAction, options);
}
