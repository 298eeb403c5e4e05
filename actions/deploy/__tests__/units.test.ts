import { describe, expect, it } from '@jest/globals';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLogLines, scopeOf, vercelErrorDetails } from '../../../packages/shared/src/clients/vercel.js';
import { resolveAliases, slugify } from '../src/alias.js';
import { parseDuration } from '../../../packages/shared/src/duration.js';
import { collectSource } from '../src/files/collect.js';
import { hashFiles } from '../src/files/hash.js';
import { readInChunks } from '../src/files/read.js';
import { uploadCheck } from '../src/report.js';
import { stampOf, unchangedSince } from '../src/files/stamp.js';
import type { Stats } from 'node:fs';
import { writeTree } from './helpers.js';

describe('aliases', () => {
  it('slugifies a branch into one DNS label', () => {
    expect(slugify('feature/Login_Page!!')).toBe('feature-login-page');
    expect(slugify('--Ünïcode  branch--')).toBe('n-code-branch');
    expect(slugify('x'.repeat(80))).toHaveLength(63);
    expect(slugify('a'.repeat(62) + '-b')).toBe('a'.repeat(62));
  });

  it('fills placeholders, drops duplicates and keeps labels within 63 characters', () => {
    const run = { prNumber: 42, branch: `renovate/${'very-long-dependency-name-'.repeat(4)}` };
    const { domains, skipped } = resolveAliases(['pr-{{PR_NUMBER}}.example.com', 'pr-{{ pr_number }}.example.com', 'app-{{BRANCH}}.example.com'], run);
    expect(skipped).toEqual([]);
    expect(domains[0]).toBe('pr-42.example.com');
    expect(domains).toHaveLength(2);
    expect(domains[1]!.split('.')[0]!.length).toBeLessThanOrEqual(63);
    expect(domains[1]).toMatch(/^app-renovate-very-long-dependency-name-[a-z0-9-]*[a-z0-9]\.example\.com$/);
  });

  it('leaves out an alias with no value for its placeholder', () => {
    expect(resolveAliases(['{{BRANCH}}.example.com', 'pr-{{PR_NUMBER}}.example.com'], { branch: 'main' })).toEqual({
      domains: ['main.example.com'],
      skipped: ['pr-{{PR_NUMBER}}.example.com (this run has no {{PR_NUMBER}})'],
    });
  });
});

describe('durations', () => {
  it.each([
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['1500ms', 1500],
    ['20', 20_000], // a bare number is seconds, as in every duration input
    ['2.5m', 150_000],
    ['soon', undefined],
    ['-1m', undefined],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
});

describe('build log lines', () => {
  it('reads both event shapes, in time order, skipping non-log events', () => {
    const events = [
      { type: 'stderr', created: 3, text: 'Error: boom' },
      { type: 'delimiter', created: 0, text: 'ignored' },
      { type: 'stdout', created: 1, payload: { date: 1, text: 'Installing\nBuilding' } },
      null,
      { type: 'command', created: 2, text: '\u001b[1mnpm run build\u001b[22m' },
    ];
    expect(buildLogLines(events, 10)).toEqual(['Installing', 'Building', 'npm run build', 'Error: boom']);
    expect(buildLogLines(events, 2)).toEqual(['npm run build', 'Error: boom']);
  });
});

describe('scope and errors', () => {
  it('a team id is a teamId; a personal account id is not', () => {
    expect(scopeOf('team_abc')).toEqual({ orgId: 'team_abc', teamId: 'team_abc' });
    expect(scopeOf('Ur9xQk2mVb7LpT4nHs6dWc1a')).toEqual({ orgId: 'Ur9xQk2mVb7LpT4nHs6dWc1a' });
    expect(scopeOf(undefined)).toEqual({});
  });

  it('reads the documented error shape, a flat one and the invalid-token flag', () => {
    expect(vercelErrorDetails({ error: { code: 'forbidden', message: 'Not authorized' } })).toEqual({ code: 'forbidden', message: 'Not authorized' });
    expect(vercelErrorDetails({ code: 'not_found', message: 'Nope' })).toEqual({ code: 'not_found', message: 'Nope' });
    expect(vercelErrorDetails({ error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } })).toEqual({ code: 'invalid_token', message: 'Not authorized' });
    expect(vercelErrorDetails('Bad Gateway')).toBeUndefined();
  });
});

describe('files', () => {
  it('follows symlinks (not loops), hashes as a stream and groups identical contents', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deploy-units-'));
    await writeTree(dir, { 'a/one.txt': 'same\n', 'a/two.txt': 'same\n', 'big.bin': Buffer.alloc(3 * 1024 * 1024, 7) });
    await symlink(join(dir, 'a'), join(dir, 'linked'));
    await symlink(dir, join(dir, 'a', 'loop'));
    const { files } = await collectSource(dir);
    expect(files.map((f) => f.file)).toEqual(['a/one.txt', 'a/two.txt', 'big.bin', 'linked/one.txt', 'linked/two.txt']);
    const hashed = await hashFiles(files, 4);
    expect(hashed.blobs.size).toBe(2);
    expect(hashed.bytes).toBe(3 * 1024 * 1024 + 20);
    expect(hashed.files.find((f) => f.file === 'big.bin')).toEqual({ file: 'big.bin', size: 3 * 1024 * 1024, sha: 'a008977ea69a4798e4a9fde2cbd205cfd8021cfd' });
  });
});

