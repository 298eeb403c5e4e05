import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction } from '../../../packages/shared/src/run.js';
import { writeTree } from '../../../test/harness/files.js';
import { terminalLogger } from '../../../packages/shared/src/logger.js';
import { createTestCa, issueCertificate } from '../../../test/servers/certificates.js';
import { POSTGRES_PASSWORD, startPostgres, type PostgresServer } from '../../../test/servers/postgres.js';
import { migrateDefinition } from '../src/action.js';
import { connect, parseDatabaseUrl } from '../src/connection.js';
import { resetSession } from '../src/session.js';
import { prismaChecksum } from '../src/prisma-history.js';
import { prismaFiles, query, repo, runMigrate, supabaseFiles, tableExists } from './helpers.js';

/**
 * migrate against a real PostgreSQL 15 started for this file (one server; one database per test).
 * Each test reads the database afterwards: what the action says happened must have happened.
 */
let server: PostgresServer;
let caFile: string;
let databases = 0;
beforeAll(async () => {
  const ca = await createTestCa();
  caFile = join(ca.dir, 'ca.crt');
  server = await startPostgres({ tls: await issueCertificate(ca, { ips: ['127.0.0.1'] }) });
}, 60_000);
afterAll(async () => server?.stop());

const freshDatabase = () => server.createDatabase(`db${++databases}`);

describe('supabase layout', () => {
  it('applies pending files in order, records them as the Supabase CLI does, and does nothing on a re-run', async () => {
    const url = await freshDatabase();
    const ws = await repo(
      supabaseFiles({
        '20240101000000_users': 'create table users (id bigint primary key, email text);\n-- an index\ncreate index users_email on users (email);\n',
        '20240102000000_orders': 'create table orders (id bigint primary key, user_id bigint references users);',
      }),
    );
    const first = await runMigrate(ws, { 'database-url': url });
    expect(first.failed).toBe(false);
    expect(first.outputs).toMatchObject({ status: 'applied', applied: '["20240101000000_users","20240102000000_orders"]', 'pending-count': '0', 'backup-path': '' });
    expect(await query(url, 'SELECT version, name, statements FROM supabase_migrations.schema_migrations ORDER BY version')).toEqual([
      { version: '20240101000000', name: 'users', statements: ['create table users (id bigint primary key, email text)', '-- an index\ncreate index users_email on users (email)'] },
      { version: '20240102000000', name: 'orders', statements: ['create table orders (id bigint primary key, user_id bigint references users)'] },
    ]);
    expect(await tableExists(url, 'orders')).toBe(true);
    expect(first.summary).toContain('Migration 20240102000000_orders');

    const again = await runMigrate(ws, { 'database-url': url });
    expect(again.outputs).toMatchObject({ status: 'up-to-date', applied: '[]', 'pending-count': '0' });
    expect(again.summary).toContain('Up to date: 2 migration(s) applied, none pending.');
  });

  it('stops at a failing migration: it leaves nothing, the ones before stay applied and recorded', async () => {
    const url = await freshDatabase();
    const ws = await repo(
      supabaseFiles({
        '20240101000000_a': 'create table a (id int);',
        '20240102000000_b': 'create table b (id int);\ninsert into missing_table values (1);',
        '20240103000000_c': 'create table c (id int);',
      }),
    );
    const run = await runMigrate(ws, { 'database-url': url });
    expect(run.failed).toBe(true);
    expect(run.outputs).toMatchObject({ status: 'failed', applied: '["20240101000000_a"]', 'pending-count': '2' });
    expect(run.stdout).toContain('::error::Migration 20240102000000_b failed at supabase/migrations/20240102000000_b.sql:2: relation \\"missing_table\\" does not exist (SQLSTATE 42P01)'.replaceAll('\\"', '"'));
    expect(await tableExists(url, 'a')).toBe(true);
    expect(await tableExists(url, 'b')).toBe(false);
    expect(await tableExists(url, 'c')).toBe(false);
    expect(await query(url, 'SELECT version FROM supabase_migrations.schema_migrations')).toEqual([{ version: '20240101000000' }]);
  });

  it('computes the pending set from history the Supabase CLI wrote, refuses a changed file, and out-of-order files unless include-all', async () => {
    const url = await freshDatabase();
    // The CLI's own statements (supabase/cli apps/cli-go/pkg/migration/history.go) and rows.
    await query(url, 'CREATE SCHEMA IF NOT EXISTS supabase_migrations');
    await query(url, 'CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)');
    await query(url, 'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]');
    await query(url, 'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text');
    await query(url, 'create table one (id int)');
    await query(url, 'create table three (id int)');
    await query(url, 'INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES ($1, $2, $3), ($4, $5, $6)', [
      '20240101000000', 'one', ['create table one (id int)'], '20240103000000', 'three', ['create table three (id int)'],
    ]);
    const files = {
      '20240101000000_one': 'create table one (id int);\n',
      '20240102000000_two': 'create table two (id int);\n',
      '20240103000000_three': 'create table three (id int);\n',
      '20240104000000_four': 'create table four (id int);\n',
    };
    const ws = await repo(supabaseFiles(files));
    const refused = await runMigrate(ws, { 'database-url': url });
    expect(refused.outputs['status']).toBe('failed');
    expect(refused.result.message).toBe(
      '20240102000000_two sorts before 20240103000000, the newest migration already applied: applying it now would run migrations out of order. Rename it with a newer version, or set include-all: true to apply it anyway.',
    );
    expect(await tableExists(url, 'four')).toBe(false);

    const plan = await runMigrate(ws, { 'database-url': url, 'include-all': 'true', 'dry-run': 'true' });
    expect(plan.outputs).toMatchObject({ status: 'planned', 'pending-count': '2' });
    expect(plan.summary).toContain('`20240102000000_two`');
    expect(plan.summary).toContain('`20240104000000_four`');
    expect(plan.summary).not.toContain('`20240101000000_one`');

    await writeFile(join(ws, 'supabase/migrations/20240101000000_one.sql'), 'create table one (id bigint);\n');
    const drift = await runMigrate(ws, { 'database-url': url, 'include-all': 'true' });
    expect(drift.result.message).toBe(
      'supabase/migrations/20240101000000_one.sql was changed after it was applied (its statements differ from those recorded in supabase_migrations.schema_migrations): restore it from git and put the change in a new migration.',
    );
    expect(await tableExists(url, 'two')).toBe(false);
  });
});

