import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';
import { runLikeRunner, type RunnerRun } from '../../../test/harness/runner.js';
import { preflightAction } from '../src/action.js';
import { fakePackageManager, makeRepo, pathWith, whichSync, removeTempDirs } from './helpers/repo.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The whole action, run the way the runner runs it, on a repository with each kind of problem:
 * a failing lint and test (real `npm run`), a missing build script, console/debugger/TODO and a
 * hard-coded key for the scanner, a committed env file, a .gitignore that lets .env*.local
 * through, and vulnerable dependencies (the audit output comes from a fake `npm audit` on PATH
 * printing a fixture; every other npm command goes to the real npm).
 */
const AUDIT = join(HERE, 'fixtures', 'audit');
// Built at run time so this file holds no key-shaped string for a scanner to trip on.
const AWS_KEY = ['AKIA', 'Z7Q4M2XK9PLR3TWB'].join('');
const TOKEN = 'ghs_preflightTestToken0123456789abcdef';
const SHA = 'c0ffee0000000000000000000000000000000001';

const packageJson = {
  name: 'shop',
  private: true,
  scripts: {
    lint: "node -e \"console.error('src/app.js:3:1  error  Unexpected console statement  no-console'); process.exit(1)\"",
    typecheck: 'node -e "process.exit(0)"',
    test: "node -e \"for (let i = 1; i <= 40; i++) console.log('ok ' + i + ' cart total'); console.log('FAIL checkout.test.js: expected 200, got 500'); process.exit(1)\"",
  },
  dependencies: { lodash: '4.17.20', next: '14.1.0' },
};

const appJs = [
  "import { total } from './cart.js';",
  '',
  "console.log('cart', total);",
  'debugger;',
  '// TODO: remove the free-shipping hack',
  "const help = 'call console.log() to debug';",
  'export default help;',
  '',
].join('\n');

