import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { migrateInputs } from './inputs.js';
import type { MigrateEnvironment } from './migrate.js';

/**
 * migrate: pending Supabase or Prisma migrations planned on the pull request, backed up, then
 * applied one transaction each under an advisory lock, recorded in the tool's own history table.
 * `environment` is for tests and embedders; the published action uses the defaults. The migration
 * code (and the PostgreSQL driver) is imported once the inputs are read.
 */
export function migrateDefinition(environment: MigrateEnvironment = {}) {
  return {
    name: 'migrate',
    title: 'Database migrations',
    inputs: migrateInputs,
    prComment: true,
    jsonReport: true,
    main: async (ctx) => (await import('./migrate.js')).migrateMain(environment)(ctx),
    skipOnFork: 'migrate skipped: pull requests from forks get no secrets, so there is no database-url to plan against.',
  } satisfies ActionDefinition<typeof migrateInputs>;
}

export const migrateAction = migrateDefinition();
