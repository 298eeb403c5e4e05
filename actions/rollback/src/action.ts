import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import type { SmokeEnvironment } from '../../../packages/shared/src/smoke/index.js';
import { rollbackInputs } from './inputs.js';

/**
 * rollback: production back on a good deployment, proven healthy. `environment` is for tests and
 * embedders (trusted test CAs, pinned host names, the plain-HTTP probe's port), as in smoke-test;
 * the published action uses the defaults. The rollback code is imported once the inputs are read.
 */
export function rollbackDefinition(environment: SmokeEnvironment = {}) {
  return {
    name: 'rollback',
    title: 'Production rollback',
    inputs: rollbackInputs,
    main: async (ctx) => (await import('./rollback.js')).rollbackMain(environment)(ctx),
    jsonReport: true,
    prComment: true,
    checkRun: 'deploy-kit rollback',
    cancellable: true,
  } satisfies ActionDefinition<typeof rollbackInputs>;
}

export const rollbackAction = rollbackDefinition();