function problemRepo(): string {
  return makeRepo({
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'package-lock.json': '{ "name": "shop", "lockfileVersion": 3, "requires": true, "packages": {} }\n',
    '.gitignore': 'node_modules\n',
    'src/app.js': appJs,
    'src/cart.js': 'export const total = 0;\n',
    'src/aws.js': `export const accessKeyId = '${AWS_KEY}';\n`,
    '.env.production': 'API_URL=https://api.shop.example\nFEATURE_FLAGS=checkout,search\n',
    '.env.example': 'API_URL=\n',
  });
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('a repository with each kind of problem', () => {
  let gh: GitHubEmulator;
  let run: RunnerRun;
  let repo: string;

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    repo = problemRepo();
    const npm = fakePackageManager('npm', { stdout: join(AUDIT, 'npm-vulnerable.json'), exitCode: 1 }, whichSync('npm'));
    const event = { pull_request: { number: 7, head: { ref: 'feature/cart', sha: SHA, repo: { full_name: 'acme/shop' } }, base: { repo: { full_name: 'acme/shop' } } } };
    run = await runLikeRunner(
      preflightAction,
      { install: 'false', 'github-token': TOKEN },
      {
        eventName: 'pull_request',
        event,
        env: { GITHUB_WORKSPACE: repo, PATH: pathWith(npm.bin), GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: gh.url, GITHUB_RUN_ID: '99', GITHUB_SHA: 'merge-sha' },
      },
    );
  }, 60_000);
  afterAll(async () => gh.close());

  const check = (id: string) => run.result.report.checks.find((c) => c.id === id);
  const findings = (rule: string) => run.result.report.findings.filter((f) => f.rule === rule);

  it('fails the step, says why and where to look, and sets the outputs', () => {
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(/^Preflight did not pass — failed: Lint, Test, Source and secret scan, Dependency audit, Env files; \d+ error finding\(s\) \(/);
    expect(run.result.message).toContain('The job summary lists each problem');
    expect(run.outputs['status']).toBe('failure');
    expect(Number(run.outputs['errors'])).toBe(run.result.report.errors);
    expect(Number(run.outputs['warnings'])).toBe(run.result.report.warnings);
  });

  it('runs each script through npm with its duration, and shows a failure\'s last lines', () => {
    expect(check('lint')).toMatchObject({ title: 'Lint (npm run lint)', status: 'fail', summary: '`npm run lint` exited with code 1: run `npm run lint` locally to reproduce.' });
    expect(check('lint')!.detail).toContain('Unexpected console statement');
    expect(check('type-check')).toMatchObject({ title: 'Type-check (npm run typecheck)', status: 'pass' });
    const test = check('test')!;
    expect(test.status).toBe('fail');
    expect(test.detail).toContain('FAIL checkout.test.js: expected 200, got 500');
    expect(test.detail).toContain('ok 40 cart total');
    expect(test.detail).not.toMatch(/^ok 5 cart total$/m);
    for (const id of ['lint', 'type-check', 'test']) expect(check(id)!.durationMs).toEqual(expect.any(Number));
  });

  it('skips the missing build script with a notice', () => {
    expect(check('build')).toEqual({ id: 'build', title: 'Build', status: 'skip', summary: 'Skipped: package.json has no "build" script.' });
    expect(run.stdout).toContain('::notice::Build skipped: package.json has no "build" script. To run it, add one to its scripts, e.g. "build": "next build".');
  });

  it('reports the scanner\'s console, debugger, TODO and secret findings with their places, never the key', () => {
    expect(check('scan')).toMatchObject({ title: 'Source and secret scan', status: 'fail' });
    expect(findings('console')).toEqual([expect.objectContaining({ severity: 'warning', file: 'src/app.js', line: 3 })]);
    expect(findings('debugger')).toEqual([expect.objectContaining({ severity: 'error', file: 'src/app.js', line: 4 })]);
    expect(findings('todo')).toEqual([expect.objectContaining({ severity: 'warning', file: 'src/app.js', line: 5 })]);
    expect(findings('secret/aws-access-key-id')).toEqual([expect.objectContaining({ severity: 'error', file: 'src/aws.js', line: 1 })]);
    expect(run.everything).not.toContain(AWS_KEY);
  });

  it('fails on the committed env file and warns about the .gitignore', () => {
    expect(check('env-files')!.status).toBe('fail');
    expect(findings('env-file/committed')).toEqual([expect.objectContaining({ file: '.env.production', message: expect.stringContaining('committed with 2 values') })]);
    expect(findings('env-file/gitignore')).toEqual([expect.objectContaining({ severity: 'warning', file: '.gitignore' })]);
  });

  it('names each vulnerable package on its package.json line, with advisory and fix', () => {
    const audit = check('audit')!;
    expect(audit).toMatchObject({ title: 'Dependency audit (npm audit --json --omit=dev)', status: 'fail' });
    const text = readFileSync(join(repo, 'package.json'), 'utf8');
    const next = findings('audit/critical').find((f) => f.message.startsWith('next '))!;
    expect(next).toMatchObject({ severity: 'error', file: 'package.json', line: lineOf(text, '"next"') });
    expect(next.message).toContain('Authorization Bypass in Next.js Middleware (GHSA-f82v-jwr5-mffw, https://github.com/advisories/GHSA-f82v-jwr5-mffw). Fix: next@14.2.33');
    expect(findings('audit/low').every((f) => f.severity === 'notice')).toBe(true);
  });

  it('writes the job summary and a JSON report with every finding', () => {
    expect(run.summary).toContain('## Preflight');
    expect(run.summary).toContain('| ❌ | Test (npm run test) |');
    expect(run.summary).toContain('| ⏭️ | Build | Skipped: package.json has no "build" script. |');
    expect(run.summary).toContain('FAIL checkout.test.js');
    const report = JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8')) as { status: string; findings: { rule: string }[] };
    expect(report.status).toBe('failure');
    expect(report.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['debugger', 'secret/aws-access-key-id', 'env-file/committed', 'audit/critical']));
  });

  it('creates the check run on the pull request head with an annotation per finding', () => {
    expect(gh.state.checkRuns).toHaveLength(1);
    const checkRun = gh.state.checkRuns[0]!;
    expect(checkRun).toMatchObject({ name: 'deploy-kit preflight', head_sha: SHA, conclusion: 'failure' });
    expect(checkRun.output.summary).toContain('## Preflight');
    const withFile = run.result.report.findings.filter((f) => f.file).length;
    expect(checkRun.annotationsReceived).toBe(withFile);
    expect(checkRun.output.annotations).toContainEqual(expect.objectContaining({ path: 'src/app.js', start_line: 4, annotation_level: 'failure', title: 'debugger' }));
  });

  it('posts its section of the sticky pull request comment', () => {
    expect(gh.state.comments).toHaveLength(1);
    expect(gh.state.comments[0]).toMatchObject({ issue: 7, body: expect.stringContaining('## Preflight') });
  });

  it('keeps the token out of everything it wrote', () => {
    expect(run.everything).not.toContain(TOKEN);
  });
});

