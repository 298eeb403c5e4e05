import { afterEach, describe, expect, it } from '@jest/globals';
import { writeTree } from '../../../test/harness/files.js';
import { startSentryEmulator, type SentryEmulator, type SentryEmulatorOptions } from '../../../test/emulators/sentry.js';
import { makeRepo, noise, release, row, writeBuild } from './helpers.js';

let sentry: SentryEmulator;
async function start(options: SentryEmulatorOptions = {}): Promise<SentryEmulator> {
  sentry = await startSentryEmulator(options);
  return sentry;
}
afterEach(async () => {
  expect(sentry.violations).toEqual([]);
  await sentry.close();
});

const CHUNK = 64 * 1024;
const uploadedChunks = () => sentry.calls('POST /api/0/organizations/:org/chunk-upload/').reduce((n, r) => n + (r.raw.toString('latin1').match(/name="file(_gzip)?"/g)?.length ?? 0), 0);

describe('the chunked upload', () => {
  it('sends only the chunks the server reports missing, in batches within the server limits', async () => {
    await start({ chunkSize: CHUNK, chunksPerRequest: 3, maxRequestSize: 3 * CHUNK, concurrency: 2 });
    const { dir } = await makeRepo(1);
    // Large early files, one small file last: changing it changes only the archive's tail.
    await writeBuild(dir, { '.next/static/a/big1.js': noise(400_000), '.next/static/a/big2.js': noise(400_000), '.next/static/z/last.js': 'console.log(1);\n' });

    const first = await release(sentry, dir, { version: 'v1', sourcemaps: '.next/static' });
    expect(first.failed).toBe(false);
    const total = uploadedChunks();
    expect(total).toBeGreaterThan(5);
    expect(sentry.calls('POST /api/0/organizations/:org/chunk-upload/').length).toBeGreaterThanOrEqual(Math.ceil(total / 3));
    expect(sentry.maxConcurrentUploads).toBeLessThanOrEqual(2);

    await writeTree(dir, { '.next/static/z/last.js': 'console.log(2);\n' });
    const before = uploadedChunks();
    const second = await release(sentry, dir, { version: 'v2', sourcemaps: '.next/static' });
    expect(second.failed).toBe(false);
    const sent = uploadedChunks() - before;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(3);
    expect(row(second, 'sourcemaps').summary).toMatch(new RegExp(`: ${sent} of ${total} chunk\\(s\\) sent .*the rest already on the server; assembled\\.`));
    expect(sentry.bundles).toHaveLength(2);
    expect(sentry.bundles[1]!.files.get('files/_/_/_next/z/last.js')!.toString()).toBe('console.log(2);\n');
  });

  it('sends nothing when the server already has the bundle', async () => {
    await start();
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    await release(sentry, dir, { version: 'v1', sourcemaps: '.next' });
    const uploads = sentry.calls('POST /api/0/organizations/:org/chunk-upload/').length;
    const again = await release(sentry, dir, { version: 'v1', sourcemaps: '.next' });
    expect(again.failed).toBe(false);
    expect(sentry.calls('POST /api/0/organizations/:org/chunk-upload/')).toHaveLength(uploads);
    expect(again.outputs['files-uploaded']).toBe('5');
  });

  it('warns about an entry that matches nothing and uploads the rest', async () => {
    await start();
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    const run = await release(sentry, dir, { sourcemaps: '.next/static, dist/**/*.map' });
    expect(run.failed).toBe(false);
    expect(row(run, 'sourcemaps').status).toBe('warn');
    expect(run.stdout).toContain("::warning::'sourcemaps' entry dist/**/*.map matched no JavaScript or source map file");
    expect(run.outputs['files-uploaded']).toBe('4');
  });
});

describe('assemble states', () => {
  it('polls through created and assembling until ok', async () => {
    await start();
    sentry.assembleStates('created', 'assembling', 'assembling', 'ok');
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    const run = await release(sentry, dir, { sourcemaps: '.next' });
    expect(run.failed).toBe(false);
    // The first request (chunks missing), then created, assembling, assembling and ok.
    expect(sentry.calls('POST /api/0/organizations/:org/artifactbundle/assemble/')).toHaveLength(5);
    expect(row(run, 'sourcemaps').status).toBe('pass');
  });

  it('fails with the server detail on error', async () => {
    await start();
    sentry.assembleStates('assembling', 'error');
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    const run = await release(sentry, dir, { sourcemaps: '.next', environment: 'production' });
    expect(run.failed).toBe(true);
    expect(run.stdout).toContain('::error::Sentry could not assemble the artifact bundle: scripted assemble error.');
    expect(row(run, 'deploy').status).toBe('skip');
  });

  it('fails when the server reports chunks lost after the upload (not_found)', async () => {
    await start();
    sentry.assembleStates('not_found');
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    const run = await release(sentry, dir, { sourcemaps: '.next' });
    expect(run.failed).toBe(true);
    expect(row(run, 'sourcemaps').summary).toContain('chunk(s) still missing after they were uploaded');
  });

  it('stops waiting at the server-given maxWait', async () => {
    await start({ maxWait: 1 });
    sentry.assembleStates(...Array<'assembling'>(10_000).fill('assembling'));
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    const run = await release(sentry, dir, { sourcemaps: '.next' });
    expect(run.failed).toBe(true);
    expect(row(run, 'sourcemaps').summary).toContain('Sentry was still assembling the artifact bundle (state assembling) after 1 s.');
  });
});
