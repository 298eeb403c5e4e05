import { outOfOrder, readHistoryRows, type HistoryStore, type Verdict } from './history.js';
import type { LocalMigration } from './layout.js';
import { splitStatements, statementsFingerprint } from './statements.js';

/**
 * Supabase's history: supabase_migrations.schema_migrations, as the Supabase CLI creates and
 * writes it (supabase/cli apps/cli-go/pkg/migration/history.go):
 * - version    text NOT NULL PRIMARY KEY — CREATE_VERSION_TABLE; the file name's leading digits
 * - statements text[] — ADD_STATEMENTS_COLUMN; the file split by pkg/parser SplitAndTrim
 * - name       text — ADD_NAME_COLUMN; the file name after `<version>_`, without `.sql`
 * One row is inserted per applied migration, in the same transaction as its statements
 * (INSERT_MIGRATION_VERSION in pkg/migration/file.go ExecBatch); a failed one leaves no row.
 */
const TABLE = 'supabase_migrations.schema_migrations';

interface Row {
  version: string;
  name: string | null;
  statements: string[] | null;
}

export const supabaseHistory: HistoryStore = {
  format: 'supabase',
  table: TABLE,

  async judge(client, local, includeAll) {
    const rows = await readHistoryRows<Row>(client, `SELECT version, name, statements FROM ${TABLE} ORDER BY version`);
    return judgeSupabase(local, rows, includeAll);
  },

  async ensure(client) {
    await client.query('CREATE SCHEMA IF NOT EXISTS supabase_migrations');
    await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (version text NOT NULL PRIMARY KEY)`);
    await client.query(`ALTER TABLE ${TABLE} ADD COLUMN IF NOT EXISTS statements text[]`);
    await client.query(`ALTER TABLE ${TABLE} ADD COLUMN IF NOT EXISTS name text`);
  },

  async started() {
    return undefined;
  },

  async applied(client, migration) {
    await client.query(`INSERT INTO ${TABLE} (version, name, statements) VALUES ($1, $2, $3)`, [
      migration.version,
      migration.name.slice(migration.version.length + 1),
      splitStatements(migration.sql),
    ]);
  },

  async failed() {
    // The Supabase CLI records nothing for a failed migration: the transaction took it back.
  },

  async rolledBack() {
    // Nothing was recorded.
  },
};

/**
 * As `supabase db push` judges (pkg/migration/apply.go FindPendingMigrations): an applied version
 * with no local file stops the push (ErrMissingLocal); an unapplied file older than the newest
 * applied version is refused without include-all (ErrMissingRemote). The CLI does not compare
 * statements; deploy-kit also refuses an applied file whose statements no longer match the
 * recorded ones, compared without white space so the two splitters cannot disagree.
 */
export function judgeSupabase(local: LocalMigration[], rows: Row[], includeAll: boolean): Verdict {
  const errors: string[] = [];
  const byVersion = new Map(local.map((m) => [m.version, m]));
  const applied = new Set(rows.map((r) => r.version));
  const missing = rows.filter((r) => !byVersion.has(r.version)).map((r) => r.version);
  if (missing.length > 0) {
    errors.push(
      `${TABLE} records ${missing.join(', ')} as applied, but supabase/migrations has no such file: restore the file(s) from git, ` +
        `or if they were reverted on purpose, run \`supabase migration repair --status reverted ${missing.join(' ')}\`.`,
    );
  }
  for (const row of rows) {
    const file = byVersion.get(row.version);
    if (!file || !row.statements) continue;
    if (statementsFingerprint(row.statements) !== statementsFingerprint(splitStatements(file.sql))) {
      errors.push(`${file.file} was changed after it was applied (its statements differ from those recorded in ${TABLE}): restore it from git and put the change in a new migration.`);
    }
  }
  const unapplied = local.filter((m) => !applied.has(m.version));
  const order = outOfOrder(unapplied, [...applied], includeAll);
  if (order) errors.push(order);
  return { pending: unapplied, errors, warnings: [], appliedCount: rows.length };
}