describe('reading in chunks', () => {
  /** What readInChunks hands over for a file of `content` said (by an earlier stat) to be `expectedSize` bytes, through a 4-byte chunk. */
  async function chunksOf(content: string, expectedSize: number): Promise<{ read: string; size: number }> {
    const path = join(await mkdtemp(join(tmpdir(), 'deploy-read-')), 'f.txt');
    await writeFile(path, content);
    const parts: string[] = [];
    const size = await readInChunks(path, Buffer.alloc(4), expectedSize, (bytes) => parts.push(bytes.toString()));
    return { read: parts.join(''), size };
  }

  it('reads the whole file, whether its size is a multiple of the chunk or not', async () => {
    expect(await chunksOf('0123456789', 10)).toEqual({ read: '0123456789', size: 10 });
    expect(await chunksOf('01234567', 8)).toEqual({ read: '01234567', size: 8 });
    expect(await chunksOf('', 0)).toEqual({ read: '', size: 0 });
  });

  it('reads to the real end of a file that grew or shrank since its size was taken', async () => {
    expect(await chunksOf('0123456789', 6)).toEqual({ read: '0123456789', size: 10 });
    expect(await chunksOf('012345', 10)).toEqual({ read: '012345', size: 6 });
  });
});

describe('report', () => {
  it('writes counts with thousands separators', () => {
    const stamp = { size: 1, mtimeMs: 0, ctimeMs: 0, ino: 0, takenAtMs: 0 };
    const blobs = new Map(Array.from({ length: 5000 }, (_, i) => [String(i), { sha: String(i), size: 1, file: `f${i}`, path: `/f${i}`, stamp }]));
    const check = uploadCheck({ files: 1234, bytes: 2048, durationMs: 1 }, { files: [], blobs, bytes: 5000, durationMs: 1 });
    expect(check.summary).toBe('1,234 file(s) uploaded (2.0 KB); Vercel already had the other 3,766');
  });
});

describe('file stamps', () => {
  /** Stats of a file last changed at `changedMs` (fractions of a second kept, as ext4 does). */
  const stats = (changes: Partial<Stats> = {}): Stats => ({ size: 10, mtimeMs: 1_700_000_000_123.25, ctimeMs: 1_700_000_000_123.5, ino: 42, ...changes }) as Stats;

  it('a file stamped well after its last change, and the same when read again, is unchanged', () => {
    const stamp = stampOf(stats(), 1_700_000_001_000);
    expect(unchangedSince(stamp, stats())).toBe(true);
  });

  it('any difference in size, modification or change time, or inode is a change', () => {
    const stamp = stampOf(stats(), 1_700_000_001_000);
    for (const changed of [{ size: 11 }, { mtimeMs: 1_700_000_002_000.5 }, { ctimeMs: 1_700_000_002_000.5 }, { ino: 43 }]) {
      expect(unchangedSince(stamp, stats(changed))).toBe(false);
    }
  });

  it('a file changed within a tick of the clock before its stamp cannot be told from its stat (racily clean)', () => {
    expect(unchangedSince(stampOf(stats(), 1_700_000_000_150), stats())).toBe(false);
  });

  it('where the filesystem keeps whole seconds, the tick is two seconds', () => {
    const wholeSeconds = stats({ mtimeMs: 1_700_000_000_000, ctimeMs: 1_700_000_000_000 });
    expect(unchangedSince(stampOf(wholeSeconds, 1_700_000_001_500), wholeSeconds)).toBe(false);
    expect(unchangedSince(stampOf(wholeSeconds, 1_700_000_002_500), wholeSeconds)).toBe(true);
  });

  it('a modification time set in the future is no proof', () => {
    const future = stats({ mtimeMs: 1_800_000_000_000.5 });
    expect(unchangedSince(stampOf(future, 1_700_000_001_000), future)).toBe(false);
  });
});
