import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { startSentryEmulator, type SentryEmulator } from '../../../test/emulators/sentry.js';
import { DEBUG_ID, makeRepo, release, row, shallowClone, writeBuild } from './helpers.js';

let sentry: SentryEmulator;
beforeEach(async () => {
  sentry = await startSentryEmulator();
});
afterEach(async () => {
  expect(sentry.violations).toEqual([]);
  await sentry.close();
});

describe('a release per deploy', () => {
  it('creates the release with its commit range, source maps, release date and deploy record', async () => {
    const { dir, shas } = await makeRepo(3);
    await writeBuild(dir);
    sentry.seedRelease('previous', shas[0]);
    const run = await release(sentry, dir, { repo: 'acme/shop', sourcemaps: '.next', environment: 'production', 'deploy-url': 'https://shop.example.com' });

    expect(run.failed).toBe(false);
    const version = shas[2]!;
    const created = sentry.releases.get(version)!;
    expect(created.projects).toEqual(['web']);
    expect(created.refs).toEqual([{ repository: 'acme/shop', commit: version, previousCommit: shas[0] }]);
    expect(Date.parse(created.dateReleased!)).toBeGreaterThan(Date.now() - 60_000);
    expect(created.deploys).toHaveLength(1);
    const deploy = created.deploys[0]!;
    expect(deploy).toMatchObject({ environment: 'production', url: 'https://shop.example.com', projects: ['web'] });
    expect(Date.parse(String(deploy['dateFinished']))).toBeGreaterThanOrEqual(Date.parse(String(deploy['dateStarted'])));

    expect(run.outputs).toMatchObject({ version, 'release-url': `${sentry.url}/organizations/acme/releases/${version}/`, 'files-uploaded': '5' });
    const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { status: string };
    expect(report.status).toBe('success');
    expect(run.summary).toContain(`Created release ${version} for web`);
    expect(run.summary).toContain(`Commits of acme/shop ${shas[0]!.slice(0, 7)}..${version.slice(0, 7)}`);
  });

  it('writes the bundle sentry-cli writes: manifest urls, types, debug ids and map references', async () => {
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    await release(sentry, dir, { sourcemaps: '.next/static, .next/server', 'url-prefix': '~/_next/static' });

    expect(sentry.bundles).toHaveLength(1);
    const bundle = sentry.bundles[0]!;
    expect(bundle.manifest.files).toEqual({
      'files/_/_/_next/static/app/page.js': { url: '~/_next/static/app/page.js', type: 'minified_source' },
      'files/_/_/_next/static/chunks/main.js': { url: '~/_next/static/chunks/main.js', type: 'minified_source', headers: { 'debug-id': DEBUG_ID, Sourcemap: 'main.js.map' } },
      'files/_/_/_next/static/chunks/main.js.map': { url: '~/_next/static/chunks/main.js.map', type: 'source_map', headers: { 'debug-id': DEBUG_ID } },
      'files/_/_/_next/static/chunks/page.js': { url: '~/_next/static/chunks/page.js', type: 'minified_source', headers: { Sourcemap: 'page.js.map' } },
      'files/_/_/_next/static/chunks/page.js.map': { url: '~/_next/static/chunks/page.js.map', type: 'source_map' },
    });
    expect(bundle.manifest).toMatchObject({ org: 'acme', release: bundle.version });
    expect(bundle.manifest.debug_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bundle.files.get('files/_/_/_next/static/chunks/main.js')!.toString()).toContain('console.log("main")');
    expect([...bundle.files.keys()].some((k) => k.endsWith('.css'))).toBe(false);
  });

  it('reuses a release that exists (208), keeps its release date, and applies the prefix', async () => {
    const { dir, shas } = await makeRepo(1);
    const version = `shop@${shas[0]}`;
    sentry.seedRelease(version, undefined, '2026-01-02T03:04:05.000Z');
    const run = await release(sentry, dir, { prefix: 'shop@' });

    expect(run.failed).toBe(false);
    expect(sentry.calls('POST /api/0/organizations/:org/releases/')[0]!.body).toEqual({ version, projects: ['web'] });
    expect(row(run, 'release').summary).toBe(`Release ${version} already existed for web: reused.`);
    expect(sentry.releases.get(version)!.dateReleased).toBe('2026-01-02T03:04:05.000Z');
    expect(sentry.calls('PUT /api/0/organizations/:org/releases/:version/')).toHaveLength(0);
    expect(run.outputs['version']).toBe(version);
  });

  it("dates the deploy from the job's DEPLOY_KIT_STARTED_AT when it set one", async () => {
    const { dir } = await makeRepo(1);
    const run = await release(sentry, dir, { environment: 'staging' }, { env: { DEPLOY_KIT_STARTED_AT: '2026-11-28T20:00:00Z' } });
    expect(run.failed).toBe(false);
    const [deploy] = [...sentry.releases.values()][0]!.deploys;
    expect(deploy!['dateStarted']).toBe('2026-11-28T20:00:00.000Z');
  });

  it('takes an explicit version and GITHUB_SHA for the commit', async () => {
    const { dir, shas } = await makeRepo(2);
    const run = await release(sentry, dir, { version: '1.4.0', repo: 'acme/shop' }, { env: { GITHUB_SHA: shas[0] } });
    expect(run.outputs['version']).toBe('1.4.0');
    expect(sentry.releases.get('1.4.0')!.refs).toEqual([{ repository: 'acme/shop', commit: shas[0] }]);
  });
});

