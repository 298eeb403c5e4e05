import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { slackNotifyInputs } from './inputs.js';

/**
 * slack-notify: the outcome in Slack (notify.ts). The message and delivery code is imported once
 * the inputs are read, so a bad input is reported without loading it.
 */
export const slackNotifyAction = {
  name: 'slack-notify',
  title: 'Slack notification',
  inputs: slackNotifyInputs,
  main: async (ctx) => (await import('./notify.js')).notify(ctx),
} satisfies ActionDefinition<typeof slackNotifyInputs>;
