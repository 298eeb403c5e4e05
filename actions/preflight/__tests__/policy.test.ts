import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { preflightAction } from '../src/action.js';
import { fakePackageManager, makeRepo, pathWith, removeTempDirs } from './helpers/repo.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The policy inputs, end to end: what they change in the report and the step's result, and
 * that an input overrides the config file's value.
 */
const AUDIT = join(HERE, 'fixtures', 'audit');

const source = ["console.log('a');", "console.info('b');", '// TODO tidy this', '// TODO(#12) tracked', ''].join('\n');

async function scan(inputs: Record<string, string>, config?: string) {
  const repo = makeRepo({ 'package.json': '{}', 'src/a.js': source, ...(config ? { '.github/deploy-kit.yml': config } : {}) });
  const run = await runLikeRunner(preflightAction, { checks: 'scan', ...inputs }, { env: { GITHUB_WORKSPACE: repo } });
  return { run, rules: run.result.report.findings.map((f) => `${f.rule}:${f.line}:${f.severity}`) };
}

describe('console-allow and todo-policy reach the scanner', () => {
  it('defaults: console.log and console.info are findings, TODOs warn', async () => {
    const { run, rules } = await scan({});
    expect(rules).toEqual(['console:1:warning', 'console:2:warning', 'todo:3:warning', 'todo:4:warning']);
    expect(run.failed).toBe(false);
  });

  it('console-allow accepts the listed methods', async () => {
    expect((await scan({ 'console-allow': 'error, warn, info' })).rules).toEqual(['console:1:warning', 'todo:3:warning', 'todo:4:warning']);
  });

  it('todo-policy off, fail and require-issue', async () => {
    expect((await scan({ 'todo-policy': 'off' })).rules.filter((r) => r.startsWith('todo'))).toEqual([]);
    const failing = await scan({ 'todo-policy': 'fail' });
    expect(failing.rules.filter((r) => r.startsWith('todo'))).toEqual(['todo:3:error', 'todo:4:error']);
    expect(failing.run.failed).toBe(true);
    expect((await scan({ 'todo-policy': 'require-issue' })).rules.filter((r) => r.startsWith('todo'))).toEqual(['todo:3:error']);
  });

  it('takes them from the config file, and the inputs win over it', async () => {
    const config = 'preflight:\n  console-allow: [error, warn, log, info]\n  todo-policy: off\n';
    expect((await scan({}, config)).rules).toEqual([]);
    expect((await scan({ 'todo-policy': 'fail' }, config)).rules).toEqual(['todo:3:error', 'todo:4:error']);
  });

  it('exempt globs from the config file are added to the defaults', async () => {
    expect((await scan({}, "preflight:\n  exempt: ['src/**']\n")).rules).toEqual([]);
  });

  it('says when the files were found by walking the folder rather than asked of git', async () => {
    const summary = (run: Awaited<ReturnType<typeof scan>>['run']) => run.result.report.checks.find((c) => c.id === 'scan')?.summary;
    expect(summary((await scan({})).run)).not.toContain('not a git work tree');
    const folder = makeRepo({ 'package.json': '{}', 'src/a.js': source }, { git: false });
    const walked = await runLikeRunner(preflightAction, { checks: 'scan' }, { env: { GITHUB_WORKSPACE: folder } });
    expect(summary(walked)).toMatch(/^2 file\(s\), .* scanned \(not a git work tree: found by walking the folder, honouring \.gitignore\): /);
  });
});

describe('audit-level and audit-unavailable', () => {
  async function audit(stdout: string, inputs: Record<string, string>, config?: string, stderr?: string) {
    const repo = makeRepo({
      'package.json': JSON.stringify({ dependencies: { next: '14.1.0', lodash: '4.17.20' } }, null, 2),
      'package-lock.json': '{}\n',
      ...(config ? { '.github/deploy-kit.yml': config } : {}),
    });
    const npm = fakePackageManager('npm', { stdout: join(AUDIT, stdout), stderr: stderr ? join(AUDIT, stderr) : undefined, exitCode: 1 });
    const run = await runLikeRunner(preflightAction, { checks: 'audit', ...inputs }, { env: { GITHUB_WORKSPACE: repo, PATH: pathWith(npm.bin) } });
    return { run, check: run.result.report.checks[0]! };
  }

  it('warns by default when the audit service answers 405 (the recorded npm output), and the step passes', async () => {
    const { run, check } = await audit('npm-unavailable-405.json', {}, undefined, 'npm-unavailable-405.stderr.txt');
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('The audit service could not be reached (405 Method Not Allowed');
    expect(run.failed).toBe(false);
    expect(run.outputs).toMatchObject({ status: 'success', errors: '0', warnings: '1' });
  });

  it('fails on an unreachable service with audit-unavailable: fail', async () => {
    const { run, check } = await audit('npm-unavailable-enotfound.json', { 'audit-unavailable': 'fail' });
    expect(check.status).toBe('fail');
    expect(run.failed).toBe(true);
  });

  it('fails on a warning-level problem under fail-on: warning', async () => {
    const { run } = await audit('npm-unavailable-405.json', { 'fail-on': 'warning' });
    expect(run.failed).toBe(true);
    expect(run.outputs['status']).toBe('failure');
  });

  it('fails on vulnerabilities at the level, and the input overrides the config file\'s level', async () => {
    const high = await audit('npm-vulnerable.json', {});
    expect(high.check.status).toBe('fail');
    // The default level is high: two critical and two high packages fail, the low one is a notice.
    expect(high.run.result.report.findings.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error', 'notice']);
    const lenient = await audit('npm-vulnerable.json', {}, 'preflight:\n  audit-level: none\n');
    expect(lenient.check.status).toBe('pass');
    expect(lenient.run.failed).toBe(false);
    const strict = await audit('npm-vulnerable.json', { 'audit-level': 'critical' }, 'preflight:\n  audit-level: none\n');
    expect(strict.run.result.report.findings.filter((f) => f.severity === 'error').map((f) => f.message.split(' ')[0])).toEqual(['minimist', 'next']);
  });

  it('accepts advisories listed in audit-ignore', async () => {
    const config = 'preflight:\n  audit-ignore: [GHSA-xvch-5gv4-984h, GHSA-f82v-jwr5-mffw, GHSA-35jh-r3h4-6jhm, GHSA-29mw-wpgm-hmr9, GHSA-4r6h-8v6p-xvw6]\n';
    const { check } = await audit('npm-vulnerable.json', {}, config);
    expect(check.status).toBe('pass');
  });
});

describe('required-checks beyond the scripts', () => {
  it('fails a required audit that cannot run for want of a lockfile', async () => {
    const repo = makeRepo({ 'package.json': '{}' });
    const run = await runLikeRunner(preflightAction, { checks: 'audit', 'required-checks': 'audit' }, { env: { GITHUB_WORKSPACE: repo } });
    expect(run.result.report.checks[0]).toMatchObject({
      status: 'fail',
      summary: "No lockfile, so dependencies cannot be audited: commit package-lock.json, pnpm-lock.yaml, yarn.lock or bun.lock. 'required-checks' requires audit.",
    });
  });

  it('leaves it skipped when not required', async () => {
    const repo = makeRepo({ 'package.json': '{}' });
    const run = await runLikeRunner(preflightAction, { checks: 'audit' }, { env: { GITHUB_WORKSPACE: repo } });
    expect(run.result.report.checks[0]!.status).toBe('skip');
    expect(run.failed).toBe(false);
  });
});

afterAll(removeTempDirs);