describe('commits when Sentry does not know the repository', () => {
  it('sends the commits since the previous release from a full checkout', async () => {
    const { dir, shas } = await makeRepo(4);
    sentry.seedRelease('previous', shas[1]);
    const run = await release(sentry, dir, { repo: 'acme/elsewhere' });

    expect(run.failed).toBe(false);
    const commits = sentry.releases.get(shas[3]!)!.commits!;
    expect(commits.map((c) => c.id)).toEqual([shas[3], shas[2]]);
    expect(commits[0]).toMatchObject({ repository: 'acme/elsewhere', message: 'Change number 4', author_name: 'Ada', author_email: 'ada@example.com' });
    expect(row(run, 'commits').status).toBe('pass');
  });

  it('falls back to this single commit with a notice in a shallow clone', async () => {
    const { dir: origin, shas } = await makeRepo(3);
    const dir = await shallowClone(origin);
    sentry.seedRelease('previous', shas[0]);
    const run = await release(sentry, dir, { repo: 'acme/elsewhere' });

    expect(run.failed).toBe(false);
    expect(sentry.releases.get(shas[2]!)!.commits!.map((c) => c.id)).toEqual([shas[2]]);
    expect(row(run, 'commits').status).toBe('warn');
    expect(run.stdout).toMatch(/::notice::Recorded only commit .* not connected in Sentry .*, and this is a shallow clone\. Connect the repository in Sentry/);
  });

  it('uses refs in a shallow clone when the repository is connected: Sentry needs no local history', async () => {
    const { dir: origin, shas } = await makeRepo(3);
    const dir = await shallowClone(origin);
    sentry.seedRelease('previous', shas[0]);
    const run = await release(sentry, dir, { repo: 'acme/shop' });
    expect(sentry.releases.get(shas[2]!)!.refs).toEqual([{ repository: 'acme/shop', commit: shas[2], previousCommit: shas[0] }]);
    expect(row(run, 'commits').status).toBe('pass');
  });

  it('sends the single commit when no earlier release has commits', async () => {
    const { dir, shas } = await makeRepo(2);
    const run = await release(sentry, dir, { repo: 'acme/elsewhere' });
    expect(sentry.releases.get(shas[1]!)!.commits!.map((c) => c.id)).toEqual([shas[1]]);
    expect(row(run, 'commits').summary).toContain('no earlier release has commits');
  });
});
