import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { envCheckInputs } from './inputs.js';

/**
 * env-check: every environment variable present and well-formed before the deploy needs it. The
 * checks are imported once the inputs are read, so a bad input is reported without loading them.
 */
export const envCheckAction = {
  name: 'env-check',
  title: 'Environment variables',
  inputs: envCheckInputs,
  main: async (ctx) => (await import('./env-check.js')).envCheck(ctx),
  prComment: true,
  jsonReport: true,
} satisfies ActionDefinition<typeof envCheckInputs>;
