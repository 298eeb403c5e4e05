import { afterAll, describe, expect, it } from '@jest/globals';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { preflightAction } from '../src/action.js';
import { makeRepo, removeTempDirs } from './helpers/repo.js';

/**
 * Every input with a wrong value, and the message the user gets. The run stops before any
 * command: a bad input is a configuration error, reported as is.
 */
const repo = makeRepo({ 'package.json': '{ "name": "shop", "scripts": {} }\n', 'apps/web/package.json': '{}\n' });

async function failure(inputs: Record<string, string>, files?: Record<string, string>): Promise<string> {
  const workspace = files ? makeRepo(files) : repo;
  const run = await runLikeRunner(preflightAction, { checks: 'lint', ...inputs }, { env: { GITHUB_WORKSPACE: workspace } });
  expect(run.failed).toBe(true);
  // No command ran: the error is the report's only row.
  expect(run.result.report.checks.map((c) => [c.id, c.status])).toEqual([['outcome', 'fail']]);
  return run.result.message ?? '';
}

describe('a wrong value in each input', () => {
  it.each([
    ['working-directory', 'apps/nope', /^Input 'working-directory' "apps\/nope" is not a directory of the repository \(.*apps\/nope\): expected a directory of the repository, e\.g\. apps\/web\.$/],
    ['working-directory', '../elsewhere', /^Input 'working-directory' "\.\.\/elsewhere" points outside the workspace: expected a directory of the repository, e\.g\. apps\/web, inside the repository \(.*\)\.$/],
    ['checks', 'lint,tests', "Input 'checks' \"lint,tests\" (item 1) is not a check: expected a comma- or newline-separated list of check ids (lint, type-check, build, test, scan, audit, env-files) or all."],
    ['required-checks', 'all', "Input 'required-checks' \"all\" (item 0) is not a check: expected a comma- or newline-separated list of check ids (lint, type-check, build, test, scan, audit, env-files)."],
    ['install', 'yes', "Input 'install' \"yes\" is not one of the choices: expected one of: auto, true, false."],
    ['console-allow', 'error,warning', "Input 'console-allow' \"error,warning\" (item 1) is not a console method: expected a comma- or newline-separated list of console methods (error, warn, info, debug, log, …)."],
    ['todo-policy', 'strict', "Input 'todo-policy' \"strict\" is not one of the choices: expected one of: off, warn, fail, require-issue."],
    ['audit-level', 'severe', "Input 'audit-level' \"severe\" is not one of the choices: expected one of: low, moderate, high, critical, none."],
    ['audit-unavailable', 'ignore', "Input 'audit-unavailable' \"ignore\" is not one of the choices: expected one of: warn, fail."],
    ['check-name', 'preflight\nsecond line', "Input 'check-name' \"preflight\\nsecond line\" spans several lines: expected a one-line check run name of at most 100 characters."],
    ['fail-on', 'warnings', "Input 'fail-on' \"warnings\" is not one of the choices: expected one of: error, warning."],
    ['config', 'ci/deploy-kit.yml', "Input 'config' \"ci/deploy-kit.yml\" cannot be read: there is no such file in the repository. Give the path of the deploy-kit file from the repository root, e.g. .github/deploy-kit.yml."],
  ])('%s = %j', async (input, value, expected) => {
    const message = await failure({ [input]: value });
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('github-token with whitespace, without showing the token', async () => {
    const token = ['ghp', 'R4nd0mT0kenValue1234567890abcdEFGH'].join('_');
    const run = await runLikeRunner(preflightAction, { checks: 'lint', 'github-token': `${token} extra` }, { env: { GITHUB_WORKSPACE: repo } });
    expect(run.result.message).toBe("Input 'github-token' (value hidden) contains whitespace: expected a GitHub token, e.g. ${{ github.token }}.");
    expect(run.everything).not.toContain(token);
  });

  it('names every bad input at once', async () => {
    const message = await failure({ 'audit-level': 'severe', 'fail-on': 'never' });
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^Input 'audit-level' "severe"/),
      expect.stringMatching(/^Input 'fail-on' "never"/),
    ]);
  });

  it('required-checks naming a check that checks leaves out', async () => {
    expect(await failure({ checks: 'lint', 'required-checks': 'audit,test' })).toBe(
      "Input 'required-checks' lists audit, test, which 'checks' does not run: add them to 'checks' or remove them from 'required-checks'.",
    );
  });
});

describe('a wrong value in the config file', () => {
  it('names the file, line and key path', async () => {
    const message = await failure({}, {
      'package.json': '{}',
      '.github/deploy-kit.yml': ['preflight:', '  audit-level: severe', '  scripts:', '    lint: 3', '  surprise: true', ''].join('\n'),
    });
    const lines = message.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^\.github\/deploy-kit\.yml:2: preflight\.audit-level: Invalid option/));
    expect(lines).toContainEqual(expect.stringMatching(/^\.github\/deploy-kit\.yml:4: preflight\.scripts\.lint: expected a script name, or a list of names tried in order$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\.github\/deploy-kit\.yml:\d: preflight: Unrecognized key: "surprise"/));
  });

  it('reports the config file\'s required-checks as its own', async () => {
    const message = await failure({ checks: 'lint' }, { 'package.json': '{}', '.github/deploy-kit.yml': 'preflight:\n  required-checks: [test]\n' });
    expect(message).toBe("preflight.required-checks in the config file lists test, which 'checks' does not run: add it to 'checks' or remove it from 'required-checks'.");
  });

  it('a secret allowlist the scanner cannot use, before any command runs', async () => {
    const badRegex = await failure({ checks: 'lint,scan' }, { 'package.json': '{"scripts":{"lint":"exit 1"}}', '.github/deploy-kit.yml': "preflight:\n  secret-allowlist:\n    - { value: '/sk_(/' }\n" });
    expect(badRegex).toMatch(/^preflight\.secret-allowlist entry 1 in the config file: its value is not a valid regular expression \(.+\): fix the \/pattern\/, or write the exact value without slashes\.$/);
    const empty = await failure({ checks: 'scan' }, { 'package.json': '{}', '.github/deploy-kit.yml': 'preflight:\n  secret-allowlist:\n    - {}\n' });
    expect(empty).toBe('.github/deploy-kit.yml:3: preflight.secret-allowlist.0: give at least one of rule, path or value');
  });

  it('a package.json that is not JSON', async () => {
    const message = await failure({}, { 'package.json': '{ "scripts": ' });
    expect(message).toMatch(/package\.json is not valid JSON \(.*\): fix it so its scripts can be read\.$/);
  });
});

afterAll(removeTempDirs);
