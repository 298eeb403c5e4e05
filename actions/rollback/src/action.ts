import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import type { SmokeEnvironment } from '../../../packages/shared/src/smoke/index.js';
import { rollbackInputs } from './inputs.js';
import { rollbackMain } from './rollback.js';

/**
 * rollback: production back on a good deployment, proven healthy. `environment` is for tests and
 * embedders (trusted test CAs, pinned host names, the plain-HTTP probe's port), as in smoke-test;
 * the published action uses the defaults.
 */
export function rollbackDefinition(environment: SmokeEnvironment = {}) {
  return {
    name: 'rollback',
    title: 'Production rollback',
    inputs: rollbackInputs,
    main: rollbackMain(environment),
    jsonReport: true,
    prComment: true,
    checkRun: 'deploy-kit rollback',
    cancellable: true,
  } satisfies ActionDefinition<typeof rollbackInputs>;
}

export const rollbackAction = rollbackDefinition();
