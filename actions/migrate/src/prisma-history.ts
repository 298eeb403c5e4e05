import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { outOfOrder, readHistoryRows, type HistoryStore, type Verdict } from './history.js';
import type { LocalMigration } from './layout.js';

/**
 * Prisma's history: _prisma_migrations, in the schema of the URL's `?schema=` (default: the
 * search path), as prisma-engines creates it (schema-engine/connectors/sql-schema-connector/src/
 * flavour/postgres.rs create_migrations_table) and writes it (sql_migration_persistence.rs;
 * the order of calls in schema-engine/core/src/commands/apply_migrations.rs):
 * - id                  VARCHAR(36) — a new UUID v4 (record_migration_started_impl)
 * - checksum            VARCHAR(64) — SHA-256 of the script, lower-case hex (schema-connector
 *                       src/checksum.rs render_checksum)
 * - finished_at         TIMESTAMPTZ — set when the script succeeded (record_migration_finished)
 * - migration_name      VARCHAR(255) — the migration's folder name
 * - logs                TEXT — the error of a failed script (record_failed_step)
 * - rolled_back_at      TIMESTAMPTZ — set by `prisma migrate resolve --rolled-back`
 *                       (mark_migration_rolled_back_by_id)
 * - started_at          TIMESTAMPTZ — when the row was inserted, before the script ran
 * - applied_steps_count INTEGER — incremented once the script succeeded (record_successful_step)
 */
export const PRISMA_TABLE = '_prisma_migrations';

interface Row {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
}

export const prismaHistory: HistoryStore = {
  format: 'prisma',
  table: PRISMA_TABLE,

  async judge(client, local, includeAll) {
    const notBaselined = await schemaNotEmpty(client);
    if (notBaselined) return { pending: local, errors: [notBaselined], warnings: [], appliedCount: 0 };
    const rows = await readHistoryRows<Row>(client, `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at FROM ${PRISMA_TABLE} ORDER BY started_at`);
    return judgePrisma(local, rows, includeAll);
  },

  async ensure(client) {
    const exists = await client.query(`SELECT to_regclass('${PRISMA_TABLE}') IS NOT NULL AS exists`);
    if (exists.rows[0]?.exists) return;
    await client.query(`CREATE TABLE ${PRISMA_TABLE} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`);
  },

  async started(client, migration) {
    const id = randomUUID();
    await client.query(`INSERT INTO ${PRISMA_TABLE} (id, checksum, started_at, migration_name) VALUES ($1, $2, clock_timestamp(), $3)`, [
      id,
      prismaChecksum(migration.sql),
      migration.name,
    ]);
    return id;
  },

  async applied(client, _migration, id) {
    await client.query(`UPDATE ${PRISMA_TABLE} SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1`, [id]);
  },

  async failed(client, _migration, id, logs) {
    await client.query(`UPDATE ${PRISMA_TABLE} SET logs = $2 WHERE id = $1`, [id, logs]);
  },

  async rolledBack(client, id, logs) {
    await client.query(`UPDATE ${PRISMA_TABLE} SET logs = $2, rolled_back_at = clock_timestamp() WHERE id = $1`, [id, logs]);
  },
};

/**
 * Prisma refuses to start a history in a schema that already has tables (P3005,
 * DatabaseSchemaNotEmpty in sql_migration_persistence.rs initialize): they came from somewhere
 * else, and the first migration would create them again. The fix is baselining.
 */
async function schemaNotEmpty(client: pg.Client): Promise<string | undefined> {
  const { rows } = await client.query<{ history: boolean; tables: string[] }>(
    `SELECT to_regclass('${PRISMA_TABLE}') IS NOT NULL AS history,
            ARRAY(SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename LIMIT 5) AS tables`,
  );
  const { history, tables } = rows[0]!;
  if (history || tables.length === 0) return undefined;
  return (
    `The database schema is not empty (P3005): it has tables (${tables.join(', ')}) but no ${PRISMA_TABLE}, so Prisma's history cannot start here. ` +
    'Baseline it: mark each migration already reflected in the database as applied with `npx prisma migrate resolve --applied <name>` (https://pris.ly/d/migrate-baseline), then run migrate again.'
  );
}

/** SHA-256 of the script, lower-case hex, two digits per byte: what Prisma writes. */
export function prismaChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * As prisma-engines' script_matches_checksum (schema-engine/connectors/schema-connector/src/
 * checksum.rs): the script matches when its checksum, or that of the script with CRLF turned
 * into LF, or LF into CRLF, equals the recorded one (git changes line endings); a recorded
 * checksum that is not 64 characters long is compared with the old spelling that did not
 * zero-pad each byte (prisma-engines issue #1887).
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const spelled = checksum !== '' && checksum.length !== 64 ? [...digest].map((b) => b.toString(16)).join('') : digest.toString('hex');
    return spelled === checksum;
  });
}

/**
 * As `prisma migrate deploy` judges (apply_migrations.rs): a row neither finished nor rolled
 * back is a failed migration and stops everything (P3009, detect_failed_migrations); a file is
 * pending when no row that is not rolled back carries its name. deploy-kit also refuses an
 * applied migration whose file no longer matches its checksum (what `prisma migrate dev` and
 * `migrate status` report as edited) and, unless include-all, files older than the newest applied.
 */
export function judgePrisma(local: LocalMigration[], rows: Row[], includeAll: boolean): Verdict {
  const errors: string[] = [];
  const warnings: string[] = [];
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) errors.push(failedMigrationsMessage(failed));
  const active = rows.filter((r) => r.rolled_back_at === null);
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of active) {
    const file = byName.get(row.migration_name);
    if (!file) {
      if (row.finished_at) warnings.push(`${PRISMA_TABLE} records ${row.migration_name} as applied, but prisma/migrations has no such folder (prisma migrate deploy ignores it too).`);
      continue;
    }
    if (row.finished_at && !scriptMatchesChecksum(file.sql, row.checksum)) {
      errors.push(`${file.file} was modified after it was applied (its SHA-256 no longer matches the checksum in ${PRISMA_TABLE}): restore it from git and put the change in a new migration.`);
    }
  }
  const applied = new Set(active.map((r) => r.migration_name));
  const unapplied = local.filter((m) => !applied.has(m.name));
  const order = outOfOrder(unapplied, active.filter((r) => r.finished_at).map((r) => r.migration_name), includeAll);
  if (order) errors.push(order);
  return { pending: unapplied, errors, warnings, appliedCount: active.filter((r) => r.finished_at).length };
}

/** Prisma's P3009 (user-facing-errors schema_engine.rs FoundFailedMigrations), with the fix. */
function failedMigrationsMessage(failed: Row[]): string {
  const details = failed
    .map((r) => {
      const logs = r.logs?.trim() ? ` with the following logs: ${r.logs.trim().split('\n')[0]}` : '';
      return `The \`${r.migration_name}\` migration started at ${r.started_at.toISOString()} failed${logs}`;
    })
    .join('; ');
  const names = failed.map((r) => r.migration_name);
  return (
    `migrate found failed migrations in the target database, new migrations will not be applied (P3009). ${details}. ` +
    `Fix: undo whatever part of it ran (deploy-kit ran it in a transaction, so nothing did unless it ran outside one), fix the file, then run ` +
    `${names.map((n) => `\`npx prisma migrate resolve --rolled-back ${n}\``).join(' and ')} and run migrate again; ` +
    `if it was applied by hand instead, use --applied. See https://pris.ly/d/migrate-resolve`
  );
}
