import { splitStatements, stripComments } from './statements.js';

/**
 * What a pending migration will do that a reviewer should look at before it runs in production:
 * statements that take a long lock or rewrite a table, or lose data; and statements PostgreSQL
 * refuses inside a transaction block, which decide how the file is run.
 */
export type RiskId = 'blocking-index' | 'column-type' | 'not-null-without-default' | 'drop-column' | 'drop-table';

export interface Risk {
  id: RiskId;
  /** The statement's first line, as written. */
  statement: string;
  message: string;
}

/** What the planner knows about a table in the target database. */
export interface TableFacts {
  exists: boolean;
  /** pg_class.reltuples: the planner's estimate, -1 or 0 when never analysed. */
  estimatedRows?: number;
}

export type TableLookup = (qualifiedName: string) => TableFacts;

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[\w$]+)`;
const NAME = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;
const ALTER_TABLE = new RegExp(String.raw`^alter table (?:if exists )?(?:only )?${NAME}`, 'i');

/**
 * Risks of one migration. `created` holds the tables created earlier in the same batch (a new
 * table is empty, so locking it costs nothing); other tables are looked up in the database.
 */
export function risksOf(sql: string, lookup: TableLookup, created: Set<string>): Risk[] {
  const risks: Risk[] = [];
  for (const raw of splitStatements(sql)) {
    const statement = stripComments(raw);
    const shown = firstLine(raw);
    const createdTable = new RegExp(String.raw`^create (?:(?:global |local )?(?:temp|temporary|unlogged) )?table (?:if not exists )?${NAME}`, 'i').exec(statement);
    if (createdTable) created.add(tableKey(createdTable[1]!));
    const existing = (name: string) => !created.has(tableKey(name)) && lookup(tableKey(name)).exists;
    const size = (name: string) => sizeNote(lookup(tableKey(name)));

    const index = new RegExp(String.raw`^create (?:unique )?index (?!concurrently\b)(?:if not exists )?(?:${IDENT} )?on (?:only )?${NAME}`, 'i').exec(statement);
    if (index && existing(index[1]!)) {
      risks.push({ id: 'blocking-index', statement: shown, message: `CREATE INDEX without CONCURRENTLY blocks writes to ${index[1]}${size(index[1]!)} until the index is built: use CREATE INDEX CONCURRENTLY in a migration of its own.` });
    }
    const alter = ALTER_TABLE.exec(statement);
    if (alter && existing(alter[1]!)) risks.push(...alterRisks(statement, alter[1]!, shown, size(alter[1]!)));
    const drop = /^drop table (?:if exists )?(.+?)(?: cascade| restrict)?$/i.exec(statement);
    if (drop) {
      risks.push({ id: 'drop-table', statement: shown, message: `DROP TABLE ${drop[1]} deletes the table and its data: make sure nothing reads it any more, and keep the backup.` });
    }
  }
  return risks;
}

function alterRisks(statement: string, table: string, shown: string, size: string): Risk[] {
  const risks: Risk[] = [];
  if (/\balter (?:column )?\S+ (?:set data )?type\b/i.test(statement)) {
    risks.push({ id: 'column-type', statement: shown, message: `ALTER COLUMN … TYPE on ${table}${size} can rewrite the whole table under an ACCESS EXCLUSIVE lock: add a new column, backfill it in batches, then switch.` });
  }
  for (const column of statement.matchAll(/\badd (?:column )?(?:if not exists )?([^,]+?)(?=,\s*add\b|$)/gi)) {
    const definition = column[1]!;
    if (/^(constraint|primary|unique|foreign|check|exclude)\b/i.test(definition)) continue;
    if (/\bnot null\b/i.test(definition) && !/\bdefault\b/i.test(definition) && !/\bgenerated\b/i.test(definition)) {
      risks.push({ id: 'not-null-without-default', statement: shown, message: `ADD COLUMN … NOT NULL without a DEFAULT on ${table}${size} fails as soon as the table has a row: add a DEFAULT, or add the column nullable, backfill, then SET NOT NULL.` });
    }
  }
  if (/\bdrop (?:column )?(?!constraint\b|default\b|not null\b|identity\b|expression\b)(?:if exists )?[\w"]/i.test(statement)) {
    risks.push({ id: 'drop-column', statement: shown, message: `DROP COLUMN on ${table} deletes that column's data, and code still reading it fails: deploy code that stops using it first, and keep the backup.` });
  }
  return risks;
}

function sizeNote(facts: TableFacts): string {
  const rows = facts.estimatedRows;
  return rows !== undefined && rows > 0 ? ` (about ${Math.round(rows).toLocaleString('en-US')} rows)` : '';
}

/** `public.users`, `"Users"` → the key to_regclass() reads: quoted parts kept quoted, others lower-cased. */
export function tableKey(name: string): string {
  return name
    .split(/\s*\.\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part) => (part.startsWith('"') ? part : part.toLowerCase()))
    .join('.');
}

function firstLine(statement: string): string {
  const line = statement.split('\n')[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/**
 * Statements PostgreSQL refuses inside a transaction block ("cannot run inside a transaction
 * block"): a file holding one is run statement by statement outside a transaction.
 * ALTER TYPE … ADD VALUE is refused inside one only before PostgreSQL 12.
 */
export function nonTransactional(sql: string, serverVersionNum: number): string | undefined {
  for (const raw of splitStatements(sql)) {
    const s = stripComments(raw);
    if (/^(create (unique )?index concurrently|drop index concurrently|reindex .*\bconcurrently\b|reindex \(.*\bconcurrently\b|alter table .*\bdetach partition\b.*\bconcurrently\b)/i.test(s)) return 'CONCURRENTLY';
    if (/^vacuum\b/i.test(s)) return 'VACUUM';
    if (/^(create|drop) database\b/i.test(s)) return s.split(' ').slice(0, 2).join(' ').toUpperCase();
    if (/^(alter system|create tablespace|drop tablespace)\b/i.test(s)) return s.split(' ').slice(0, 2).join(' ').toUpperCase();
    if (/^alter subscription\b.*\b(refresh|enable|disable)\b/i.test(s) || /^(create|drop) subscription\b/i.test(s)) return 'SUBSCRIPTION';
    if (serverVersionNum < 120000 && /^alter type .* add value\b/i.test(s)) return 'ALTER TYPE … ADD VALUE';
  }
  return undefined;
}
