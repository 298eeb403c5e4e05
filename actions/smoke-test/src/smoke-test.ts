import { configSection } from '../../../packages/shared/src/config.js';
import type { ActionContext, ActionResult } from '../../../packages/shared/src/run.js';
import { SMOKE_SECTION, resolveSmokeSettings, runSmokeSuite, smokeSectionSchema, type SmokeEnvironment } from '../../../packages/shared/src/smoke/index.js';
import type { SmokeTestInputs } from './inputs.js';

/**
 * smoke-test's run: the `smoke:` config section read over the inputs, the shared smoke suite run
 * against the URL, its outcome as the outputs.
 */
export function smokeTestMain(environment: SmokeEnvironment) {
  return async ({ inputs, config, report, log }: ActionContext<SmokeTestInputs>): Promise<ActionResult> => {
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
  };
}
