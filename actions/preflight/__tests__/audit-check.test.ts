import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditDependencies } from '../src/audit/check.js';
import { auditCommand } from '../src/audit/command.js';
import type { CommandRunner } from '../../../packages/shared/src/exec.js';
import type { Project } from '../src/project.js';
import type { Settings } from '../src/settings.js';
import { makeRepo, removeTempDirs } from './helpers/repo.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

const fixture = (name: string) => readFileSync(join(HERE, 'fixtures', 'audit', name), 'utf8');

const PACKAGE_JSON = `{
  "name": "shop",
  "scripts": { "build": "next build" },
  "dependencies": {
    "express": "4.19.2",
    "lodash": "4.17.20",
    "mkdirp": "0.5.1",
    "next": "14.1.0",
    "xlsx": "0.18.5"
  }
}
`;

function project(overrides: Partial<Project> = {}): Project {
  const dir = makeRepo({ 'package.json': PACKAGE_JSON, 'package-lock.json': '{}' });
  return { workdir: dir, root: dir, manager: 'npm', yarnBerry: false, lockfile: 'package-lock.json', scripts: {}, ...overrides };
}

function settings(overrides: Partial<Settings> = {}): Settings {
  return { auditLevel: 'high', auditUnavailable: 'warn', auditIgnore: [], auditDevDependencies: false, ...overrides } as Settings;
}

/** Answers like the tool would, and remembers what it was asked. */
function runner(stdout: string, exitCode = 1, stderr = ''): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  const run: CommandRunner = async (command, args) => {
    calls.push([command, ...args]);
    return { exitCode, stdout, stderr };
  };
  return Object.assign(run, { calls });
}

describe('the audit command', () => {
  it('leaves devDependencies out by default, in each tool\'s spelling', () => {
    const p = project();
    expect(auditCommand(p, false)).toEqual(['npm', 'audit', '--json', '--omit=dev']);
    expect(auditCommand({ ...p, manager: 'pnpm' }, false)).toEqual(['pnpm', 'audit', '--json', '--prod']);
    expect(auditCommand({ ...p, manager: 'yarn' }, false)).toEqual(['yarn', 'audit', '--json', '--groups', 'dependencies']);
    expect(auditCommand({ ...p, manager: 'yarn', yarnBerry: true }, false)).toEqual(['yarn', 'npm', 'audit', '--json', '--recursive', '--environment', 'production']);
    expect(auditCommand({ ...p, manager: 'bun' }, false)).toEqual(['bun', 'audit', '--json', '--prod']);
    expect(auditCommand(p, true)).toEqual(['npm', 'audit', '--json']);
  });
});

describe('auditDependencies', () => {
  it('fails on packages at or above audit-level, on the line of the direct dependency, and lists the rest as notices', async () => {
    const p = project();
    const run = runner(fixture('npm-vulnerable.json'));
    const { check, findings } = await auditDependencies(p, settings(), run);
    expect(run.calls).toEqual([['npm', 'audit', '--json', '--omit=dev']]);
    expect(check.status).toBe('fail');
    expect(check.summary).toBe('4 vulnerable package(s) at or above high: minimist (critical), next (critical), lodash (high), xlsx (high).');
    const minimist = findings.find((f) => f.message.startsWith('minimist'))!;
    expect(minimist).toMatchObject({ severity: 'error', rule: 'audit/critical', file: 'package.json', line: 7 });
    expect(minimist.message).toBe(
      'minimist through mkdirp has a critical vulnerability: Prototype Pollution in minimist (GHSA-xvch-5gv4-984h, https://github.com/advisories/GHSA-xvch-5gv4-984h). Fix: `npm audit fix`.',
    );
    expect(findings.find((f) => f.message.startsWith('lodash'))!.message).toContain('and 1 more');
    expect(findings.find((f) => f.message.startsWith('xlsx'))!.message).toContain('No fixed release yet');
    expect(findings.find((f) => f.message.startsWith('cookie'))).toMatchObject({ severity: 'notice', line: 5 });
    expect(check.detail).toContain('critical next  GHSA-f82v-jwr5-mffw  fix: next@14.2.33');
  });

  it('moves the threshold with audit-level', async () => {
    const critical = await auditDependencies(project(), settings({ auditLevel: 'critical' }), runner(fixture('npm-vulnerable.json')));
    expect(critical.findings.filter((f) => f.severity === 'error')).toHaveLength(2);
    const low = await auditDependencies(project(), settings({ auditLevel: 'low' }), runner(fixture('npm-vulnerable.json')));
    expect(low.findings.filter((f) => f.severity === 'error')).toHaveLength(5);
    const none = await auditDependencies(project(), settings({ auditLevel: 'none' }), runner(fixture('npm-vulnerable.json')));
    expect(none.check.status).toBe('pass');
    expect(none.findings.every((f) => f.severity === 'notice')).toBe(true);
    expect(none.check.summary).toContain('audit-level: none');
  });

  it('drops advisories listed in audit-ignore', async () => {
    const { check, findings } = await auditDependencies(project(), settings({ auditIgnore: ['GHSA-4r6h-8v6p-xvw6', 'ghsa-xvch-5gv4-984h'] }), runner(fixture('npm-vulnerable.json')));
    expect(findings.map((f) => f.message.split(' ')[0])).toEqual(['next', 'lodash', 'cookie']);
    expect(check.detail).toContain('ignored (preflight.audit-ignore): minimist');
  });

  it('warns, by default, when the audit service cannot be reached (the recorded 405)', async () => {
    const run = runner(fixture('npm-unavailable-405.json'), 1, fixture('npm-unavailable-405.stderr.txt'));
    const { check, findings } = await auditDependencies(project(), settings(), run);
    expect(findings).toEqual([]);
    expect(check.status).toBe('warn');
    expect(check.summary).toBe(
      'The audit service could not be reached (405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk), so dependencies were not audited. Set audit-unavailable: fail to block on this.',
    );
  });

  it('fails when the service cannot be reached and audit-unavailable is fail', async () => {
    const { check } = await auditDependencies(project(), settings({ auditUnavailable: 'fail' }), runner(fixture('pnpm-unavailable-405.json')));
    expect(check.status).toBe('fail');
    expect(check.summary).toContain('Re-run when the registry answers, or set audit-unavailable: warn.');
  });

  it('fails, saying so, when the package manager is not installed', async () => {
    const { check } = await auditDependencies(project({ manager: 'pnpm' }), settings(), runner('', 127, 'pnpm: command not found'));
    expect(check).toEqual({ status: 'fail', summary: "pnpm is not installed on this runner: add its setup step before preflight, or leave audit out of 'checks'." });
  });

  it('skips without a lockfile and does not run the tool', async () => {
    const run = runner('');
    const { check } = await auditDependencies(project({ lockfile: undefined }), settings(), run);
    expect(check.status).toBe('skip');
    expect(run.calls).toEqual([]);
  });

  it('runs in the lockfile\'s folder (the workspace root of a monorepo)', async () => {
    const p = project();
    const calls: string[] = [];
    await auditDependencies({ ...p, root: '/repo-root' }, settings(), async (_c, _a, options) => {
      calls.push(options?.cwd ?? '');
      return { exitCode: 0, stdout: fixture('npm-clean.json'), stderr: '' };
    });
    expect(calls).toEqual(['/repo-root']);
  });
});

afterAll(removeTempDirs);
