import { afterEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { startSentryEmulator, type SentryEmulator, type SentryEmulatorOptions } from '../../../test/emulators/sentry.js';
import { makeRepo, release, row, writeBuild } from './helpers.js';

let sentry: SentryEmulator;
async function start(options: SentryEmulatorOptions = {}): Promise<SentryEmulator> {
  sentry = await startSentryEmulator(options);
  return sentry;
}
afterEach(async () => sentry.close());

/** The step's ::error:: line: exactly one line. */
function errorLine(stdout: string): string {
  const lines = stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('setup errors, each one line with its fix', () => {
  it('a bad token (401)', async () => {
    await start();
    const { dir } = await makeRepo(1);
    const run = await release(sentry, dir, { 'auth-token': 'sntrys_wrong_token_value_123' });
    expect(run.failed).toBe(true);
    expect(errorLine(run.stdout)).toContain("Sentry rejected the auth token (401): it is invalid, expired or revoked. Create one in Sentry under Settings > Developer Settings > Organization Tokens (or User Auth Tokens) and store it as the secret passed to 'auth-token'.");
  });

  it('an unknown organization (404)', async () => {
    await start();
    const { dir } = await makeRepo(1);
    const run = await release(sentry, dir, { org: 'acme-typo' });
    expect(errorLine(run.stdout)).toContain("Sentry organization 'acme-typo' was not found or the token cannot see it (404). Check 'org'");
  });

  it('an unknown project (400 projects)', async () => {
    await start();
    const { dir } = await makeRepo(1);
    const run = await release(sentry, dir, { projects: 'web, mobile' });
    expect(errorLine(run.stdout)).toContain("Sentry does not know project 'web', 'mobile' in organization 'acme', or the token cannot reach it (400: Invalid project ids or slugs). Check 'projects'");
  });

  it('a missing scope (403)', async () => {
    await start({ scopes: ['org:read'] });
    const { dir } = await makeRepo(1);
    const run = await release(sentry, dir, {});
    expect(errorLine(run.stdout)).toContain('The Sentry auth token lacks a permission this step needs (403: You do not have permission to perform this action.). Use an organization token (scope org:ci)');
  });
});

describe('transient failures', () => {
  it('retries 429 after Retry-After and 5xx, then succeeds', async () => {
    await start();
    sentry.script('releases', { status: 429, retryAfter: '1' }, { status: 503 });
    sentry.script('assemble', { status: 502 });
    const { dir } = await makeRepo(1);
    await writeBuild(dir);
    const run = await release(sentry, dir, { sourcemaps: '.next' });
    expect(run.failed).toBe(false);
    expect(sentry.calls('POST /api/0/organizations/:org/releases/')).toHaveLength(3);
    expect(run.stdout).toContain('answered 429: Rate limit exceeded. Retrying in 1000 ms (retry 1).');
    expect(sentry.bundles).toHaveLength(1);
  });

  it('records one deploy when the answer to the first request is lost after it was recorded', async () => {
    await start();
    sentry.script('deploys', { status: 502, afterHandling: true });
    const { dir, shas } = await makeRepo(1);
    const run = await release(sentry, dir, { environment: 'production' });
    expect(run.failed).toBe(false);
    expect(sentry.releases.get(shas[0]!)!.deploys).toHaveLength(1);
    expect(sentry.calls('GET /api/0/organizations/:org/releases/:version/deploys/')).toHaveLength(1);
  });

  it('sends the deploy again when the lost request was not recorded', async () => {
    await start();
    sentry.script('deploys', { status: 503 });
    const { dir, shas } = await makeRepo(1);
    const run = await release(sentry, dir, { environment: 'production' });
    expect(run.failed).toBe(false);
    expect(sentry.releases.get(shas[0]!)!.deploys).toHaveLength(1);
    expect(sentry.calls('POST /api/0/organizations/:org/releases/:version/deploys/')).toHaveLength(2);
  });

  it('fails after the retries run out, saying Sentry is unavailable', async () => {
    await start();
    sentry.script('releases', ...Array(4).fill({ status: 500 }));
    const { dir } = await makeRepo(1);
    const run = await release(sentry, dir, {});
    expect(run.failed).toBe(true);
    expect(errorLine(run.stdout)).toMatch(/answered 500.*\(still after retries\): Sentry is unreachable or overloaded\. Re-run the job later/);
  });

  it('with fail-on-error false, a failure is a warning and the step passes', async () => {
    await start();
    sentry.script('releases', ...Array(4).fill({ status: 503 }));
    const { dir } = await makeRepo(1);
    const run = await release(sentry, dir, { 'fail-on-error': 'false', environment: 'production' });
    expect(run.failed).toBe(false);
    expect(row(run, 'release').status).toBe('warn');
    expect(row(run, 'deploy').status).toBe('skip');
    expect(run.stdout).toMatch(/::warning::.*The step did not fail because fail-on-error is false\./);
    expect(run.outputs['files-uploaded']).toBe('0');
    expect(run.outputs['version']).toBeUndefined();
  });
});

describe('the token', () => {
  it('appears in nothing written: log, summary, outputs, JSON report', async () => {
    const token = ['sntrys', 'eyJpYXQiOjE3MDAwMDAwMDB9', 'KnownSecretValue123'].join('_');
    await start({ token });
    const { dir } = await makeRepo(2);
    await writeBuild(dir);
    sentry.script('release', { status: 429, retryAfter: '0', body: { detail: `rate limited for ${token}` } });
    const run = await release(sentry, dir, { repo: 'acme/elsewhere', sourcemaps: '.next', environment: 'production' });
    expect(run.failed).toBe(false);
    const report = await readFile(run.outputs['report-path']!, 'utf8');
    expect(report).toContain('"status": "success"');
    expect(run.everything).toContain('Sentry release');
    expect(run.everything).not.toContain(token);
    // The token went where it belongs: every request's Authorization header.
    expect(sentry.requests.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
  });

  it('a bad token is not echoed either', async () => {
    await start();
    const { dir } = await makeRepo(1);
    const wrong = 'sntrys_wrong_but_secret_value_456';
    const run = await release(sentry, dir, { 'auth-token': wrong });
    expect(run.failed).toBe(true);
    expect(run.everything).not.toContain(wrong);
  });
});

describe('fork pull requests', () => {
  it('are skipped with a notice, no request made', async () => {
    await start();
    const { dir } = await makeRepo(1);
    const event = { pull_request: { number: 5, head: { sha: 'a'.repeat(40), repo: { full_name: 'someone/shop' } }, base: { repo: { full_name: 'acme/shop' } } } };
    const run = await release(sentry, dir, { 'auth-token': undefined }, { event, eventName: 'pull_request' });
    expect(run.failed).toBe(false);
    expect(run.stdout).toContain('::notice::sentry-release skipped: this pull request comes from a fork');
    expect(sentry.requests).toHaveLength(0);
  });
});
