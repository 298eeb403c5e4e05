import type pg from 'pg';
import type { Format, LocalMigration } from './layout.js';

/**
 * A migration history table as one tool writes it. Each format reads its rows, judges them
 * against the files the way that tool does, and writes the rows that tool writes, so a team can
 * switch between deploy-kit and the tool in either direction.
 */
export interface Verdict {
  pending: LocalMigration[];
  /** Reasons not to apply anything (drift, failed migrations, out-of-order files). */
  errors: string[];
  warnings: string[];
  /** How many migrations the history records as applied. */
  appliedCount: number;
}

export interface HistoryStore {
  format: Format;
  /** The table's name, for messages. */
  table: string;
  /** Reads the history and judges the local files against it; no table is an empty history. */
  judge(client: pg.Client, local: LocalMigration[], includeAll: boolean): Promise<Verdict>;
  /** Creates the table (and schema) when missing, as the tool does before its first migration. */
  ensure(client: pg.Client): Promise<void>;
  /** Before the migration's transaction: Prisma records that the migration started. */
  started(client: pg.Client, migration: LocalMigration): Promise<string | undefined>;
  /** Inside the migration's transaction, after its SQL ran: the row that says it is applied. */
  applied(client: pg.Client, migration: LocalMigration, id: string | undefined): Promise<void>;
  /** After the transaction rolled back: Prisma records the failure and its logs. */
  failed(client: pg.Client, migration: LocalMigration, id: string | undefined, logs: string): Promise<void>;
  /**
   * The job was cancelled while the migration ran in its transaction, which rolled back: Prisma's
   * row is marked rolled back (what `prisma migrate resolve --rolled-back` writes), so the next
   * run applies it again instead of stopping at a failure that was not the migration's.
   */
  rolledBack(client: pg.Client, id: string | undefined, logs: string): Promise<void>;
}

/** The history's rows; none when the table (or its schema) does not exist yet (undefined_table, invalid_schema_name). */
export async function readHistoryRows<T extends pg.QueryResultRow>(client: pg.Client, sql: string): Promise<T[]> {
  try {
    return (await client.query<T>(sql)).rows;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P01' || code === '3F000') return [];
    throw error;
  }
}

/**
 * Local files that sort before the newest applied migration and were never applied: both tools
 * apply migrations in order, and such a file was usually written on a branch that merged late.
 * Refused unless include-all, as `supabase db push` refuses them without --include-all
 * (supabase/cli apps/cli-go/pkg/migration/apply.go FindPendingMigrations, ErrMissingRemote).
 */
export function outOfOrder(unapplied: LocalMigration[], appliedVersions: string[], includeAll: boolean): string | undefined {
  const newest = [...appliedVersions].sort().at(-1);
  if (includeAll || newest === undefined) return undefined;
  const early = unapplied.filter((m) => m.version < newest);
  if (early.length === 0) return undefined;
  return (
    `${early.map((m) => m.name).join(', ')} ${early.length === 1 ? 'sorts' : 'sort'} before ${newest}, the newest migration already applied: ` +
    'applying it now would run migrations out of order. Rename it with a newer version, or set include-all: true to apply it anyway.'
  );
}
