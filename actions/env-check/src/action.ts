import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { envCheck } from './env-check.js';
import { envCheckInputs } from './inputs.js';

/** env-check: every environment variable present and well-formed before the deploy needs it. */
export const envCheckAction = {
  name: 'env-check',
  title: 'Environment variables',
  inputs: envCheckInputs,
  main: envCheck,
  prComment: true,
  jsonReport: true,
} satisfies ActionDefinition<typeof envCheckInputs>;
