import { z } from 'zod';
import { configSection, type LoadedConfig } from '../../../packages/shared/src/config.js';

/**
 * The `migrate:` section of .github/deploy-kit.yml: how the plan's risk warnings are treated.
 *
 * ```yaml
 * migrate:
 *   allow-risks: [drop-column]   # reviewed on purpose: no warning
 *   fail-on-risk: true           # a plan (dry-run) with a risk warning fails the check
 * ```
 */
export const RISK_IDS = ['blocking-index', 'column-type', 'not-null-without-default', 'drop-column', 'drop-table'] as const;

export const migrateConfigSchema = z
  .object({
    'allow-risks': z.array(z.enum(RISK_IDS)).optional(),
    'fail-on-risk': z.boolean().optional(),
  })
  .strict();

export interface MigrateConfig {
  allowRisks: Set<string>;
  failOnRisk: boolean;
}

export function readMigrateConfig(config: LoadedConfig): MigrateConfig {
  const section = configSection(config, 'migrate', migrateConfigSchema);
  return { allowRisks: new Set(section['allow-risks'] ?? []), failOnRisk: section['fail-on-risk'] ?? false };
}
