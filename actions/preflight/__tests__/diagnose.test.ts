import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { cleanTerminalOutput } from '../../../packages/shared/src/exec.js';
import { preflightAction } from '../src/action.js';
import { describeInstallCause, diagnoseInstall } from '../src/diagnose/install-failure.js';
import { exampleEnvNames, findMissingEnv } from '../src/diagnose/missing-env.js';
import { fakePackageManager, makeRepo, pathWith, removeTempDirs } from './helpers/repo.js';

afterAll(removeTempDirs);

const OUTPUTS = fileURLToPath(new URL('./fixtures/outputs/', import.meta.url));
const output = (name: string) => readFileSync(join(OUTPUTS, name), 'utf8');

function repoWith(scripts: Record<string, string>, files: Record<string, string> = {}): string {
  return makeRepo({ 'package.json': JSON.stringify({ name: 'web', scripts }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", ...files });
}

async function run(repo: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  const tool = fakePackageManager('pnpm');
  const result = await runLikeRunner(preflightAction, { checks: 'lint,type-check,build,test', ...inputs }, { env: { GITHUB_WORKSPACE: repo, PATH: pathWith(tool.bin), ...env } });
  return { ...result, check: (id: string) => result.result.report.checks.find((c) => c.id === id) };
}

/** A script that prints a fixture file and exits 1, as a failing build would. */
const printAndFail = (file: string) => `node -e "process.stdout.write(require('fs').readFileSync('${join(OUTPUTS, file)}','utf8')); process.exit(1)"`;

describe('missing environment variables', () => {
  it('names the variables t3-env reports and says how to pass them', async () => {
    const r = await run(repoWith({ build: printAndFail('t3-env.txt') }, { 'node_modules/.keep': '' }), { checks: 'build' });
    expect(r.check('build')?.summary).toBe(
      '`pnpm run build` exited with code 1: it needs environment variables it did not get: DATABASE_URL, NEXTAUTH_SECRET ' +
        `(recognised from t3-env's "Invalid environment variables"). Pass them with the env-file input (a dotenv file written from secrets in an earlier step), ` +
        "the step's env:, or pull the Vercel project's variables with vercel-token, vercel-project-id and environment.",
    );
  });

  it('guesses the Supabase variables from .env.local.example when supabase-js names none', async () => {
    const build = `node -e "console.error('Error: supabaseUrl is required.\\n    at new SupabaseClient (node_modules/@supabase/supabase-js/dist/main/SupabaseClient.js:48:19)'); process.exit(1)"`;
    const example = 'NEXT_PUBLIC_SITE_URL=\nNEXT_PUBLIC_SUPABASE_URL=\nNEXT_PUBLIC_SUPABASE_ANON_KEY=\nSUPABASE_SERVICE_ROLE_KEY=\n';
    const r = await run(repoWith({ build }, { 'node_modules/.keep': '', '.env.local.example': example }), { checks: 'build' });
    expect(r.check('build')?.summary).toContain('it needs environment variables it did not get: NEXT_PUBLIC_SUPABASE_URL (recognised from supabase-js ("supabaseUrl is required"))');
    expect(r.check('build')?.summary).toMatch(/and environment \(\.env\.local\.example lists the 4 variables the app reads\)\.$/);
  });

  it('recognises zod schemas, Stripe, Prisma and hand-written guards, and nothing in an ordinary failure', () => {
    const zod = 'ZodError: [\n  {\n    "code": "invalid_type",\n    "expected": "string",\n    "received": "undefined",\n    "path": [\n      "RESEND_API_KEY"\n    ],\n    "message": "Required"\n  }\n]';
    expect(findMissingEnv(zod, [])).toEqual({ names: ['RESEND_API_KEY'], marks: ['a zod schema of process.env'] });
    expect(findMissingEnv('Error: Neither apiKey nor config.authenticator provided\n    at new Stripe', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'])?.names).toEqual(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
    expect(findMissingEnv('error: Environment variable not found: DATABASE_URL.\n  -->  schema.prisma:10', [])?.names).toEqual(['DATABASE_URL']);
    expect(findMissingEnv("TypeError: process.env.OPENAI_API_KEY is undefined", [])?.names).toEqual(['OPENAI_API_KEY']);
    expect(findMissingEnv('Error: Missing environment variable: SENTRY_DSN', [])?.names).toEqual(['SENTRY_DSN']);
    expect(findMissingEnv('Type error: Property x does not exist on type Y.\n  > 12 | const a = b.x;', [])).toBeUndefined();
    expect(findMissingEnv('FAIL src/a.test.ts\n  expect(received).toBe(expected) // Object.is equality', [])).toBeUndefined();
  });
});

describe('install failures name their cause', () => {
  it('a lifecycle script (npm, sharp) that could not download, not the lockfile', () => {
    const cause = diagnoseInstall(output('npm-sharp-postinstall.txt'));
    expect(cause).toEqual({ kind: 'lifecycle', pkg: 'sharp', network: true });
    expect(describeInstallCause(cause, 'package-lock.json', 'npm install')).toMatch(/^the install script of sharp failed while downloading \(the network or its download host is unreachable from this runner\): .* the lockfile is not the problem$/);
  });

  it('pnpm and bun postinstall failures, the network, and the lockfile', () => {
    expect(diagnoseInstall(cleanTerminalOutput(output('pnpm-prisma-postinstall.txt')))).toEqual({ kind: 'lifecycle', pkg: '@prisma/engines', network: true });
    expect(diagnoseInstall('error: postinstall script from "esbuild" exited with 1')).toEqual({ kind: 'lifecycle', pkg: 'esbuild', network: false });
    expect(diagnoseInstall(output('npm-network.txt'))).toEqual({ kind: 'network', detail: 'ECONNREFUSED' });
    expect(diagnoseInstall('error Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`.')).toEqual({ kind: 'lockfile' });
    expect(diagnoseInstall('npm error `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync.')).toEqual({ kind: 'lockfile' });
    expect(diagnoseInstall('something else went wrong')).toEqual({ kind: 'unknown' });
  });

  it('reports the cause and a tail free of terminal codes and progress redraws', async () => {
    const r = await run(repoWith({ lint: 'true' }), {}, { FAKE_INSTALL_FAILS: output('pnpm-prisma-postinstall.txt') });
    const install = r.check('install')!;
    expect(install.summary).toMatch(/^`pnpm install --frozen-lockfile` exited with code 1: the install script of @prisma\/engines failed while downloading/);
    expect(install.detail).not.toContain("\x1b");
    expect(install.detail).not.toContain("\r");
    expect(install.detail).toContain('Progress: resolved 312, reused 0, downloaded 298, added 311, done');
    expect(install.detail).not.toContain('resolved 120');
    expect(r.summary).not.toContain('\x1b');
  });
});

describe('type-check without a script', () => {
  it("runs the project's own tsc --noEmit when tsconfig.json exists", async () => {
    const repo = repoWith({}, { 'tsconfig.json': '{}\n', 'node_modules/.bin/tsc': `#!/bin/sh\necho "tsc called with $*"\necho "src/a.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'."\nexit 2\n` });
    chmodSync(join(repo, 'node_modules/.bin/tsc'), 0o755);
    const r = await run(repo, { checks: 'type-check' });
    expect(r.check('type-check')).toMatchObject({
      title: 'Type-check (tsc --noEmit: no type-check script, tsconfig.json found)',
      status: 'fail',
      summary: '`tsc --noEmit` exited with code 2: run `tsc --noEmit` locally to reproduce.',
      detail: expect.stringContaining('tsc called with --noEmit'),
    });
  });

  it('says to add typescript when tsconfig.json exists but the compiler does not', async () => {
    const r = await run(repoWith({}, { 'tsconfig.json': '{}\n', 'node_modules/.keep': '' }), { checks: 'type-check' });
    expect(r.check('type-check')).toMatchObject({ status: 'skip', summary: 'Skipped: tsconfig.json exists but neither a type-check script nor the typescript package is installed.' });
  });
});

describe('lint, type-check and test in parallel, build alone', () => {
  it('runs the three at once, keeps each output in its own group, and shows the wall time saved', async () => {
    // A barrier: each script marks that it started and passes only once all three have; run one
    // after another, the first would give up waiting and fail.
    const barrier = (name: string) =>
      `node -e "const fs=require('fs'); fs.writeFileSync('${name}.started',''); console.log('${name} start'); const t=setInterval(()=>{ if(['lint','types','test'].every(n=>fs.existsSync(n+'.started'))){clearInterval(t); console.log('${name} end')} },20); setTimeout(()=>{console.log('${name} alone'); process.exit(1)},20000).unref()"`;
    const repo = repoWith({ lint: barrier('lint'), 'type-check': barrier('types'), test: barrier('test'), build: `node -e "console.log('build sees', ['lint','types','test'].filter(n=>require('fs').existsSync(n+'.started')).length)"` }, { 'node_modules/.keep': '' });
    const r = await run(repo, {});
    expect(r.result.report.checks.map((c) => `${c.id}:${c.status}`)).toEqual(['lint:pass', 'type-check:pass', 'test:pass', 'build:pass']);
    // Each command's lines sit together in its group, start then end, never interleaved.
    for (const name of ['lint', 'types', 'test']) expect(r.stdout).toMatch(new RegExp(`::group::pnpm run [\\w-]+ \\(exit 0, [\\d.]+ s\\)\\n${name} start\\n${name} end\\n::endgroup::`));
    // The build ran alone, after the three.
    expect(r.stdout).toMatch(/ end\n::endgroup::\n(?:.*\n)*::group::pnpm run build\nbuild sees 3\n/);
    const note = r.result.report.notes.find((n) => n.includes('ran in parallel'));
    expect(note).toMatch(/^lint, type-check, test ran in parallel: [\d.]+ s wall time for [\d.]+ s of commands, [\d.]+ s saved\.$/);
    expect(r.summary).toContain('ran in parallel');
  });
});

describe('cleanTerminalOutput', () => {
  it('strips colour and cursor codes and keeps the last state of a redrawn line', () => {
    expect(cleanTerminalOutput('\x1b[?25l\x1b[32m✓\x1b[0m done\r\nstep 1/3\rstep 2/3\rstep 3/3\nlast\r')).toBe('✓ done\nstep 3/3\nlast');
  });
});


describe('exampleEnvNames', () => {
  it('skips a dangling example link and one out of the repository instead of throwing or reading it', async () => {
    const outside = makeRepo({ 'names.env': 'OUTSIDE_ONLY_NAME=1\n' });
    const repo = makeRepo({ '.env.sample': 'NEXT_PUBLIC_SUPABASE_URL=\n' });
    symlinkSync(join(repo, 'gone'), join(repo, '.env.example'));
    symlinkSync(join(outside, 'names.env'), join(repo, '.env.local.example'));
    await expect(exampleEnvNames(repo)).resolves.toEqual({ file: '.env.sample', names: ['NEXT_PUBLIC_SUPABASE_URL'] });
  });
});
