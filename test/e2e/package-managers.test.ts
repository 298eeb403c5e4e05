import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/dist.js';
import { writeTree } from '../harness/files.js';
import { runComposite, type StepRecord } from '../harness/workflow.js';

/**
 * npm, pnpm, yarn and bun in the reusable workflows: their setup step
 * (.github/actions/setup-node, run the way the runner runs it) on a fixture with each lockfile
 * picks the package manager's own setup and keys the dependency cache on that lockfile.
 */
async function setUp(files: Record<string, string>, inputs: Record<string, string> = {}): Promise<{ result: string; steps: Record<string, StepRecord>; stdout: string }> {
  const workspace = await mkdtemp(join(tmpdir(), 'deploy-kit-pm-'));
  await writeTree(workspace, files);
  const run = await runComposite(join(ROOT, '.github', 'actions', 'setup-node', 'action.yml'), {
    workspace, root: ROOT, eventName: 'push', event: {}, github: { repository: 'acme/shop', sha: 'f'.repeat(40), ref: 'refs/heads/main' }, inputs,
  });
  const ran = Object.fromEntries(run.steps.filter((s) => s.outcome !== 'skipped').map((s) => [s.name, s]));
  return { result: run.result, steps: ran, stdout: run.steps.map((s) => s.stdout).join('') };
}

const pkg = (packageManager?: string) => JSON.stringify({ name: 'shop', ...(packageManager ? { packageManager } : {}) });

describe('the package manager of the project, set up and cached on its lockfile', () => {
  it('pnpm: pnpm/action-setup at the packageManager version, then setup-node caching on pnpm-lock.yaml', async () => {
    const { steps } = await setUp({ 'package.json': pkg('pnpm@9.12.0+sha512.abc'), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    expect(Object.keys(steps)).toEqual(['Which package manager?', 'Set up pnpm', 'Set up Node.js']);
    expect(steps['Set up pnpm']!.with).toEqual({ version: '9.12.0' });
    expect(steps['Set up Node.js']!.with).toMatchObject({ cache: 'pnpm', 'cache-dependency-path': 'pnpm-lock.yaml', 'node-version': '22' });
  });

  it('yarn 4: corepack, then setup-node caching on yarn.lock', async () => {
    const { steps } = await setUp({ 'package.json': pkg('yarn@4.5.0'), 'yarn.lock': '__metadata:\n  version: 8\n' });
    expect(Object.keys(steps)).toEqual(['Which package manager?', 'Set up Yarn (corepack)', 'Set up Node.js']);
    expect(steps['Set up Node.js']!.with).toMatchObject({ cache: 'yarn', 'cache-dependency-path': 'yarn.lock' });
  });

  it('bun: setup-bun, and the bun store cached under a key made from bun.lock', async () => {
    const lock = '{ "lockfileVersion": 1 }\n';
    const { steps } = await setUp({ 'package.json': pkg(), 'bun.lock': lock });
    expect(Object.keys(steps)).toEqual(['Which package manager?', 'Set up Bun', 'Set up Node.js', "Cache Bun's store"]);
    expect(steps['Set up Node.js']!.with['cache']).toBe('');
    const digest = createHash('sha256').update(createHash('sha256').update(lock).digest()).digest('hex');
    expect(steps["Cache Bun's store"]!.with).toMatchObject({ path: '~/.bun/install/cache', key: `bun-Linux-${digest}` });
  });

  it('npm: setup-node caching on package-lock.json; a monorepo app finds the lockfile at the root', async () => {
    const { steps } = await setUp({ 'package.json': pkg(), 'package-lock.json': '{}', 'apps/web/package.json': pkg() }, { 'working-directory': 'apps/web' });
    expect(Object.keys(steps)).toEqual(['Which package manager?', 'Set up Node.js']);
    expect(steps['Set up Node.js']!.with).toMatchObject({ cache: 'npm', 'cache-dependency-path': 'package-lock.json' });
  });

  it('no lockfile: npm without a cache (setup-node would fail looking for one)', async () => {
    const { steps } = await setUp({ 'package.json': pkg() });
    expect(steps['Set up Node.js']!.with).toMatchObject({ cache: '', 'cache-dependency-path': '' });
  });

  it('refuses an unknown package-manager input, naming it', async () => {
    const { result, stdout } = await setUp({ 'package.json': pkg() }, { 'package-manager': 'pip' });
    expect(result).toBe('failure');
    expect(stdout).toContain("::error::package-manager must be auto, npm, pnpm, yarn or bun, not 'pip'.");
  });
});
