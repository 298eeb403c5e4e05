import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from '../src/bundle/crc32.js';
import { readZip } from '../../../test/emulators/zip-reader.js';
import { debugIdOfMap, debugIdOfScript, sourceMappingUrl } from '../src/bundle/debug-id.js';
import { bundlePath } from '../src/bundle/manifest.js';
import { BUNDLE_PREFIX, writeZip } from '../src/bundle/zip.js';
import { chunkBundle, requestBatches } from '../src/upload/chunks.js';

describe('the zip writer', () => {
  it('writes an archive Info-ZIP reads and verifies, with the SYSB prefix before it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zip-'));
    const path = join(dir, 'bundle.zip');
    const big = Buffer.from('console.log("a");\n'.repeat(5000));
    const archive = await writeZip([{ name: 'files/_/_/a.js', data: big }, { name: 'files/_/_/b.js', data: Buffer.from([1, 2, 3]) }, { name: 'manifest.json', data: Buffer.from('{}') }], BUNDLE_PREFIX);
    await writeFile(path, archive);
    expect(archive.subarray(0, 8)).toEqual(Buffer.from('SYSB\x02\x00\x00\x00', 'latin1'));
    const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(test.stdout).toContain('No errors detected in compressed data');
    expect(test.status).toBe(0);
    expect(execFileSync('unzip', ['-p', path, 'files/_/_/a.js']).equals(big)).toBe(true);
    expect(execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean)).toEqual(['files/_/_/a.js', 'files/_/_/b.js', 'manifest.json']);
  });

  it('is reproducible: the same files give the same bytes, so the same chunks', async () => {
    const entries = [{ name: 'a', data: Buffer.from('same') }];
    expect((await writeZip(entries)).equals(await writeZip(entries))).toBe(true);
  });

  it('computes CRC-32 as ZIP does', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it("is read back by the emulator's reader, which refuses an entry whose CRC-32 is wrong", async () => {
    const archive = await writeZip([{ name: 'a.js', data: Buffer.from('var a = 1;\n'.repeat(100)) }], BUNDLE_PREFIX);
    expect(readZip(archive).get('a.js')?.toString()).toBe('var a = 1;\n'.repeat(100));
    const central = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const corrupt = Buffer.from(archive);
    corrupt.writeUInt32LE((corrupt.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    expect(() => readZip(corrupt)).toThrow('bad CRC-32 for a.js');
  });
});

describe('debug ids', () => {
  it('reads the last //# debugId= comment of a script, normalised', () => {
    expect(debugIdOfScript('x\n//# debugId=00000000-0000-0000-0000-000000000001\n//# debugId=C941B1B24E1F4C1A9D3B1F2E3D4C5B6A\n')).toBe('c941b1b2-4e1f-4c1a-9d3b-1f2e3d4c5b6a');
    expect(debugIdOfScript('var s = "//# debugId=nope";\n')).toBeUndefined();
  });

  it("reads a map's debug_id or debugId, not one quoted inside sourcesContent", () => {
    expect(debugIdOfMap('{"version":3,"debug_id":"c941b1b2-4e1f-4c1a-9d3b-1f2e3d4c5b6a"}')).toBe('c941b1b2-4e1f-4c1a-9d3b-1f2e3d4c5b6a');
    expect(debugIdOfMap('{"version":3,"debugId":"c941b1b2-4e1f-4c1a-9d3b-1f2e3d4c5b6a"}')).toBe('c941b1b2-4e1f-4c1a-9d3b-1f2e3d4c5b6a');
    expect(debugIdOfMap('{"sourcesContent":["x = {\\"debug_id\\":\\"c941b1b2-4e1f-4c1a-9d3b-1f2e3d4c5b6a\\"}"]}')).toBeUndefined();
  });

  it('reads the source map reference, not an inline data: map', () => {
    expect(sourceMappingUrl('a\n//# sourceMappingURL=a.js.map\n')).toBe('a.js.map');
    expect(sourceMappingUrl('a\n//# sourceMappingURL=data:application/json;base64,e30=\n')).toBeUndefined();
  });
});

describe('bundle paths (sentry-cli url_to_bundle_path)', () => {
  it.each([
    ['~/_next/static/a.js', 'files/_/_/_next/static/a.js'],
    ['https://cdn.example.com/assets/a.js', 'files/https/cdn.example.com/assets/a.js'],
    ['app:///_next/server/page.js', 'files/app/_/_next/server/page.js'],
  ])('%s → %s', (url, path) => expect(bundlePath(url)).toBe(path));
});

describe('chunks', () => {
  it('cuts the archive at chunkSize and names each piece by its SHA-1', () => {
    const { checksum, chunks } = chunkBundle(Buffer.from('abcdefghij'), 4);
    expect(chunks.map((c) => c.data.toString())).toEqual(['abcd', 'efgh', 'ij']);
    expect(chunks[0]!.checksum).toBe('81fe8bfe87576c3ecb22426f8e57847382917acf');
    expect(checksum).toBe('d68c19a0a345b7eab78d5e11e991c026ec60db63');
  });

  it('groups chunks by count and bytes per request', () => {
    const chunk = (n: number) => ({ checksum: String(n), data: Buffer.alloc(n) });
    const sizes = (batches: { data: Buffer }[][]) => batches.map((b) => b.map((c) => c.data.length));
    expect(sizes(requestBatches([chunk(1), chunk(1), chunk(1)], { chunksPerRequest: 2, maxRequestSize: 100 }))).toEqual([[1, 1], [1]]);
    expect(sizes(requestBatches([chunk(60), chunk(60), chunk(30)], { chunksPerRequest: 10, maxRequestSize: 100 }))).toEqual([[60], [60, 30]]);
  });
});

describe('collecting source files', () => {
  it('refuses an entry that leads out of the working directory through a linked directory, glob or not', async () => {
    const { collectSourceFiles } = await import('../src/bundle/collect.js');
    const { mkdir, symlink } = await import('node:fs/promises');
    const outside = await mkdtemp(join(tmpdir(), 'outside-'));
    await writeFile(join(outside, 'secret.js'), 'var secret = 1;\n');
    const root = await mkdtemp(join(tmpdir(), 'wd-'));
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'dist', 'app.js'), 'var app = 1;\n');
    await symlink(outside, join(root, 'linked'));
    for (const entry of ['linked', 'linked/secret.js', 'linked/*.js', 'linked/**']) {
      await expect(collectSourceFiles(root, [entry], '~')).rejects.toThrow(/leads outside the working directory/);
    }
    const { files, unmatched } = await collectSourceFiles(root, ['dist', 'missing/*.js'], '~');
    expect(files.map((f) => f.url)).toEqual(['~/app.js']);
    expect(unmatched).toEqual(['missing/*.js']);
  });
});
