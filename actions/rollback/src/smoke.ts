import { configSection, type LoadedConfig } from '../../../packages/shared/src/config.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Report } from '../../../packages/shared/src/report/model.js';
import {
  SMOKE_SECTION,
  resolveSmokeSettings,
  runSmokeSuite,
  smokeSectionSchema,
  type SmokeCheckInputs,
  type SmokeEnvironment,
  type SmokeOutcome,
  type SmokeSection,
} from '../../../packages/shared/src/smoke/index.js';

/**
 * The smoke-test checks, the same code and configuration as the smoke-test action (its inputs and
 * the config file's `smoke:` section), run against production once it serves the target. The
 * section is read before anything changes, so a broken config file stops the rollback up front;
 * its messages name the file as the 'config' input spells it.
 */
export function readSmokeSection(config: LoadedConfig): SmokeSection {
  return configSection(config, SMOKE_SECTION, smokeSectionSchema());
}

export function smokeProduction(
  url: string,
  inputs: SmokeCheckInputs,
  section: SmokeSection,
  context: { report: Report; log: Logger; environment: SmokeEnvironment },
): Promise<SmokeOutcome> {
  const settings = resolveSmokeSettings(url, inputs, section, context.log);
  return runSmokeSuite(settings, { report: context.report, log: context.log, environment: { reportPrefix: 'rollback', ...context.environment } });
}
