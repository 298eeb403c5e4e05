import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { runDist } from '../harness/dist.js';
import { startSentryEmulator, type SentryEmulator } from '../emulators/sentry.js';
import { makeRepo, writeBuild } from '../../actions/sentry-release/__tests__/helpers.js';

/** The built sentry-release action (dist/sentry-release/index.js), run as the runner runs it. */
const TOKEN = 'sntrys_e2e_known_token_value_0042';
let sentry: SentryEmulator;
beforeAll(async () => {
  sentry = await startSentryEmulator({ token: TOKEN, chunkSize: 64 * 1024 });
});
afterAll(async () => sentry.close());

describe('dist/sentry-release', () => {
  it('creates the release with commits, source maps and a deploy from a checkout, and writes no token', async () => {
    const { dir, shas } = await makeRepo(2);
    await writeBuild(dir);
    sentry.seedRelease('shop@previous', shas[0]);
    const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: shas[1]!, GITHUB_REF: 'refs/heads/main', DEPLOY_KIT_POLL_MS: '5', DEPLOY_KIT_RETRY_MS: '5' };
    const run = await runDist(
      'sentry-release',
      { 'auth-token': TOKEN, org: 'acme', projects: 'web,api', url: sentry.url, prefix: 'shop@', repo: 'acme/shop', sourcemaps: '.next', environment: 'production', 'deploy-url': 'https://shop.example.com', finalize: 'true', 'fail-on-error': 'true', 'url-prefix': '~/_next', 'working-directory': '.', config: '.github/deploy-kit.yml' },
      { env: { ...env, GITHUB_WORKSPACE: dir }, cwd: dir },
    );
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([]);
    expect(run.exitCode).toBe(0);
    const version = `shop@${shas[1]}`;
    expect(run.outputs).toMatchObject({ version, 'files-uploaded': '5', 'release-url': `${sentry.url}/organizations/acme/releases/${encodeURIComponent(version)}/` });
    const release = sentry.releases.get(version)!;
    expect(release.projects).toEqual(['web', 'api']);
    expect(release.refs).toEqual([{ repository: 'acme/shop', commit: shas[1], previousCommit: shas[0] }]);
    expect(release.dateReleased).toBeDefined();
    expect(release.deploys).toMatchObject([{ environment: 'production', url: 'https://shop.example.com' }]);
    expect(sentry.bundles).toHaveLength(1);
    expect(sentry.violations).toEqual([]);
    expect(run.summary).toContain('Sentry release');
    const report = await readFile(run.outputs['report-path']!, 'utf8');
    const shown = [run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs), report].join('\n');
    expect(shown).not.toContain(TOKEN);
  });

  it('fails with the input named when an input is wrong', async () => {
    const { dir } = await makeRepo(1);
    const run = await runDist('sentry-release', { 'auth-token': TOKEN, org: 'acme', projects: 'web', url: sentry.url, finalize: 'maybe' }, { env: { GITHUB_WORKSPACE: dir }, cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::error::Input 'finalize' "maybe" is not a boolean: expected 'true' or 'false'.`);
  });
});
