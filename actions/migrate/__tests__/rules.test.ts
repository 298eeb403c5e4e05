import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { parseDatabaseUrl, tlsOptions, connectionError } from '../src/connection.js';
import type { LocalMigration } from '../src/layout.js';
import { judgePrisma, prismaChecksum, scriptMatchesChecksum } from '../src/prisma-history.js';
import { nonTransactional, risksOf, type TableLookup } from '../src/risks.js';
import { splitStatements } from '../src/statements.js';
import { judgeSupabase } from '../src/supabase-history.js';

/** The rules that need no database: splitting, checksums, history verdicts, risks, URLs. */
const local = (version: string, sql = `create table t${version} (id int);`): LocalMigration => ({
  name: `${version}_m`,
  version,
  file: `supabase/migrations/${version}_m.sql`,
  sql,
});

describe('splitStatements (as the Supabase CLI records them)', () => {
  it('splits on ; outside quotes, dollar bodies, comments and parentheses, keeping comments', () => {
    const sql = [
      "-- users\ncreate table users (id int, note text default 'a;b');",
      'create function f() returns int language plpgsql as $body$ begin return 1; end $body$;',
      'comment on table users is $$x;y$$ ;',
      '/* a; /* nested; */ b; */ select 1;',
      '',
    ].join('\n');
    expect(splitStatements(sql)).toEqual([
      "-- users\ncreate table users (id int, note text default 'a;b')",
      'create function f() returns int language plpgsql as $body$ begin return 1; end $body$',
      'comment on table users is $$x;y$$',
      '/* a; /* nested; */ b; */ select 1',
    ]);
  });

  it('keeps a BEGIN ATOMIC body whole', () => {
    expect(splitStatements('create function g() returns int begin atomic select 1; select 2; end; select 3;')).toEqual([
      'create function g() returns int begin atomic select 1; select 2; end',
      'select 3',
    ]);
  });
});

