import type pg from 'pg';
import type { DatabaseTarget } from './connection.js';
import type { TableFacts, TableLookup } from './risks.js';
import { tableKey } from './risks.js';

/**
 * The session a run works in: the server's version, Prisma's `?schema=` as the search path,
 * the advisory lock that serialises runs, and what the planner needs to know about tables.
 */

/**
 * Prisma's migration lock key (prisma-engines sql-schema-connector flavour/postgres.rs
 * acquire_lock: `SELECT pg_advisory_lock(72707369)`), so deploy-kit, `prisma migrate deploy`
 * and another deploy-kit run never migrate the same database at once.
 */
export const ADVISORY_LOCK_KEY = 72707369;
const LOCK_POLL_MS = 250;

export async function serverVersionNum(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Number(rows[0]?.v ?? 0);
}

export async function serverVersion(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return (rows[0]?.v ?? '').split(' ')[0]!;
}

/**
 * Session settings every migration starts from; RESET ALL undoes what a migration SET. A plan
 * session is read-only: every transaction in it refuses to write.
 */
export async function resetSession(client: pg.Client, target: DatabaseTarget, readOnly = false): Promise<void> {
  await client.query('RESET ALL');
  if (target.schema) await client.query(`SET search_path TO ${quoteIdent(target.schema)}`);
  if (readOnly) await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Takes the session advisory lock, polling so a run waiting behind another one can say so and
 * give up at `waitMs`. Returns false when the wait ran out.
 */
export async function acquireLock(client: pg.Client, waitMs: number, onWait: () => void): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [ADVISORY_LOCK_KEY]);
    if (rows[0]?.locked) return true;
    if (!told) {
      onWait();
      told = true;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

export async function releaseLock(client: pg.Client): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
}

/** Ordinary and partitioned tables of the database, looked up as unqualified names resolve (search path order). */
export async function tableLookup(client: pg.Client): Promise<TableLookup> {
  const { rows } = await client.query<{ schema: string; name: string; rows: number; position: number | null }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS rows,
            array_position(current_schemas(false), n.nspname::text) AS position
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      LIMIT 100000`,
  );
  const facts = new Map<string, TableFacts & { position: number }>();
  for (const row of rows) {
    const fact = { exists: true, estimatedRows: row.rows, position: row.position ?? Number.MAX_SAFE_INTEGER };
    facts.set(`${tableKey(quoteIfNeeded(row.schema))}.${tableKey(quoteIfNeeded(row.name))}`, fact);
    const bare = tableKey(quoteIfNeeded(row.name));
    const current = facts.get(bare);
    if (row.position !== null && (!current || current.position > fact.position)) facts.set(bare, fact);
  }
  return (name) => facts.get(name) ?? { exists: false };
}

/** How a catalog name is written so tableKey() reads it back: lower-case names bare, others quoted. */
function quoteIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name);
}