describe('the check run', () => {
  let gh: GitHubEmulator;
  let repo: string;
  const noisy = Array.from({ length: 60 }, (_, i) => `console.log('step ${i + 1}');`).join('\n');

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    repo = makeRepo({ 'package.json': '{ "name": "noisy" }\n', 'src/noisy.js': `${noisy}\n` });
  });
  afterAll(async () => gh.close());

  const env = () => ({ GITHUB_WORKSPACE: repo, GITHUB_REPOSITORY: 'acme/noisy', GITHUB_SHA: SHA, GITHUB_API_URL: gh.url });
  const scanOnly = (extra: Record<string, string> = {}) => runLikeRunner(preflightAction, { checks: 'scan', 'github-token': TOKEN, ...extra }, { env: env() });

  it('sends more than 50 annotations in batches of 50; warnings alone pass as neutral', async () => {
    const run = await scanOnly();
    expect(run.failed).toBe(false);
    // 60 warning findings; the scan check that warned about them is not counted again.
    expect(run.outputs).toMatchObject({ status: 'success', errors: '0', warnings: '60' });
    const created = gh.calls('POST /repos/:owner/:repo/check-runs');
    const updated = gh.calls('PATCH /repos/:owner/:repo/check-runs/:id');
    expect(created).toHaveLength(1);
    expect((created[0]!.body as { output: { annotations: unknown[] } }).output.annotations).toHaveLength(50);
    expect(updated.map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([10]);
    expect(gh.state.checkRuns.at(-1)).toMatchObject({ name: 'deploy-kit preflight', conclusion: 'neutral', annotationsReceived: 60 });
    // The check run carries the annotations; the step does not show them a second time.
    expect(run.stdout).not.toMatch(/^::warning title=console/m);
  });

  it('takes its name from check-name, and fails with the step under fail-on: warning', async () => {
    const run = await scanOnly({ 'check-name': 'Preflight (web)', 'fail-on': 'warning' });
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      'Preflight did not pass — 60 warning(s), and fail-on is warning.\n' +
        'The job summary lists each problem with its file, line or command output: fix them, or adjust the policy inputs (audit-level, todo-policy, console-allow, fail-on).',
    );
    expect(gh.state.checkRuns.at(-1)).toMatchObject({ name: 'Preflight (web)', conclusion: 'failure' });
  });

  it('falls back to annotations and the summary with a notice when the token cannot write checks', async () => {
    gh.deny.add('checks');
    try {
      const before = gh.state.checkRuns.length;
      const run = await scanOnly();
      expect(run.failed).toBe(false);
      expect(run.stdout).toContain(
        "::notice::The check run 'deploy-kit preflight' was not created: the token cannot write checks (HTTP 403): grant `checks: write` in the workflow's permissions. The annotations and the job summary have the full report.",
      );
      expect(run.stdout).toMatch(/^::warning title=console,file=src\/noisy\.js,line=1,/m);
      expect(run.summary).toContain('src/noisy.js:1');
      expect(gh.state.checkRuns).toHaveLength(before);
    } finally {
      gh.deny.delete('checks');
    }
  });

  it('does not try on a fork pull request, whose token is read-only', async () => {
    const before = gh.calls('POST /repos/:owner/:repo/check-runs').length;
    const event = { pull_request: { number: 3, head: { ref: 'patch-1', sha: SHA, repo: { full_name: 'someone/noisy' } }, base: { repo: { full_name: 'acme/noisy' } } } };
    const run = await runLikeRunner(preflightAction, { checks: 'scan', 'github-token': TOKEN }, { env: env(), event, eventName: 'pull_request' });
    expect(run.failed).toBe(false);
    expect(run.stdout).toContain("::notice::The check run 'deploy-kit preflight' was not created: a fork pull request's token cannot write checks.");
    expect(gh.calls('POST /repos/:owner/:repo/check-runs')).toHaveLength(before);
  });

  it('survives a token the API rejects', async () => {
    gh.deny.clear();
    const run = await runLikeRunner(preflightAction, { checks: 'scan', 'github-token': TOKEN }, { env: { ...env(), GITHUB_API_URL: `${gh.url}/nowhere` } });
    expect(run.failed).toBe(false);
    expect(run.stdout).toMatch(/::notice::The check run 'deploy-kit preflight' was not created: the token cannot write checks \(HTTP 404\)/);
  });
});

afterAll(removeTempDirs);
