import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEnvFiles } from '../src/env-files.js';
import { forEachTextFile } from '../src/scan/read-files.js';
import { makeRepo, removeTempDirs } from './helpers/repo.js';

/**
 * Tracked symbolic links are never followed out of the repository, and devices are never read:
 * a `.env` committed as a link to /dev/zero once took 695 MB.
 */
afterAll(() => removeTempDirs());

/** A file outside the repository holding a value that must never be counted or read. */
function outsideFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'outside-'));
  const path = join(dir, 'secrets.env');
  writeFileSync(path, 'OUTSIDE_TOKEN=abc\nOTHER=def\n');
  return path;
}

function trackLinks(repo: string, links: Record<string, string>): void {
  for (const [name, target] of Object.entries(links)) symlinkSync(target, join(repo, name));
  execFileSync('git', ['add', '-A'], { cwd: repo, stdio: 'ignore' });
}

describe('env-file check and tracked links', () => {
  it('does not read a tracked .env linking out of the repository or to a device', async () => {
    const repo = makeRepo({ '.gitignore': '.env*.local\n', 'app/.env.production': 'INSIDE=1\n' });
    trackLinks(repo, { '.env': outsideFile(), '.env.local': '/dev/zero' });
    const { findings } = await checkEnvFiles(repo, []);
    expect(findings.filter((f) => f.rule === 'env-file/committed').map((f) => f.file)).toEqual(['app/.env.production']);
  });

  it('still reads a tracked link to a file inside the repository', async () => {
    const repo = makeRepo({ '.gitignore': '.env*.local\n', 'config/production.env': 'API_URL=https://api.example\n' });
    trackLinks(repo, { '.env.production': 'config/production.env' });
    const { findings } = await checkEnvFiles(repo, []);
    expect(findings.map((f) => [f.file, f.message.match(/with (\d+) value/)?.[1]])).toEqual([['.env.production', '1']]);
  });
});

describe('scanner and tracked links', () => {
  it('reads neither a link out of the repository nor a FIFO nor a device', () => {
    const repo = makeRepo({ 'src/app.ts': 'export const a = 1;\n' });
    trackLinks(repo, { 'outside.ts': outsideFile(), 'zero.ts': '/dev/zero' });
    execFileSync('mkfifo', [join(repo, 'pipe.ts')]);
    const seen: string[] = [];
    const summary = forEachTextFile(repo, ['src/app.ts', 'outside.ts', 'zero.ts', 'pipe.ts'], 1024 * 1024, (path) => seen.push(path));
    expect(seen).toEqual(['src/app.ts']);
    expect(summary.files).toBe(1);
  });
});
