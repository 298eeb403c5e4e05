import type pg from 'pg';
import type { DatabaseTarget } from './connection.js';
import type { HistoryStore } from './history.js';
import type { LocalMigration } from './layout.js';
import { nonTransactional } from './risks.js';
import { resetSession } from './session.js';
import { splitStatements } from './statements.js';

/**
 * Applies pending migrations one by one, each in its own transaction with its history row, so a
 * failure leaves nothing of that migration and everything before it applied and recorded. A file
 * PostgreSQL cannot run in a transaction is run statement by statement outside one.
 */
export interface Timeouts {
  lockMs: number;
  /** undefined: no limit. */
  statementMs?: number;
}

export interface MigrationResult {
  migration: LocalMigration;
  durationMs: number;
  /** Set when it ran outside a transaction: what made it so. */
  outsideTransaction?: string;
  error?: MigrationError;
}

export interface MigrationError {
  message: string;
  /** Line of the file where PostgreSQL pointed, when it did. */
  line?: number;
  /** Statements that ran and stayed (outside a transaction only). */
  committedStatements?: number;
}

export async function applyMigrations(
  client: pg.Client,
  target: DatabaseTarget,
  store: HistoryStore,
  pending: LocalMigration[],
  timeouts: Timeouts,
  serverVersionNum: number,
  onStart: (migration: LocalMigration, outsideTransaction?: string) => void,
  isCancelled: () => boolean = () => false,
): Promise<MigrationResult[]> {
  const results: MigrationResult[] = [];
  for (const migration of pending) {
    if (isCancelled()) break;
    const outside = nonTransactional(migration.sql, serverVersionNum);
    onStart(migration, outside);
    const started = performance.now();
    await resetSession(client, target);
    const id = await store.started(client, migration);
    const error = outside
      ? await runOutsideTransaction(client, store, migration, id, timeouts)
      : await runInTransaction(client, store, migration, id, timeouts);
    if (error && isCancelled() && !outside) await store.rolledBack(client, id, error.message);
    else if (error) await store.failed(client, migration, id, error.message);
    results.push({ migration, durationMs: Math.round(performance.now() - started), outsideTransaction: outside, error });
    if (error) break;
  }
  await resetSession(client, target);
  return results;
}

async function runInTransaction(client: pg.Client, store: HistoryStore, migration: LocalMigration, id: string | undefined, timeouts: Timeouts): Promise<MigrationError | undefined> {
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = ${Math.round(timeouts.lockMs)}`);
    await client.query(`SET LOCAL statement_timeout = ${Math.round(timeouts.statementMs ?? 0)}`);
    try {
      await client.query(migration.sql);
    } catch (error) {
      return describeFailure(error, migration.sql, 0, timeouts);
    }
    await store.applied(client, migration, id);
    await client.query('COMMIT');
    return undefined;
  } finally {
    // After COMMIT this is a harmless no-op warning; after an error it takes everything back.
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

async function runOutsideTransaction(client: pg.Client, store: HistoryStore, migration: LocalMigration, id: string | undefined, timeouts: Timeouts): Promise<MigrationError | undefined> {
  await client.query(`SET lock_timeout = ${Math.round(timeouts.lockMs)}`);
  await client.query(`SET statement_timeout = ${Math.round(timeouts.statementMs ?? 0)}`);
  const statements = splitStatements(migration.sql);
  for (const [index, statement] of statements.entries()) {
    try {
      await client.query(statement);
    } catch (error) {
      const offset = Math.max(0, migration.sql.indexOf(statement));
      const failure = describeFailure(error, migration.sql, offset, timeouts);
      // Without a position from PostgreSQL, the failing statement's first line.
      return { ...failure, line: failure.line ?? lineAt(migration.sql, offset + 1), committedStatements: index };
    }
  }
  await store.applied(client, migration, id);
  return undefined;
}

/** PostgreSQL's message, its SQLSTATE, and the line of the file it points at. */
function describeFailure(error: unknown, sql: string, offset: number, timeouts: Timeouts): MigrationError {
  const { message = String(error), code, position } = error as { message?: string; code?: string; position?: string };
  const line = position ? lineAt(sql, offset + Number(position) - 1) : undefined;
  let hint = '';
  if (code === '55P03') hint = ` — waited longer than lock-timeout (${timeouts.lockMs} ms) for a lock another session holds: run it when traffic is low, or raise lock-timeout`;
  if (code === '57014') hint = ` — ran longer than statement-timeout (${timeouts.statementMs} ms): raise statement-timeout, or split the work`;
  return { message: `${message.split('\n')[0]}${code ? ` (SQLSTATE ${code})` : ''}${hint}`, line };
}

function lineAt(text: string, index: number): number {
  return text.slice(0, Math.max(0, index)).split('\n').length;
}
