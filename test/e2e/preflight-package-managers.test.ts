import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDist } from '../harness/dist.js';
import { fixtureRepo, installPackageManagers, type PackageManagers } from '../harness/package-managers.js';

/**
 * dist/preflight on a fixture with each package manager's own lockfile, as the runner runs it:
 * the real pnpm 9, yarn 1 and bun 1 from the npm registry install the fixture's dependency with
 * the frozen lockfile, then lint, test and build run through that manager.
 */
let managers: PackageManagers;
const repos: string[] = [];

beforeAll(() => {
  managers = installPackageManagers(['pnpm@9', 'yarn@1', 'bun@1']);
}, 300_000);

afterAll(() => {
  managers?.remove();
  for (const repo of repos) rmSync(repo, { recursive: true, force: true });
});

const CASES: [string, string, string][] = [
  ['pnpm', 'pnpm-lock.yaml', 'pnpm install --frozen-lockfile'],
  ['yarn', 'yarn.lock', 'yarn install --frozen-lockfile'],
  ['bun', 'bun.lock', 'bun install --frozen-lockfile'],
];

describe.each(CASES)('dist/preflight with %s', (manager, lockfile, install) => {
  it(`installs from ${lockfile} and runs lint, test and build through ${manager}`, async () => {
    const repo = fixtureRepo('pm-app', { [`lockfiles/${lockfile}`]: lockfile });
    repos.push(repo);
    const run = await runDist('preflight', { checks: 'lint,type-check,build,test,scan' }, { cwd: repo, env: { PATH: `${managers.bin}:${process.env['PATH']}` } });
    const report = JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8')) as { checks: { id: string; title: string; status: string; summary?: string }[] };
    const rows = report.checks.map((c) => `${c.id} ${c.status} ${c.title}`);
    expect(rows).toEqual([
      `install pass Install dependencies (${install})`,
      `lint pass Lint (${manager} run lint)`,
      'type-check skip Type-check',
      `test pass Test (${manager} run test)`,
      `build pass Build (${manager} run build)`,
      expect.stringMatching(/^scan pass /),
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['status']).toBe('success');
    expect(existsSync(join(repo, 'node_modules', 'picocolors', 'package.json'))).toBe(true);
    expect(readFileSync(join(repo, 'out', 'index.html'), 'utf8')).toContain('Hello, world');
    expect(run.stdout).toContain(`build ok (package manager: ${manager})`);
    expect(run.summary).toContain('lint, test ran in parallel');
  }, 180_000);
});
