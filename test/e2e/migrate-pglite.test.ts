import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT, runDist, spawnNode } from '../harness/dist.js';
import { writeTree } from '../harness/files.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../servers/pglite.js';

/**
 * The built migrate action (dist/migrate/index.js), run as the runner runs it, against the
 * embedded database (PGlite behind its socket server): a plan on the pull request, then the apply
 * on main, then nothing left to do. PGlite has no pg_dump, so this runs with backup: false.
 */
let db: EmbeddedPostgres;
beforeAll(async () => {
  db = await startEmbeddedPostgres();
}, 60_000);
afterAll(async () => db?.stop());

async function rows(sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('dist/migrate against PGlite', () => {
  it('plans, applies, then finds nothing pending', async () => {
    const ws = await mkdtemp(join(tmpdir(), 'deploy-kit-e2e-migrate-'));
    await writeTree(ws, {
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "Post" ("id" SERIAL PRIMARY KEY, "title" TEXT NOT NULL);\n',
      'prisma/migrations/20240102000000_index/migration.sql': 'CREATE INDEX "Post_title_idx" ON "Post"("title");\n',
    });
    const inputs = { 'database-url': db.url, backup: 'false' };
    const plan = await runDist('migrate', { ...inputs, 'dry-run': 'true' }, { cwd: ws, eventName: 'pull_request' });
    expect(plan.exitCode).toBe(0);
    expect(plan.outputs).toMatchObject({ status: 'planned', 'pending-count': '2', applied: '[]' });
    expect(plan.summary).toContain('CREATE TABLE "Post"');

    const apply = await runDist('migrate', inputs, { cwd: ws });
    expect(apply.stderr).toBe('');
    expect(apply.exitCode).toBe(0);
    expect(apply.outputs).toMatchObject({ status: 'applied', applied: '["20240101000000_init","20240102000000_index"]', 'pending-count': '0' });
    expect(await rows('SELECT migration_name, applied_steps_count FROM _prisma_migrations ORDER BY migration_name')).toEqual([
      { migration_name: '20240101000000_init', applied_steps_count: 1 },
      { migration_name: '20240102000000_index', applied_steps_count: 1 },
    ]);

    const again = await runDist('migrate', inputs, { cwd: ws });
    expect(again.outputs).toMatchObject({ status: 'up-to-date', 'pending-count': '0' });
    // The runner consumes ::add-mask:: lines; everything else it shows must not hold the URL.
    const shown = `${apply.stdout}${apply.summary}`.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain(db.url);
    expect(shown.join('\n')).not.toContain(':embedded@');
  });

  it('runs as the local command: npx deploy-kit migrate --database-url … --dry-run', async () => {
    const ws = await mkdtemp(join(tmpdir(), 'deploy-kit-cli-migrate-'));
    await writeTree(ws, { 'supabase/migrations/20240301000000_tags.sql': 'create table tags (id int);\n' });
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', GITHUB_WORKSPACE: ws };
    const { exitCode, stdout } = await spawnNode([join(ROOT, 'dist', 'cli.js'), 'migrate', '--database-url', db.url, '--dry-run'], env, ws);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('status=planned');
    expect(stdout).toContain('pending-count=1');
    expect(stdout).not.toContain(':embedded@');
    expect(await rows("SELECT to_regclass('tags') IS NULL AS absent")).toEqual([{ absent: true }]);
  });
});
