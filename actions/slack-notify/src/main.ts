import { runAction, type RunOptions } from '../../../packages/shared/src/run.js';
import { slackNotifyAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(slackNotifyAction, options);
}