describe('prisma layout', () => {
  it('applies and writes the rows prisma migrate deploy writes', async () => {
    const url = await freshDatabase();
    const sql = 'CREATE TABLE "User" ("id" SERIAL NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n';
    const ws = await repo(prismaFiles({ '20240101000000_init': sql }));
    const run = await runMigrate(ws, { 'database-url': url, format: 'prisma' });
    expect(run.outputs).toMatchObject({ status: 'applied', applied: '["20240101000000_init"]' });
    const [row] = await query(url, 'SELECT * FROM _prisma_migrations');
    expect(row).toMatchObject({ checksum: prismaChecksum(sql), migration_name: '20240101000000_init', logs: null, rolled_back_at: null, applied_steps_count: 1 });
    expect(row!['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((row!['finished_at'] as Date).getTime()).toBeGreaterThanOrEqual((row!['started_at'] as Date).getTime());
    const columns = await query<{ column_name: string; data_type: string }>(url, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position");
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'id character varying', 'checksum character varying', 'finished_at timestamp with time zone', 'migration_name character varying',
      'logs text', 'rolled_back_at timestamp with time zone', 'started_at timestamp with time zone', 'applied_steps_count integer',
    ]);
  });

  it('records a failed migration as Prisma does and refuses to go on past it, with the fix', async () => {
    const url = await freshDatabase();
    const ws = await repo(prismaFiles({ '1_a': 'CREATE TABLE a (id int);', '2_b': 'CREATE TABLE b (id int);\nSELECT 1/0;', '3_c': 'CREATE TABLE c (id int);' }));
    const run = await runMigrate(ws, { 'database-url': url });
    expect(run.outputs).toMatchObject({ status: 'failed', applied: '["1_a"]' });
    expect(run.result.message).toContain('Migration 2_b failed at prisma/migrations/2_b/migration.sql: division by zero (SQLSTATE 22012). Nothing of it was applied (its transaction was rolled back).');
    expect(run.result.message).toContain('1 migration(s) before it stay applied and recorded; 1 after it did not run.');
    expect(await tableExists(url, 'b')).toBe(false);
    const rows = await query(url, 'SELECT migration_name, finished_at IS NOT NULL AS finished, logs FROM _prisma_migrations ORDER BY started_at');
    expect(rows).toEqual([
      { migration_name: '1_a', finished: true, logs: null },
      { migration_name: '2_b', finished: false, logs: 'division by zero (SQLSTATE 22012)' },
    ]);

    const again = await runMigrate(ws, { 'database-url': url });
    expect(again.result.message).toMatch(/^migrate found failed migrations in the target database, new migrations will not be applied \(P3009\)\. The `2_b` migration started at .* failed with the following logs: division by zero/);
    expect(again.result.message).toContain('`npx prisma migrate resolve --rolled-back 2_b`');
    expect(await tableExists(url, 'c')).toBe(false);
  });

  it('computes the pending set from history Prisma wrote (old checksum spelling, CRLF files) and refuses an edited migration', async () => {
    const url = await freshDatabase();
    const init = 'CREATE TABLE "A" (id int);\r\n';
    // The table and rows as prisma-engines writes them (flavour/postgres.rs, sql_migration_persistence.rs).
    await query(url, `CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
      migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
    await query(url, 'CREATE TABLE "A" (id int)');
    const oldSpelling = [...Buffer.from(prismaChecksum(init.replaceAll('\r\n', '\n')), 'hex')].map((b) => b.toString(16)).join('');
    await query(url, "INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count) VALUES ('9b2c7f4e-0000-4000-8000-000000000001', $1, now(), now(), '1_init', 1)", [oldSpelling]);
    await query(url, "INSERT INTO _prisma_migrations (id, checksum, started_at, rolled_back_at, migration_name, logs) VALUES ('9b2c7f4e-0000-4000-8000-000000000002', 'x', now(), now(), '2_next', 'failed once')");
    const ws = await repo(prismaFiles({ '1_init': init, '2_next': 'CREATE TABLE "B" (id int);\n' }));
    const run = await runMigrate(ws, { 'database-url': url });
    expect(run.outputs).toMatchObject({ status: 'applied', applied: '["2_next"]' });

    await writeFile(join(ws, 'prisma/migrations/1_init/migration.sql'), 'CREATE TABLE "A" (id bigint);\n');
    const drift = await runMigrate(ws, { 'database-url': url, 'dry-run': 'true' });
    expect(drift.result.message).toBe(
      'prisma/migrations/1_init/migration.sql was modified after it was applied (its SHA-256 no longer matches the checksum in _prisma_migrations): restore it from git and put the change in a new migration.',
    );
  });

  it("keeps its tables and history in the URL's ?schema=, created when missing", async () => {
    const url = await freshDatabase();
    const ws = await repo(prismaFiles({ '1_init': 'CREATE TABLE "Note" (id int);' }));
    const run = await runMigrate(ws, { 'database-url': `${url}&schema=app` });
    expect(run.outputs['status']).toBe('applied');
    expect(await tableExists(url, 'app."Note"')).toBe(true);
    expect(await query(url, 'SELECT migration_name FROM app._prisma_migrations')).toEqual([{ migration_name: '1_init' }]);
  });

  it('refuses to start a history in a schema that already has tables, as Prisma does (P3005)', async () => {
    const url = await freshDatabase();
    await query(url, 'CREATE TABLE "Existing" (id int)');
    const ws = await repo(prismaFiles({ '1_init': 'CREATE TABLE "Existing" (id int);' }));
    const run = await runMigrate(ws, { 'database-url': url, 'dry-run': 'true' });
    expect(run.result.message).toBe(
      "The database schema is not empty (P3005): it has tables (Existing) but no _prisma_migrations, so Prisma's history cannot start here. Baseline it: mark each migration already reflected in the database as applied with `npx prisma migrate resolve --applied <name>` (https://pris.ly/d/migrate-baseline), then run migrate again.",
    );
  });

  it('runs CREATE INDEX CONCURRENTLY outside a transaction, with a warning', async () => {
    const url = await freshDatabase();
    const ws = await repo(prismaFiles({ '1_t': 'CREATE TABLE t (id int, email text);', '2_idx': '-- CreateIndex\nCREATE INDEX CONCURRENTLY "t_email_idx" ON "t"("email");\n' }));
    const run = await runMigrate(ws, { 'database-url': url });
    expect(run.outputs['status']).toBe('applied');
    expect(run.stdout).toContain('::warning title=migrate/outside-transaction,file=prisma/migrations/2_idx/migration.sql::2_idx runs outside a transaction (CONCURRENTLY): if it fails part-way, the statements before the failure stay applied.');
    expect(run.summary).toContain('Applied outside a transaction (CONCURRENTLY).');
    expect(await query(url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_email_idx'::regclass")).toEqual([{ indisvalid: true }]);

    await writeTree(ws, { 'prisma/migrations/3_two/migration.sql': 'CREATE INDEX CONCURRENTLY "t_id_idx" ON "t"("id");\nCREATE INDEX CONCURRENTLY "x_idx" ON "missing"("id");\n' });
    const partial = await runMigrate(ws, { 'database-url': url });
    expect(partial.result.message).toContain('Migration 3_two failed at prisma/migrations/3_two/migration.sql:2: relation "missing" does not exist (SQLSTATE 42P01). It ran outside a transaction: its first 1 statement(s) stay applied.');
    expect(await tableExists(url, 't_id_idx')).toBe(true);
  });
});

describe('safety', () => {
  it('serialises two concurrent runs on the advisory lock: the second finds nothing pending', async () => {
    const url = await freshDatabase();
    const ws = await repo(supabaseFiles({ '1_slow': 'create table slow (id int);\nselect pg_sleep(1.5);', '2_next': 'create table next (id int);' }));
    const lines: string[][] = [[], []];
    const runOne = (i: number) =>
      runAction(migrateDefinition(), {
        local: true,
        source: (name) => ({ 'database-url': url, backup: 'false' } as Record<string, string>)[name],
        log: terminalLogger((line) => lines[i]!.push(line)),
        print: (text) => lines[i]!.push(text),
      });
    const saved = process.env['GITHUB_WORKSPACE'];
    process.env['GITHUB_WORKSPACE'] = ws;
    const first = runOne(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const [a, b] = await Promise.all([first, runOne(1)]).finally(() => {
      process.env['GITHUB_WORKSPACE'] = saved;
    });
    expect(a.outputs).toMatchObject({ status: 'applied', applied: '["1_slow","2_next"]' });
    expect(b.outputs).toMatchObject({ status: 'up-to-date', applied: '[]' });
    expect(lines[1]!.join('\n')).toContain('Another migration run holds the migration lock; waiting for it to finish.');
    expect(await query(url, 'SELECT count(*)::int AS n FROM supabase_migrations.schema_migrations')).toEqual([{ n: 2 }]);
  });

  it('on SIGTERM cancels the running migration, rolls it back and starts no other', async () => {
    const url = await freshDatabase();
    const ws = await repo(prismaFiles({ '1_a': 'CREATE TABLE a (id int);', '2_slow': 'CREATE TABLE s (id int);\nSELECT pg_sleep(20);', '3_c': 'CREATE TABLE c (id int);' }));
    const before = new Set(process.listeners('SIGTERM'));
    const running = runMigrate(ws, { 'database-url': url });
    const sleeping = async () => (await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid()"))[0]!.n > 0;
    while (!(await sleeping())) await new Promise((resolve) => setTimeout(resolve, 50));
    // The action's own handler, called as the signal would call it (emitting a real SIGTERM would reach jest's handlers too).
    for (const listener of process.listeners('SIGTERM').filter((l) => !before.has(l))) (listener as (signal: string) => void)('SIGTERM');
    const run = await running;
    expect(run.outputs).toMatchObject({ status: 'cancelled', applied: '["1_a"]', 'pending-count': '2' });
    expect(run.result.message).toBe('Cancelled: 1 migration(s) applied before the cancel stay applied and recorded; 2_slow was stopped and rolled back; 1 did not start. Run migrate again to apply the rest.');
    expect(await tableExists(url, 's')).toBe(false);
    expect(await tableExists(url, 'c')).toBe(false);
    expect(await query(url, 'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations ORDER BY started_at')).toEqual([
      { migration_name: '1_a', finished: true, rolled_back: false },
      { migration_name: '2_slow', finished: false, rolled_back: true },
    ]);
    expect(process.listeners('SIGTERM').filter((l) => !before.has(l))).toEqual([]);
  });

  it('gives up on a table lock after lock-timeout, leaving nothing of the migration', async () => {
    const url = await freshDatabase();
    await query(url, 'CREATE TABLE busy (id int)');
    const ws = await repo(supabaseFiles({ '1_alter': 'alter table busy add column note text;' }));
    const { Client } = (await import('pg')).default;
    const holder = new Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE busy IN ACCESS SHARE MODE');
      const run = await runMigrate(ws, { 'database-url': url, 'lock-timeout': '300ms' });
      expect(run.result.message).toContain('canceling statement due to lock timeout (SQLSTATE 55P03) — waited longer than lock-timeout (300 ms) for a lock another session holds');
    } finally {
      await holder.end();
    }
    expect(await query(url, "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'busy'")).toEqual([{ n: 1 }]);
  });
});

describe('plan mode (dry-run)', () => {
  it('lists the pending migrations with their SQL and risk warnings, read-only', async () => {
    const url = await freshDatabase();
    await query(url, 'CREATE TABLE users (id int, nickname text); INSERT INTO users SELECT g, g::text FROM generate_series(1, 1000) g; ANALYZE users');
    const ws = await repo(supabaseFiles({ '1_risky': 'CREATE INDEX users_nick ON users (nickname);\nALTER TABLE users DROP COLUMN nickname;\n' }));
    const run = await runMigrate(ws, { 'database-url': url, 'dry-run': 'true' });
    expect(run.outputs).toMatchObject({ status: 'planned', 'pending-count': '1', applied: '[]' });
    expect(run.summary).toContain('<details><summary>SQL</summary>');
    expect(run.summary).toContain('CREATE INDEX users_nick ON users (nickname);');
    expect(run.summary).toContain('`blocking-index`: CREATE INDEX without CONCURRENTLY blocks writes to users (about 1,000 rows)');
    expect(run.summary).toContain('`drop-column`: DROP COLUMN on users deletes');
    expect(await tableExists(url, 'supabase_migrations.schema_migrations')).toBe(false);
    expect(await tableExists(url, 'users_nick')).toBe(false);
  });

  it("reports the server's refusal outside a migration in one line, not as a deploy-kit bug", async () => {
    const url = await freshDatabase();
    await query(url, 'CREATE SCHEMA supabase_migrations; CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY); REVOKE ALL ON SCHEMA supabase_migrations FROM PUBLIC');
    await query(url, "CREATE ROLE planner LOGIN PASSWORD 'Planner-pass-9'");
    const ws = await repo(supabaseFiles({ '1_a': 'create table a (id int);' }));
    const run = await runMigrate(ws, { 'database-url': url.replace(`postgres:${encodeURIComponent(POSTGRES_PASSWORD)}@`, 'planner:Planner-pass-9@'), 'dry-run': 'true' });
    expect(run.result.message).toMatch(/^migrate stopped at 127\.0\.0\.1:\d+\/db\d+: PostgreSQL answered: permission denied for schema supabase_migrations \(SQLSTATE 42501\)\. Migrations already reported as applied stay applied; run migrate again once this is fixed\.$/);
    expect(run.everything).not.toContain('Planner-pass-9');
  });

  it('plans in a session that refuses every write', async () => {
    const url = await freshDatabase();
    const target = parseDatabaseUrl(url);
    const client = await connect(target);
    try {
      await resetSession(client, target, true);
      await expect(client.query('CREATE TABLE t (id int)')).rejects.toMatchObject({ code: '25006' });
    } finally {
      await client.end();
    }
  });
});

describe('database-url errors: one line each, without the URL or password', () => {
  const cases: [string, (s: PostgresServer) => string, string][] = [
    ['a wrong password', (s) => s.url('postgres', 'Wr0ng-secret-pass'), `Cannot connect to PostgreSQL at 127.0.0.1:PORT/postgres: the server refused the password (28P01): check the user and password in the database-url secret.`],
    ['an unknown host', () => 'postgres://postgres:Wr0ng-secret-pass@no-such-host.invalid:5432/app', 'Cannot connect to PostgreSQL at no-such-host.invalid:5432/app: the host name no-such-host.invalid does not resolve'],
    ['a refused connection', () => 'postgres://postgres:Wr0ng-secret-pass@127.0.0.1:1/app', 'Cannot connect to PostgreSQL at 127.0.0.1:1/app: nothing accepts connections on port 1 (ECONNREFUSED)'],
    ['a TLS failure', (s) => s.url('postgres', 'Wr0ng-secret-pass').replace('sslmode=disable', 'sslmode=verify-full'), 'Cannot connect to PostgreSQL at 127.0.0.1:PORT/postgres: the TLS handshake failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE) with sslmode=verify-full: use sslmode=require (encrypted, certificate not checked) or give the server\'s CA with sslrootcert=<file>.'],
    ['a malformed URL', () => 'postgres://postgres:Wr0ng-secret-pass@:5432:x/app', "Input 'database-url' (value hidden) is not a postgres:// URL with a host: expected a PostgreSQL URL"],
  ];
  it.each(cases)('%s', async (_name, urlOf, message) => {
    const ws = await repo(supabaseFiles({ '1_a': 'select 1;' }));
    const url = urlOf(server);
    const run = await runMigrate(ws, { 'database-url': url });
    expect(run.failed).toBe(true);
    expect(run.result.message).toContain(message.replace('PORT', String(server.port)));
    expect(run.result.message).not.toContain('\n');
    for (const secret of ['Wr0ng-secret-pass', url, POSTGRES_PASSWORD]) expect(run.everything).not.toContain(secret);
  });

  it('connects over TLS as sslmode says: require without checking the certificate, verify-full with the CA', async () => {
    const url = await freshDatabase();
    const ws = await repo(supabaseFiles({ '1_a': 'create table a (id int);' }));
    for (const mode of ['require', `verify-full&sslrootcert=${encodeURIComponent(caFile)}`]) {
      const run = await runMigrate(ws, { 'database-url': url.replace('sslmode=disable', `sslmode=${mode}`), 'dry-run': 'true' });
      expect(run.outputs).toMatchObject({ status: 'planned', 'pending-count': '1' });
    }
  });

  it('masks the password of a working URL everywhere', async () => {
    const url = await freshDatabase();
    const ws = await repo(supabaseFiles({ '1_a': 'create table a (id int);' }));
    const run = await runMigrate(ws, { 'database-url': url, 'dry-run': 'true' });
    expect(run.outputs['status']).toBe('planned');
    expect(run.stdout).toContain(`::add-mask::${POSTGRES_PASSWORD}`);
    expect(run.everything).not.toContain(POSTGRES_PASSWORD);
    expect(run.everything).not.toContain(url);
  });
});

describe('backup', () => {
  const plainDump = async (url: string) => {
    const { runCommand } = await import('../../../test/servers/postgres.js');
    const { code, output } = await runCommand(join(server.binDir, 'pg_dump'), ['--no-owner', url]);
    expect(code).toBe(0);
    // pg_dump 15.14+ writes a random \restrict key per dump.
    return output.split('\n').filter((line) => !/^\\(un)?restrict /.test(line)).join('\n');
  };

  it('dumps the database before applying; restored into a fresh database it equals the original', async () => {
    const url = await freshDatabase();
    await query(url, "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 50) g; CREATE INDEX items_name ON items (name)");
    const before = await plainDump(url);
    const ws = await repo(supabaseFiles({ '1_more': "ALTER TABLE items ADD COLUMN price int; UPDATE items SET name = 'changed';" }));
    const run = await runMigrate(ws, { 'database-url': url, backup: 'true', 'backup-path': 'backups/db.dump' });
    expect(run.outputs).toMatchObject({ status: 'applied', 'backup-path': join(ws, 'backups/db.dump') });
    expect(run.summary).toMatch(/Backup \(pg_dump, custom format\).*backups\/db\.dump \(\d+ bytes, pg_dump 15\.\d+\)/s);

    const restored = await freshDatabase();
    const { runCommand } = await import('../../../test/servers/postgres.js');
    const restore = await runCommand(join(server.binDir, 'pg_restore'), ['--no-owner', '-d', restored, join(ws, 'backups/db.dump')]);
    expect(restore).toEqual({ code: 0, output: '' });
    expect(await plainDump(restored)).toBe(before);
    expect(await plainDump(url)).not.toBe(before);
  });

  it('takes no backup when nothing is pending', async () => {
    const url = await freshDatabase();
    const ws = await repo({ 'supabase/migrations/.gitkeep': '' });
    const run = await runMigrate(ws, { 'database-url': url, backup: 'true', 'backup-path': 'backups/none.dump' });
    expect(run.outputs).toMatchObject({ status: 'up-to-date', 'backup-path': '' });
    expect(await import('node:fs').then((fs) => fs.existsSync(join(ws, 'backups/none.dump')))).toBe(false);
  });

  it('fails with the last lines of pg_dump\'s errors, without the user name from the URL, and applies nothing', async () => {
    const url = await freshDatabase();
    const ws = await repo(supabaseFiles({ '1_a': 'create table a (id int);' }));
    const fake = join(ws, 'pg_dump');
    await writeFile(
      fake,
      `#!/bin/sh\nif [ "$1" = --version ]; then echo 'pg_dump (PostgreSQL) 99.0'; exit 0; fi\necho "pg_dump: error: connection to server at \\"$PGHOST\\", port $PGPORT failed: FATAL:  password authentication failed for user \\"$PGUSER\\"" >&2\nexit 1\n`,
      { mode: 0o755 },
    );
    const run = await runMigrate(ws, { 'database-url': url, backup: 'true' }, { pgDumpCandidates: () => [fake] });
    expect(run.result.message).toBe(
      'pg_dump exited with 1: pg_dump: error: connection to server at "127.0.0.1", port ' +
        `${parseDatabaseUrl(url).port} failed: FATAL:  password authentication failed for user "(user hidden)". Nothing was migrated. Fix the backup, or set backup: false to migrate without one.`,
    );
    expect(run.everything).not.toContain(`"${parseDatabaseUrl(url).user}"`);
    expect(await tableExists(url, 'a')).toBe(false);
  });

  it('names the fix when pg_dump is missing or older than the server, and applies nothing', async () => {
    const url = await freshDatabase();
    const ws = await repo(supabaseFiles({ '1_a': 'create table a (id int);' }));
    const missing = await runMigrate(ws, { 'database-url': url, backup: 'true' }, { pgDumpCandidates: () => [] });
    expect(missing.result.message).toBe(
      'The backup needs pg_dump, and none was found on PATH or in /usr/lib/postgresql: install postgresql-client-15 (on Ubuntu runners: the PostgreSQL apt repository, https://www.postgresql.org/download/linux/ubuntu/), or set backup: false.',
    );
    const old = join(ws, 'pg_dump');
    await writeFile(old, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.11'\n", { mode: 0o755 });
    const older = await runMigrate(ws, { 'database-url': url, backup: 'true' }, { pgDumpCandidates: () => [old] });
    expect(older.result.message).toBe(
      `pg_dump 14.11 (${old}) is older than the server (PostgreSQL 15) and cannot dump it: install postgresql-client-15 (on Ubuntu runners: the PostgreSQL apt repository, https://www.postgresql.org/download/linux/ubuntu/), or set backup: false.`,
    );
    expect(await tableExists(url, 'a')).toBe(false);
  });
});
