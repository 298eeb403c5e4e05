import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { preflightAction } from '../src/action.js';
import { fakePackageManager, makeRepo, pathWith, removeTempDirs } from './helpers/repo.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The project's commands through a fake package manager on PATH (no real install here):
 * which install runs and when, script names, missing scripts skipped or required.
 */
const PASS = 'node -e "process.exit(0)"';

function pnpmRepo(scripts: Record<string, string>, extra: Record<string, string> = {}): string {
  return makeRepo({ 'package.json': JSON.stringify({ name: 'web', scripts }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", ...extra });
}

async function run(repo: string, inputs: Record<string, string>, tool = fakePackageManager('pnpm'), env: Record<string, string> = {}) {
  const result = await runLikeRunner(preflightAction, { checks: 'lint,type-check,build,test', ...inputs }, { env: { GITHUB_WORKSPACE: repo, PATH: pathWith(tool.bin), ...env } });
  const calls = existsSync(tool.calls) ? readFileSync(tool.calls, 'utf8').trim().split('\n') : [];
  const check = (id: string) => result.result.report.checks.find((c) => c.id === id);
  return { ...result, calls, check };
}

describe('install', () => {
  it('auto installs with the frozen lockfile when node_modules is missing, then runs the scripts', async () => {
    const repo = pnpmRepo({ lint: PASS });
    const r = await run(repo, {});
    expect(r.calls).toEqual(['install --frozen-lockfile', 'run lint']);
    expect(r.check('install')).toMatchObject({ title: 'Install dependencies (pnpm install --frozen-lockfile)', status: 'pass', durationMs: expect.any(Number) });
    expect(r.check('lint')).toMatchObject({ title: 'Lint (pnpm run lint)', status: 'pass' });
  });

  it('auto does not install when node_modules exists; true does', async () => {
    const repo = pnpmRepo({ lint: PASS }, { 'node_modules/.keep': '' });
    expect((await run(repo, {})).calls).toEqual(['run lint']);
    expect((await run(repo, { install: 'true' })).calls).toEqual(['install --frozen-lockfile', 'run lint']);
  });

  it('false never installs, as the config file can also say', async () => {
    expect((await run(pnpmRepo({ lint: PASS }), { install: 'false' })).calls).toEqual(['run lint']);
    const configured = pnpmRepo({ lint: PASS }, { '.github/deploy-kit.yml': 'preflight:\n  install: false\n' });
    expect((await run(configured, {})).calls).toEqual(['run lint']);
    // The input overrides the file.
    expect((await run(configured, { install: 'true' })).calls).toEqual(['install --frozen-lockfile', 'run lint']);
  });

  it('a failed install fails with its output and skips the scripts', async () => {
    const r = await run(pnpmRepo({ lint: PASS }), {}, fakePackageManager('pnpm'), {
      FAKE_INSTALL_FAILS: 'ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with "frozen-lockfile" because pnpm-lock.yaml is not up to date with package.json',
    });
    expect(r.check('install')).toMatchObject({
      status: 'fail',
      summary: '`pnpm install --frozen-lockfile` exited with code 1: pnpm-lock.yaml is out of date with package.json: run `pnpm install` locally and commit pnpm-lock.yaml.',
      detail: expect.stringContaining('ERR_PNPM_OUTDATED_LOCKFILE'),
    });
    expect(r.check('lint')).toMatchObject({ status: 'skip', summary: 'Not run: installing dependencies failed.' });
    expect(r.calls).toEqual(['install --frozen-lockfile']);
    expect(r.failed).toBe(true);
  });

  it('yarn 2+ installs with --immutable; yarn 1 with --frozen-lockfile', async () => {
    const berry = makeRepo({ 'package.json': JSON.stringify({ scripts: { lint: PASS } }), 'yarn.lock': '__metadata:\n  version: 8\n', '.yarnrc.yml': 'nodeLinker: node-modules\n' });
    expect((await run(berry, {}, fakePackageManager('yarn'))).calls).toEqual(['install --immutable', 'run lint']);
    const classic = makeRepo({ 'package.json': JSON.stringify({ scripts: { lint: PASS } }), 'yarn.lock': '# yarn lockfile v1\n' });
    expect((await run(classic, {}, fakePackageManager('yarn'))).calls).toEqual(['install --frozen-lockfile', 'run lint']);
  });

  it('says how to set up a package manager that is not on the runner', async () => {
    const repo = makeRepo({ 'package.json': JSON.stringify({ scripts: { lint: PASS } }), 'bun.lock': '{}\n' });
    const r = await run(repo, { install: 'false' }, fakePackageManager('pnpm'), { PATH: '/nonexistent' });
    expect(r.check('lint')).toMatchObject({
      status: 'fail',
      summary: 'bun is not installed on this runner: add its setup step (actions/setup-node, pnpm/action-setup, oven-sh/setup-bun) before preflight.',
    });
  });
});

describe('scripts', () => {
  it('finds the common type-check names, and skips missing scripts with a notice', async () => {
    const r = await run(pnpmRepo({ 'check-types': PASS }, { 'node_modules/.keep': '' }), {});
    expect(r.calls).toEqual(['run check-types']);
    expect(r.check('type-check')).toMatchObject({ title: 'Type-check (pnpm run check-types)', status: 'pass' });
    expect(r.check('lint')).toMatchObject({ status: 'skip', summary: 'Skipped: package.json has no "lint" script.' });
    expect(r.stdout).toContain('::notice::Lint skipped: package.json has no "lint" script. To run it, add one to its scripts, e.g. "lint": "eslint .".');
    expect(r.failed).toBe(false);
  });

  it('fails a missing script listed in required-checks, saying which script to add', async () => {
    const r = await run(pnpmRepo({ lint: PASS }, { 'node_modules/.keep': '' }), { 'required-checks': 'test' });
    expect(r.check('test')).toEqual({
      id: 'test',
      title: 'Test',
      status: 'fail',
      summary: 'package.json has no "test" script, but \'required-checks\' requires test: add one to its scripts, e.g. "test": "vitest run".',
    });
    expect(r.failed).toBe(true);
  });

  it('does not mistake npm init\'s placeholder for a test suite', async () => {
    const r = await run(pnpmRepo({ test: 'echo "Error: no test specified" && exit 1' }, { 'node_modules/.keep': '' }), {});
    expect(r.check('test')).toMatchObject({ status: 'skip', summary: 'Skipped: package.json\'s "test" script is npm init\'s placeholder.' });
    expect(r.calls).toEqual([]);
  });

  it('runs the script names the config file gives, and fails when one is missing', async () => {
    const config = 'preflight:\n  scripts:\n    test: test:ci\n    lint: [lint:strict, lint]\n    build: build:prod\n';
    const repo = pnpmRepo({ 'test:ci': PASS, test: 'exit 1', lint: PASS }, { 'node_modules/.keep': '', '.github/deploy-kit.yml': config });
    const r = await run(repo, {});
    expect(r.calls).toEqual(['run lint', 'run test:ci']);
    expect(r.check('build')).toMatchObject({ status: 'fail', summary: expect.stringContaining('package.json has no "build:prod" script (named in preflight.scripts.build), but the config file names its script') });
  });

  it('runs only the checks asked for', async () => {
    const r = await run(pnpmRepo({ lint: PASS, test: 'exit 1' }, { 'node_modules/.keep': '' }), { checks: 'lint' });
    expect(r.result.report.checks.map((c) => c.id)).toEqual(['lint']);
    expect(r.calls).toEqual(['run lint']);
  });

  it('fails a script with its exit code and last lines', async () => {
    const r = await run(pnpmRepo({ build: "node -e \"console.error('Type error: Property x does not exist'); process.exit(2)\"" }, { 'node_modules/.keep': '' }), {});
    expect(r.check('build')).toMatchObject({
      status: 'fail',
      summary: '`pnpm run build` exited with code 2: run `pnpm run build` locally to reproduce.',
      detail: 'Type error: Property x does not exist',
    });
  });

  it('masks a secret the script prints, in the log and in the published last lines', async () => {
    // Assembled at run time, so this file holds no key-shaped literal.
    const key = ['sk', 'live', '51Qm8ZtR2vXy7KpL4nWc9HbJ3sDf6GaE1uTo5'].join('_');
    const printKey = `node -e "console.log('Stripe rejected STRIPE_SECRET_KEY=${key}'); process.exit(1)"`;
    const repo = makeRepo({ 'package.json': JSON.stringify({ scripts: { build: printKey } }), 'package-lock.json': '{}\n', 'node_modules/.keep': '' });
    const real = await run(repo, { checks: 'build' });
    expect(real.check('build')!.detail).toContain(`Stripe rejected STRIPE_SECRET_KEY=sk_l… (${key.length} chars)`);
    expect(real.everything).toContain('Stripe rejected STRIPE_SECRET_KEY=sk_l…');
    expect(real.everything).not.toContain(key);
  });

  it('tells a program the script calls apart from a missing package manager (both exit 127)', async () => {
    const repo = makeRepo({ 'package.json': JSON.stringify({ scripts: { lint: 'eslint-not-installed .' } }), 'package-lock.json': '{}\n', 'node_modules/.keep': '' });
    const r = await run(repo, { checks: 'lint' });
    expect(r.check('lint')).toMatchObject({
      status: 'fail',
      summary:
        '`npm run lint` exited with code 127: a program it calls was not found (see its output): make sure it is in devDependencies and that dependencies are installed (install: auto or true).',
      detail: expect.stringContaining('eslint-not-installed: not found'),
    });
  });
});

describe('working-directory', () => {
  it('runs in a monorepo package, with the lockfile at the root and paths from the repository root', async () => {
    const repo = makeRepo({
      'package-lock.json': '{}\n',
      '.gitignore': '.env*.local\n',
      'apps/web/package.json': JSON.stringify({ scripts: { lint: PASS } }),
      'apps/web/src/page.js': "console.info('rendered');\n",
      'apps/web/.env': 'SECRET_NAME=value\n',
    });
    const npm = fakePackageManager('npm', { stdout: join(HERE, 'fixtures', 'audit', 'npm-clean.json') });
    const r = await run(repo, { 'working-directory': 'apps/web', checks: 'lint,scan,audit,env-files', install: 'false' }, npm);
    expect(r.calls).toEqual(['run lint', 'audit --json --omit=dev']);
    expect(r.result.report.findings.map((f) => [f.rule, f.file])).toEqual(
      expect.arrayContaining([['console', 'apps/web/src/page.js'], ['env-file/committed', 'apps/web/.env']]),
    );
    expect(r.check('audit')).toMatchObject({ status: 'pass' });
  });
});

afterAll(removeTempDirs);
