import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { sentryReleaseAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(sentryReleaseAction, options);
}
