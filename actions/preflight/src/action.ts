import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { preflightInputs } from './inputs.js';

/**
 * preflight: the pre-deployment gate (preflight.ts). Its checks are imported once the inputs are
 * read, so a bad input is reported without loading them.
 */
export const preflightAction = {
  name: 'preflight',
  title: 'Preflight',
  inputs: preflightInputs,
  main: async (ctx) => (await import('./preflight.js')).preflight(ctx),
  prComment: true,
  jsonReport: true,
} satisfies ActionDefinition<typeof preflightInputs>;
