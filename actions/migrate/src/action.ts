import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { migrateInputs } from './inputs.js';
import { migrateMain, type MigrateEnvironment } from './migrate.js';

/**
 * migrate: pending Supabase or Prisma migrations planned on the pull request, backed up, then
 * applied one transaction each under an advisory lock, recorded in the tool's own history table.
 * `environment` is for tests and embedders; the published action uses the defaults.
 */
export function migrateDefinition(environment: MigrateEnvironment = {}) {
  return {
    name: 'migrate',
    title: 'Database migrations',
    inputs: migrateInputs,
    prComment: true,
    jsonReport: true,
    main: migrateMain(environment),
  } satisfies ActionDefinition<typeof migrateInputs>;
}

export const migrateAction = migrateDefinition();
