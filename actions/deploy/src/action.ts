import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { deploy } from './deploy.js';
import { deployInputs } from './inputs.js';

/** deploy: a Vercel deployment over the REST API, waited on until it serves. */
export const deployAction = {
  name: 'deploy',
  title: 'Vercel deployment',
  inputs: deployInputs,
  main: deploy,
  prComment: true,
  cancellable: true,
} satisfies ActionDefinition<typeof deployInputs>;
