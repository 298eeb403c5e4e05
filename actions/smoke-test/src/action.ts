import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import type { SmokeEnvironment } from '../../../packages/shared/src/smoke/index.js';
import { smokeTestInputs } from './inputs.js';

/**
 * smoke-test: the live deployment verified — readiness, endpoints, security headers, TLS, CORS,
 * rate limit, Lighthouse. The checks live in the shared smoke suite (rollback runs them too),
 * imported once the inputs are read; smoke-test.ts reads the `smoke:` config section and reports.
 *
 * `environment` is for tests and embedders: trusted test CAs, pinned host names, the plain-HTTP
 * probe's port. The published action uses the defaults.
 */
export function smokeTestDefinition(environment: SmokeEnvironment = {}) {
  return {
    name: 'smoke-test',
    title: 'Smoke test',
    inputs: smokeTestInputs,
    jsonReport: true,
    prComment: true,
    checkRun: 'deploy-kit smoke-test',
    main: async (ctx) => (await import('./smoke-test.js')).smokeTestMain(environment)(ctx),
  } satisfies ActionDefinition<typeof smokeTestInputs>;
}

export const smokeTestAction = smokeTestDefinition();
