import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAuditOutput, type AuditOutput } from '../src/audit/parse.js';
import type { AuditOutcome, Vulnerability } from '../src/audit/model.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Recorded and documented outputs of each tool: see fixtures/audit/README.md. */
const fixture = (name: string) => readFileSync(join(HERE, 'fixtures', 'audit', name), 'utf8');

function parse(tool: string, stdout: string, stderr = '', exitCode = 1): AuditOutcome {
  const output: AuditOutput = { tool, stdout, stderr, exitCode };
  return parseAuditOutput(output);
}

function report(outcome: AuditOutcome): Vulnerability[] {
  if (outcome.kind !== 'report') throw new Error(`expected a report, got ${outcome.kind}: ${outcome.reason}`);
  return outcome.vulnerabilities;
}

const byName = (list: Vulnerability[], name: string) => list.find((v) => v.package === name);

describe('npm audit --json (npm 7+)', () => {
  it('reads the recorded 405 of a registry without an advisory service as "unavailable", not as a report', () => {
    const outcome = parse('npm', fixture('npm-unavailable-405.json'), fixture('npm-unavailable-405.stderr.txt'));
    expect(outcome).toEqual({ kind: 'unavailable', reason: expect.stringContaining('405 Method Not Allowed') });
  });

  it('reads recorded network failures (refused, DNS) as "unavailable"', () => {
    expect(parse('npm', fixture('npm-unavailable-econnrefused.json'))).toEqual({ kind: 'unavailable', reason: expect.stringContaining('ECONNREFUSED') });
    expect(parse('npm', fixture('npm-unavailable-enotfound.json'))).toEqual({ kind: 'unavailable', reason: expect.stringContaining('ENOTFOUND') });
  });

  it('tells a missing lockfile (ENOLOCK) apart from an unreachable service', () => {
    const outcome = parse('npm', fixture('npm-enolock.json'));
    expect(outcome.kind).toBe('error');
    expect(outcome).toEqual({ kind: 'error', reason: expect.stringContaining('needs a lockfile') });
  });

  it('reads the recorded clean report as no vulnerabilities', () => {
    expect(report(parse('npm', fixture('npm-clean.json'), '', 0))).toEqual([]);
  });

  it('names package, severity, advisory and fix, though npm exits 1 here too', () => {
    const list = report(parse('npm', fixture('npm-vulnerable.json'), '', 1));
    // mkdirp and express only name vulnerable dependencies in `via`: they are reported through them.
    expect(list.map((v) => v.package).sort()).toEqual(['cookie', 'lodash', 'minimist', 'next', 'xlsx']);
    const lodash = byName(list, 'lodash')!;
    expect(lodash.severity).toBe('high');
    expect(lodash.advisories.map((a) => a.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-29mw-wpgm-hmr9']);
    expect(lodash.advisories[0]).toMatchObject({ title: 'Command Injection in lodash', url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm', range: '<4.17.21' });
    expect(lodash.fix).toEqual({ kind: 'available', how: '`npm audit fix`' });
    expect(lodash.through).toEqual([]);
    expect(byName(list, 'minimist')).toMatchObject({ severity: 'critical', through: ['mkdirp'] });
    expect(byName(list, 'cookie')).toMatchObject({ severity: 'low', through: ['express'] });
    expect(byName(list, 'next')!.fix).toEqual({ kind: 'available', how: 'next@14.2.33 (`npm audit fix`)' });
    expect(byName(list, 'xlsx')!.fix).toEqual({ kind: 'none' });
  });
});

describe('pnpm audit --json', () => {
  it('reads the recorded 405 and connection refused as "unavailable"', () => {
    expect(parse('pnpm', fixture('pnpm-unavailable-405.json'))).toEqual({ kind: 'unavailable', reason: expect.stringContaining('responded with 405') });
    expect(parse('pnpm', fixture('pnpm-unavailable-econnrefused.json'))).toEqual({ kind: 'unavailable', reason: expect.stringContaining('ECONNREFUSED') });
  });

  it('reads a TLS-intercepting proxy the runner does not trust (as met on this machine) as "unavailable"', () => {
    const stderr = 'FetchError: request to https://registry.npmjs.org/-/npm/v1/security/audits failed, reason: self-signed certificate in certificate chain\n    at ClientRequest.<anonymous> (pnpm.cjs:67084:18)';
    expect(parse('pnpm', '', stderr)).toEqual({ kind: 'unavailable', reason: expect.stringContaining('self-signed certificate in certificate chain') });
  });

  it('reads the advisories report: one entry per package, fix from patched_versions', () => {
    const list = report(parse('pnpm', fixture('pnpm-vulnerable.json')));
    expect(list.map((v) => v.package).sort()).toEqual(['cookie', 'lodash', 'minimist', 'xlsx']);
    expect(byName(list, 'lodash')).toMatchObject({
      severity: 'high',
      advisories: [{ id: 'GHSA-35jh-r3h4-6jhm', title: 'Command Injection in lodash', range: '<4.17.21' }],
      fix: { kind: 'available', how: '>=4.17.21 (`pnpm update`)' },
      through: [],
    });
    expect(byName(list, 'minimist')).toMatchObject({ severity: 'critical', through: ['mkdirp'] });
    expect(byName(list, 'cookie')).toMatchObject({ through: ['express'] });
    expect(byName(list, 'xlsx')!.fix).toEqual({ kind: 'none' });
  });
});

describe('yarn audit --json (yarn 1)', () => {
  it('reads the recorded 405 error line on stderr as "unavailable"', () => {
    const outcome = parse('yarn', fixture('yarn-classic-unavailable-405.stdout.ndjson'), fixture('yarn-classic-unavailable-405.stderr.ndjson'));
    expect(outcome).toEqual({ kind: 'unavailable', reason: expect.stringContaining('returned a 405') });
  });

  it('merges the one-line-per-path advisories into one entry per package', () => {
    const list = report(parse('yarn', fixture('yarn-classic-vulnerable.ndjson')));
    expect(list.map((v) => v.package).sort()).toEqual(['lodash', 'minimist', 'xlsx']);
    const minimist = byName(list, 'minimist')!;
    expect(minimist.advisories).toHaveLength(1);
    expect(minimist.through).toEqual(['mkdirp', 'webpack']);
    expect(minimist.fix).toEqual({ kind: 'available', how: '>=0.2.4 (`yarn upgrade`)' });
  });
});

describe('yarn npm audit --json (yarn 2+)', () => {
  it('reads the recorded crash on a 405 as "unavailable"', () => {
    expect(parse('yarn', '', fixture('yarn-berry-unavailable-405.stderr.txt'))).toEqual({
      kind: 'unavailable',
      reason: expect.stringContaining('remote server failed to provide the requested resource'),
    });
  });

  it('reads the NDJSON tree: advisories grouped by package, dependents as the path in', () => {
    const list = report(parse('yarn', fixture('yarn-berry-vulnerable.ndjson')));
    expect(byName(list, 'lodash')).toMatchObject({ severity: 'high', through: [], fix: { kind: 'unknown' } });
    expect(byName(list, 'lodash')!.advisories.map((a) => a.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-29mw-wpgm-hmr9']);
    expect(byName(list, 'minimist')).toMatchObject({ severity: 'critical', through: ['mkdirp'] });
    expect(byName(list, '@babel/traverse')).toMatchObject({ through: ['@babel/core'] });
  });

  it('reads "No audit suggestions" with exit 0 as a clean report', () => {
    const info = '{"type":"info","name":null,"displayName":"YN0001","indent":"","data":"No audit suggestions"}\n';
    expect(report(parse('yarn', info, '', 0))).toEqual([]);
  });
});

describe('bun audit --json', () => {
  it('reads the bulk advisory response', () => {
    const list = report(parse('bun', fixture('bun-vulnerable.json')));
    expect(list.map((v) => [v.package, v.severity])).toEqual([['lodash', 'high'], ['cookie', 'low']]);
    expect(list[0]!.fix).toEqual({ kind: 'unknown' });
  });
});

describe('an output nobody can read', () => {
  it('is an error quoting the tool, not a pass', () => {
    const outcome = parse('npm', 'Segmentation fault\n', 'npm error something odd\n', 139);
    expect(outcome).toEqual({ kind: 'error', reason: "`npm audit` exited with code 139 without a report deploy-kit can read: npm error something odd." });
  });
});
