import { z } from 'zod';
import { deployConfigSchema } from '../../../actions/deploy/src/config.js';
import { envConfigSchema } from '../../../actions/env-check/src/schema.js';
import { migrateConfigSchema } from '../../../actions/migrate/src/config.js';
import { preflightConfigSchema } from '../../../actions/preflight/src/config.js';
import { SMOKE_SECTION, smokeSectionSchema } from '../../shared/src/smoke/config-schema.js';

/**
 * The JSON Schema of .github/deploy-kit.yml, generated from the same zod schemas the actions
 * validate the file with, so editors complete and check it (`# yaml-language-server: $schema=…`).
 * `npm run build` writes it to deploy-kit.schema.json; a test fails when that file drifts.
 */
export const CONFIG_SECTIONS = {
  preflight: preflightConfigSchema,
  deploy: deployConfigSchema,
  env: envConfigSchema,
  migrate: migrateConfigSchema,
  [SMOKE_SECTION]: smokeSectionSchema({}),
};

export function configJsonSchema(): Record<string, unknown> {
  const sections = Object.fromEntries(
    Object.entries(CONFIG_SECTIONS).map(([name, schema]) => {
      const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
      return [name, json];
    }),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/deploy-kit/deploy-kit/blob/main/deploy-kit.schema.json',
    title: 'deploy-kit configuration (.github/deploy-kit.yml)',
    description: 'One section per action; action inputs override these values.',
    type: 'object',
    additionalProperties: false,
    properties: sections,
  };
}
