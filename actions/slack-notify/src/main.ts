import { runAction, type RunOptions } from '../../../packages/shared/src/index.js';
import { slackNotifyAction } from './action.js';

export function run(options?: RunOptions) {
  return runAction(slackNotifyAction, options);
}
