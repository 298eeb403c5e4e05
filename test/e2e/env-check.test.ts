import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDist, spawnNode, ROOT } from '../harness/dist.js';
import { writeTree } from '../harness/files.js';

/**
 * The built action as the runner runs it (`node dist/env-check/index.js` with INPUT_* variables
 * and the GITHUB_* files), and the local command in an app folder:
 * `deploy-kit env-check --environment production --source dotenv --env-file .env.production.local`.
 * Run `npm run build` first.
 */
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const SCHEMA = `env:
  variables:
    ENCRYPTION_MASTER_KEY: { type: hex, length: 64, secret: true }
    NEXT_PUBLIC_SUPABASE_URL: { type: url, protocols: [https] }
    SENTRY_DSN: { type: url, required: [production] }
    JWT_SECRET: { type: string, min-length: 32, secret: true }
`;
const EXAMPLE = 'ENCRYPTION_MASTER_KEY=\nNEXT_PUBLIC_SUPABASE_URL=\nSENTRY_DSN=\nJWT_SECRET=\n';

async function app(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'env-check-app-'));
  await writeTree(dir, { '.github/deploy-kit.yml': SCHEMA, '.env.example': EXAMPLE, ...files });
  return dir;
}

describe('dist/env-check', () => {
  it('checks the step environment and hands its outputs on; no secret in anything written', async () => {
    const secret = hex(32);
    const jwtSecret = hex(24);
    const dir = await app({});
    const env = { ENCRYPTION_MASTER_KEY: secret, NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co', JWT_SECRET: jwtSecret };
    const run = await runDist('env-check', { environment: 'production' }, { cwd: dir, env });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['status']).toBe('failure');
    expect(JSON.parse(run.outputs['missing']!)).toEqual(['SENTRY_DSN']);
    expect(JSON.parse(run.outputs['invalid']!)).toEqual([]);
    expect(run.summary).toContain("| ❌ | SENTRY_DSN | missing: not set in the step's environment; required in production |");
    expect(run.stdout).toContain('::error::Environment variables for production are not ready — missing: SENTRY_DSN.');
    const report = await readFile(run.outputs['report-path']!, 'utf8');
    expect(JSON.parse(report)).toMatchObject({ action: 'env-check', status: 'failure', errors: 1 });
    const written = [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs), report].join('\n').split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expect(written).not.toContain(secret);
    expect(written).not.toContain(jwtSecret);

    const preview = await runDist('env-check', { environment: 'preview' }, { cwd: dir, env });
    expect(preview.exitCode).toBe(0);
    expect(preview.outputs['status']).toBe('success');
  });
});

describe('dist/cli.js env-check (the local command)', () => {
  it('checks .env.production.local in the app folder and exits 1 with the reasons', async () => {
    const secret = hex(31);
    const dir = await app({ '.env.production.local': `ENCRYPTION_MASTER_KEY=${secret}\nNEXT_PUBLIC_SUPABASE_URL=http://abc.supabase.co\nSENTRY_DSN=https://k@o1.ingest.sentry.io/1\nJWT_SECRET="${hex(20)}"\n` });
    const { exitCode, stdout } = await spawnNode(
      [join(ROOT, 'dist', 'cli.js'), 'env-check', '--environment', 'production', '--source', 'dotenv', '--env-file', '.env.production.local'],
      { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', RUNNER_TEMP: dir },
      dir,
    );
    expect(exitCode).toBe(1);
    expect(stdout).toContain('FAIL  ENCRYPTION_MASTER_KEY (secret) — invalid: is 62 hex characters, expected 64');
    expect(stdout).toContain('FAIL  NEXT_PUBLIC_SUPABASE_URL (public) — invalid: is a http URL, expected https — value: "http://abc.supabase.co"');
    expect(stdout).toContain('PASS  SENTRY_DSN — ok: a URL (https)');
    expect(stdout).toContain('invalid=["ENCRYPTION_MASTER_KEY","NEXT_PUBLIC_SUPABASE_URL"]');
    expect(stdout).not.toContain(secret);
    expect(stdout).not.toContain('::');
  });
});
