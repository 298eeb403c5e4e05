import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSentryEmulator, type SentryEmulator } from '../../../test/emulators/sentry.js';
import { sentryReleaseInputs } from '../src/inputs.js';
import { makeRepo, release } from './helpers.js';

let sentry: SentryEmulator;
let workspace: string;
beforeAll(async () => {
  sentry = await startSentryEmulator();
  workspace = (await makeRepo(1)).dir;
  await writeFile(join(workspace, 'a-file'), 'x');
});
afterAll(async () => sentry.close());

/** Runs with one bad input next to otherwise good ones; the step must fail with `message` and call nothing. */
async function expectRejected(inputs: Record<string, string | undefined>, message: string) {
  const before = sentry.requests.length;
  const run = await release(sentry, workspace, inputs);
  expect(run.failed).toBe(true);
  expect(run.stdout).toContain(`::error::${message}`);
  expect(sentry.requests).toHaveLength(before);
}

const cases: Record<string, [Record<string, string | undefined>, string]> = {
  'auth-token': [{ 'auth-token': 'sntrys_abc\ndef_secret' }, "Input 'auth-token' (value hidden) contains whitespace: expected a Sentry auth token (an organization token, scope org:ci), e.g. ${{ secrets.SENTRY_AUTH_TOKEN }}."],
  org: [{ org: 'Acme Inc' }, `Input 'org' "Acme Inc" is not a Sentry slug: expected a Sentry slug (lowercase letters, digits, '-' and '_'), e.g. acme.`],
  projects: [{ projects: 'web, my project' }, `Input 'projects' "web, my project" (item 1) is not a Sentry slug: expected a comma- or newline-separated list of Sentry project slugs, e.g. web, api.`],
  version: [{ version: 'release/1.0' }, `Input 'version' "release/1.0" contains '/', '\\' or a line break: expected a release name of at most 200 characters`],
  prefix: [{ prefix: 'latest' }, `Input 'prefix' "latest" is a name Sentry reserves: expected text put before the version`],
  url: [{ url: 'sentry.example.com' }, `Input 'url' "sentry.example.com" is not a valid URL: expected an absolute URL (https or http://…).`],
  repo: [{ repo: 'https://github.com/acme/shop' }, `Input 'repo' "https://github.com/acme/shop" is not owner/name: expected the repository as connected in Sentry: owner/name, e.g. acme/shop.`],
  sourcemaps: [{ sourcemaps: '.next, ../other-app/.next' }, `Input 'sourcemaps' ".next, ../other-app/.next" (item 1) leaves the working directory: expected a comma- or newline-separated list of paths or globs relative to 'working-directory'`],
  'url-prefix': [{ 'url-prefix': '_next' }, `Input 'url-prefix' "_next" does not start with ~/ or a scheme://: expected a URL prefix starting with ~/ or scheme://, e.g. ~/_next or app:///_next.`],
  environment: [{ environment: 'prod/eu' }, `Input 'environment' "prod/eu" contains '/' or a line break: expected a Sentry environment name of at most 64 characters`],
  'deploy-url': [{ 'deploy-url': 'shop.example.com' }, `Input 'deploy-url' "shop.example.com" is not a valid URL: expected an absolute URL (https or http://…).`],
  finalize: [{ finalize: 'yes' }, `Input 'finalize' "yes" is not a boolean: expected 'true' or 'false'.`],
  'fail-on-error': [{ 'fail-on-error': 'no' }, `Input 'fail-on-error' "no" is not a boolean: expected 'true' or 'false'.`],
  'working-directory': [{ 'working-directory': '../elsewhere' }, `Input 'working-directory' "../elsewhere" is outside the repository: expected a directory of the repository, e.g. apps/web.`],
  config: [{ config: 'missing/deploy-kit.yml' }, `Input 'config' "missing/deploy-kit.yml" cannot be read: there is no such file in the repository.`],
};

describe('a wrong value for each input says what is wrong and what is expected', () => {
  it('covers every input', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(sentryReleaseInputs).sort());
  });

  for (const [name, [inputs, message]] of Object.entries(cases)) {
    it(name, async () => expectRejected(inputs, message));
  }

  it('working-directory that is a file', async () => {
    await expectRejected({ 'working-directory': 'a-file' }, `Input 'working-directory' "a-file" is not a directory`);
  });

  it('config that is not YAML', async () => {
    await writeFile(join(workspace, 'bad.yml'), 'sentry: [unclosed\n');
    await expectRejected({ config: 'bad.yml' }, "bad.yml");
  });

  it('a missing org, projects or token names each', async () => {
    await expectRejected({ org: undefined }, "Input 'org' is required: expected a Sentry slug");
    await expectRejected({ projects: ' , ' }, `Input 'projects' " , " names nothing: expected a comma- or newline-separated list of Sentry project slugs`);
    await expectRejected({ 'auth-token': undefined }, "Input 'auth-token' is required: expected a Sentry auth token");
  });
});
