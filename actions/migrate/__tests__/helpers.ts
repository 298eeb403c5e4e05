import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { writeTree } from '../../../test/harness/files.js';
import { runLikeRunner, type RunnerRun } from '../../../test/harness/runner.js';
import { migrateDefinition } from '../src/action.js';
import type { MigrateEnvironment } from '../src/migrate.js';

/** A repository with migration files, the migrate action run in it as the runner runs it, and SQL against the database. */
export async function repo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-migrate-'));
  await writeTree(dir, files);
  return dir;
}

export function supabaseFiles(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, sql]) => [`supabase/migrations/${name}.sql`, sql]));
}

export function prismaFiles(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, sql]) => [`prisma/migrations/${name}/migration.sql`, sql]));
}

export function runMigrate(workspace: string, inputs: Record<string, string | undefined>, environment: MigrateEnvironment = {}): Promise<RunnerRun> {
  return runLikeRunner(migrateDefinition(environment), { backup: 'false', ...inputs }, { env: { GITHUB_WORKSPACE: workspace } });
}

export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export async function tableExists(url: string, name: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(url, 'SELECT to_regclass($1) IS NOT NULL AS exists', [name]);
  return row!.exists;
}
