import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { deployInputs } from './inputs.js';

/**
 * deploy: a Vercel deployment over the REST API, waited on until it serves. The deploy code is
 * imported once the inputs are read, so a bad input is reported without loading it.
 */
export const deployAction = {
  name: 'deploy',
  title: 'Vercel deployment',
  inputs: deployInputs,
  main: async (ctx) => (await import('./deploy.js')).deploy(ctx),
  skipOnFork: 'deploy skipped: this pull request comes from a fork, and fork pull requests get no secrets (no Vercel token). Deploy it from a branch of this repository, or after merging.',
  prComment: true,
  cancellable: true,
} satisfies ActionDefinition<typeof deployInputs>;
