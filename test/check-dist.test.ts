import { describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, mkdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, spawnNode } from './harness/dist.js';

/** check-dist must catch each way a committed dist/ can differ from what users should run. */
describe('npm run check-dist', () => {
  it('fails on a changed file, a stale extra file, a missing file and an entry that cannot load its modules', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'deploy-kit-broken-dist-'));
    try {
      await cp(join(ROOT, 'dist'), dist, { recursive: true });
      await appendFile(join(dist, 'shared', 'index.js'), '\n// edited by hand\n');
      await rm(join(dist, 'cli.js'));
      await mkdir(join(dist, 'retired'));
      await writeFile(join(dist, 'retired', 'index.js'), "import 'left-out-by-the-bundler';\n");
      const { exitCode, stdout, stderr } = await spawnNode([join(ROOT, 'scripts', 'check-dist.mjs'), '--dist', dist], process.env, ROOT);
      const output = `${stdout}\n${stderr}`;
      expect(exitCode).toBe(1);
      expect(output).toContain('dist/shared/index.js differs from a fresh build: run `npm run build` and commit dist/.');
      expect(output).toContain('dist/cli.js is missing: run `npm run build` and commit dist/.');
      expect(output).toContain('dist/retired/index.js is no longer built: delete it (npm run build does).');
      expect(output).toMatch(/dist\/retired\/index\.js cannot load a module:\n(.*\n)*.*Cannot find package .left-out-by-the-bundler./);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  }, 120_000);
});
