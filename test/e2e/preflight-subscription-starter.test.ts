import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDist, type DistRun } from '../harness/dist.js';
import { fixtureRepo, installPackageManagers, type PackageManagers } from '../harness/package-managers.js';
import { startVercelEmulator, type VercelEmulator } from '../emulators/vercel.js';

/**
 * dist/preflight end to end on a fixture shaped like vercel/nextjs-subscription-payments: a pnpm
 * lockfile, tsconfig.json without a type-check script, .env.local.example, and a build that
 * constructs the Supabase and Stripe clients and so needs their variables. First as a new user
 * meets it (the build fails: the report names the variables and how to pass them), then with
 * them from an env-file and from the Vercel project, masked everywhere.
 */
let managers: PackageManagers;
let vercel: VercelEmulator;
let repo: string;

/** Values assembled at run time: no realistic secret is written in this repository. */
const SECRETS = {
  NEXT_PUBLIC_SUPABASE_URL: 'https://qwertyuiopasdfgh.supabase.co',
  NEXT_PUBLIC_SUPABASE_ANON_KEY: ['eyJhbGciOiJIUzI1NiJ9', 'eyJyb2xlIjoiYW5vbiJ9', 'Zk3Qp9xW2mL7vB4nR8tY1cE6'].join('.'),
  STRIPE_SECRET_KEY: ['sk', '_test_', '51Pq8WmZ3xK7vL2nR9tY4bC6dF1gH5jL0aS'].join(''),
};
const VERCEL_TOKEN = ['vercel', 'e2e', 'token', '8fK2qL9m'].join('-');

beforeAll(async () => {
  managers = installPackageManagers(['pnpm@9']);
  vercel = await startVercelEmulator({ token: VERCEL_TOKEN, project: { id: 'prj_starter', personal: true } });
  for (const [key, value] of Object.entries(SECRETS)) vercel.addEnv({ key, value, type: key.startsWith('NEXT_PUBLIC_') ? 'plain' : 'encrypted', target: ['production', 'preview'] });
  repo = fixtureRepo('subscription-starter');
}, 300_000);

afterAll(async () => {
  managers?.remove();
  await vercel?.close();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

async function preflight(inputs: Record<string, string>): Promise<DistRun & { checks: Record<string, { status: string; title: string; summary?: string }>; json: string }> {
  const run = await runDist('preflight', { checks: 'all', 'audit-unavailable': 'warn', ...inputs }, { cwd: repo, env: { PATH: `${managers.bin}:${process.env['PATH']}`, GITHUB_REF: 'refs/heads/main' } });
  const json = readFileSync(run.outputs['report-path']!, 'utf8');
  const report = JSON.parse(json) as { checks: { id: string; status: string; title: string; summary?: string }[] };
  return { ...run, json, checks: Object.fromEntries(report.checks.map((c) => [c.id, c])) };
}

function expectNoSecret(run: DistRun & { json: string }): void {
  const shown = [run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs), run.json];
  for (const value of [...Object.values(SECRETS), VERCEL_TOKEN]) for (const text of shown) expect(text).not.toContain(value);
}

describe('dist/preflight on a Next.js + Supabase + Stripe starter', () => {
  it('without variables: installs with pnpm, type-checks with tsc, and says which variables the build needs', async () => {
    const run = await preflight({});
    expect(run.checks['install']).toMatchObject({ status: 'pass', title: 'Install dependencies (pnpm install --frozen-lockfile)' });
    expect(run.checks['lint']).toMatchObject({ status: 'pass', title: 'Lint (pnpm run lint)' });
    expect(run.checks['type-check']).toMatchObject({ status: 'pass', title: 'Type-check (tsc --noEmit: no type-check script, tsconfig.json found)' });
    expect(run.checks['build']?.status).toBe('fail');
    expect(run.checks['build']?.summary).toBe(
      '`pnpm run build` exited with code 1: it needs environment variables it did not get: NEXT_PUBLIC_SUPABASE_URL (recognised from supabase-js ("supabaseUrl is required")). ' +
        "Pass them with the env-file input (a dotenv file written from secrets in an earlier step), the step's env:, " +
        "or pull the Vercel project's variables with vercel-token, vercel-project-id and environment (.env.local.example lists the 7 variables the app reads).",
    );
    expect(run.checks['scan']?.status).toBe('pass');
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('NEXT_PUBLIC_SUPABASE_URL');
  }, 180_000);

  it('with an env-file written from secrets: the build passes and no value is shown anywhere', async () => {
    writeFileSync(join(repo, '.env.ci'), Object.entries(SECRETS).map(([k, v]) => `${k}="${v}"`).join('\n'));
    const run = await preflight({ 'env-file': '.env.ci' });
    expect(run.checks['build']).toMatchObject({ status: 'pass' });
    expect(run.summary).toContain('Command environment (values masked): 3 from .env.ci: NEXT_PUBLIC_SUPABASE_ANON_KEY, NEXT_PUBLIC_SUPABASE_URL, STRIPE_SECRET_KEY.');
    expect(Object.values(run.checks).filter((c) => c.status === 'fail')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectNoSecret(run);
    rmSync(join(repo, '.env.ci'));
  }, 180_000);

  it("with the Vercel project's preview variables pulled over the API: the build passes, masked", async () => {
    const run = await preflight({ 'vercel-token': VERCEL_TOKEN, 'vercel-project-id': 'prj_starter', 'api-url': vercel.url, environment: 'preview' });
    expect(run.checks['build']).toMatchObject({ status: 'pass' });
    expect(run.summary).toContain('3 from Vercel project prj_starter (preview)');
    expect(vercel.state.violations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectNoSecret(run);
  }, 180_000);
});