describe("Prisma's checksum", () => {
  const script = 'CREATE TABLE "User" (id int);\nCREATE INDEX i ON "User"(id);\n';
  it('is the SHA-256 of the file in lower-case hex', () => {
    expect(prismaChecksum(script)).toBe(createHash('sha256').update(script).digest('hex'));
    expect(prismaChecksum('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  });

  it('matches a file whose line endings changed, either way', () => {
    expect(scriptMatchesChecksum(script.replaceAll('\n', '\r\n'), prismaChecksum(script))).toBe(true);
    expect(scriptMatchesChecksum(script, prismaChecksum(script.replaceAll('\n', '\r\n')))).toBe(true);
  });

  it('matches the old spelling without zero padding, and nothing else', () => {
    // 'hello' has bytes 0x0e and 0x04 in its digest: the old spelling drops their leading zeros.
    const old = [...createHash('sha256').update('hello').digest()].map((b) => b.toString(16)).join('');
    expect(old.length).toBeLessThan(64);
    expect(scriptMatchesChecksum('hello', old)).toBe(true);
    expect(scriptMatchesChecksum('hello\n', prismaChecksum('hello'))).toBe(false);
    expect(scriptMatchesChecksum('abc', prismaChecksum('abcd'))).toBe(false);
  });
});

describe('Supabase history verdict', () => {
  const files = [local('20240101000000'), local('20240102000000'), local('20240103000000')];
  const row = (m: LocalMigration, statements: string[] | null = splitStatements(m.sql)) => ({ version: m.version, name: 'm', statements });

  it('is pending from the first unapplied version', () => {
    const verdict = judgeSupabase(files, [row(files[0]!)], false);
    expect(verdict.pending.map((m) => m.version)).toEqual(['20240102000000', '20240103000000']);
    expect(verdict.errors).toEqual([]);
  });

  it('refuses an applied file whose statements changed, but not one whose white space changed', () => {
    const changed = { ...files[0]!, sql: 'create table t20240101000000 (id bigint);' };
    expect(judgeSupabase([changed, files[1]!], [row(files[0]!)], false).errors[0]).toMatch(/was changed after it was applied/);
    const reformatted = { ...files[0]!, sql: 'create table t20240101000000 (\n  id int\n);\n' };
    expect(judgeSupabase([reformatted], [row(files[0]!)], false).errors).toEqual([]);
  });

  it('refuses an applied version with no file, naming the repair command', () => {
    const verdict = judgeSupabase(files.slice(1), [row(files[0]!)], false);
    expect(verdict.errors[0]).toContain('supabase migration repair --status reverted 20240101000000');
  });

  it('refuses an out-of-order file unless include-all', () => {
    const rows = [row(files[0]!), row(files[2]!)];
    expect(judgeSupabase(files, rows, false).errors[0]).toMatch(/^20240102000000_m sorts before 20240103000000.*include-all: true/);
    expect(judgeSupabase(files, rows, true)).toMatchObject({ errors: [], pending: [files[1]] });
  });
});

describe('Prisma history verdict', () => {
  const prisma = (name: string, sql = `CREATE TABLE "${name}" (id int);`): LocalMigration => ({ name, version: name, file: `prisma/migrations/${name}/migration.sql`, sql });
  const files = [prisma('20240101000000_init'), prisma('20240102000000_more')];
  const started = new Date('2024-01-01T00:00:00Z');
  const row = (m: LocalMigration, over: Partial<{ finished_at: Date | null; rolled_back_at: Date | null; logs: string | null; checksum: string }> = {}) => ({
    id: m.name,
    checksum: prismaChecksum(m.sql),
    finished_at: started,
    migration_name: m.name,
    logs: null,
    rolled_back_at: null,
    started_at: started,
    ...over,
  });

  it('is pending when no row that is not rolled back names the folder', () => {
    expect(judgePrisma(files, [row(files[0]!)], false).pending).toEqual([files[1]]);
    expect(judgePrisma(files, [row(files[0]!), row(files[1]!, { rolled_back_at: started, finished_at: null })], false).pending).toEqual([files[1]]);
  });

  it('refuses to go past a failed migration, with Prisma\'s explanation and the fix', () => {
    const [error] = judgePrisma(files, [row(files[0]!, { finished_at: null, logs: 'relation "x" does not exist' })], false).errors;
    expect(error).toContain('migrate found failed migrations in the target database, new migrations will not be applied (P3009)');
    expect(error).toContain('The `20240101000000_init` migration started at 2024-01-01T00:00:00.000Z failed with the following logs: relation "x" does not exist');
    expect(error).toContain('npx prisma migrate resolve --rolled-back 20240101000000_init');
  });

  it('refuses an edited applied migration, but accepts CRLF line endings', () => {
    const edited = { ...files[0]!, sql: `${files[0]!.sql} -- later` };
    expect(judgePrisma([edited], [row(files[0]!)], false).errors[0]).toMatch(/was modified after it was applied/);
    const crlf = { ...files[0]!, sql: 'CREATE TABLE a (\n id int\n);\n' };
    expect(judgePrisma([{ ...crlf, sql: crlf.sql.replaceAll('\n', '\r\n') }], [row(crlf)], false).errors).toEqual([]);
  });
});

describe('risk warnings', () => {
  const lookup: TableLookup = (name) => (name === 'users' || name === 'public.orders' ? { exists: true, estimatedRows: 120000 } : { exists: false });

  it('warns for each statement that locks, rewrites or loses data on an existing table', () => {
    const sql = [
      'CREATE INDEX users_email ON users (email);',
      'ALTER TABLE users ALTER COLUMN age TYPE bigint;',
      'ALTER TABLE public.orders ADD COLUMN paid boolean NOT NULL;',
      'ALTER TABLE users DROP COLUMN nickname;',
      'DROP TABLE legacy;',
    ].join('\n');
    const risks = risksOf(sql, lookup, new Set());
    expect(risks.map((r) => r.id)).toEqual(['blocking-index', 'column-type', 'not-null-without-default', 'drop-column', 'drop-table']);
    expect(risks[0]!.message).toContain('about 120,000 rows');
  });

  it('stays quiet for safe forms and for tables created in the same batch', () => {
    const sql = [
      'CREATE INDEX CONCURRENTLY users_email ON users (email);',
      "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';",
      'ALTER TABLE users DROP CONSTRAINT users_age_check;',
      'CREATE TABLE fresh (id int);',
      'CREATE INDEX fresh_id ON fresh (id);',
      'ALTER TABLE fresh ADD COLUMN x int NOT NULL;',
    ].join('\n');
    expect(risksOf(sql, lookup, new Set())).toEqual([]);
  });

  it('finds statements that cannot run in a transaction', () => {
    expect(nonTransactional('-- index\nCREATE INDEX CONCURRENTLY i ON users (email);', 150000)).toBe('CONCURRENTLY');
    expect(nonTransactional('VACUUM ANALYZE users;', 150000)).toBe('VACUUM');
    expect(nonTransactional("ALTER TYPE mood ADD VALUE 'meh';", 110000)).toBe('ALTER TYPE … ADD VALUE');
    expect(nonTransactional("ALTER TYPE mood ADD VALUE 'meh';", 150000)).toBeUndefined();
    expect(nonTransactional("SELECT 'CREATE INDEX CONCURRENTLY';", 150000)).toBeUndefined();
    // PostgreSQL 14+: ERROR: ALTER TABLE ... DETACH CONCURRENTLY cannot run inside a transaction block.
    expect(nonTransactional('ALTER TABLE measurements\n  DETACH PARTITION measurements_2023 CONCURRENTLY;', 150000)).toBe('CONCURRENTLY');
    expect(nonTransactional('ALTER TABLE measurements DETACH PARTITION measurements_2023;', 150000)).toBeUndefined();
  });
});

describe('database-url', () => {
  it('honours sslmode as libpq does', () => {
    const target = (mode: string) => parseDatabaseUrl(`postgres://u:p%40ss@db.example.com:6543/app?sslmode=${mode}`);
    expect(target('require')).toMatchObject({ host: 'db.example.com', port: 6543, database: 'app', user: 'u', password: 'p@ss', sslmode: 'require' });
    expect(tlsOptions(target('disable'))).toBe(false);
    expect(tlsOptions(target('require'))).toEqual({ rejectUnauthorized: false });
    expect(tlsOptions(target('verify-full'))).toEqual({ rejectUnauthorized: true });
    expect(tlsOptions(target('verify-ca'))).toMatchObject({ rejectUnauthorized: true, checkServerIdentity: expect.any(Function) });
    expect(parseDatabaseUrl('postgresql://db.example.com').sslmode).toBe('prefer');
  });

  it('refuses an unknown sslmode without showing the URL', () => {
    expect(() => parseDatabaseUrl(`postgres://u:${'secret'}pw@h/db?sslmode=always`)).toThrow(
      "Input 'database-url' (value hidden) has sslmode=always, which is not one of disable, allow, prefer, require, verify-ca, verify-full",
    );
  });

  it('explains a timeout in one line', () => {
    const message = connectionError(new Error('timeout expired'), parseDatabaseUrl('postgres://u:pw@10.0.0.1/app'));
    expect(message).toBe('Cannot connect to PostgreSQL at 10.0.0.1:5432/app: no answer within 15s: check the host and port, and that the runner can reach the server (firewall, IP allow list).');
  });
});
