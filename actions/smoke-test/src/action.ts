import { configSection, loadConfig } from '../../../packages/shared/src/config.js';
import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import {
  SMOKE_SECTION,
  resolveSmokeSettings,
  runSmokeSuite,
  smokeSectionSchema,
  type SmokeEnvironment,
} from '../../../packages/shared/src/smoke/index.js';
import { smokeTestInputs } from './inputs.js';

/**
 * smoke-test: the live deployment verified — readiness, endpoints, security headers, TLS, CORS,
 * rate limit, Lighthouse. The checks live in the shared smoke suite (rollback runs them too);
 * this action reads its inputs and the `smoke:` config section and reports.
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
    async main({ inputs, report, log, run }) {
      const config = await loadConfig(inputs.config, run.workspace);
      const section = configSection(config, SMOKE_SECTION, smokeSectionSchema());
      const settings = { ...resolveSmokeSettings(inputs.url, inputs, section, log), concurrency: inputs.concurrency };
      const outcome = await runSmokeSuite(settings, { report, log, environment });
      return {
        outputs: {
          status: outcome.status,
          grade: outcome.grade ?? '',
          'lighthouse-scores': JSON.stringify(outcome.lighthouseScores ?? {}),
          'lighthouse-report': outcome.lighthouseReport ?? '',
        },
        failed: outcome.failed,
      };
    },
  } satisfies ActionDefinition<typeof smokeTestInputs>;
}

export const smokeTestAction = smokeTestDefinition();
