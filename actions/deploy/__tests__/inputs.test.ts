import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { runDeploy, sourceApp, writeTree } from './helpers.js';

/** Every input with a wrong value, and the one message its user gets. Nothing reaches Vercel's deploy endpoint. */
let vercel: VercelEmulator;
let app: string;
beforeAll(async () => {
  vercel = await startVercelEmulator();
  app = await sourceApp({ 'not-a-dir.txt': 'x\n' });
  await symlink('/etc', join(app, 'link-out'));
});
afterAll(async () => vercel.close());

const cases: [input: string, value: string | undefined, message: string][] = [
  ['vercel-token', undefined, "Input 'vercel-token' is required: expected a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}."],
  ['vercel-token', 'abc def-ghij', "Input 'vercel-token' (value hidden) contains whitespace: expected a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}."],
  ['vercel-org-id', 'my team!', `Input 'vercel-org-id' "my team!" is not a Vercel id: expected the team id (team_…) or personal account id owning the project: the orgId of .vercel/project.json.`],
  ['vercel-project-id', 'shop/web', `Input 'vercel-project-id' "shop/web" is not a Vercel id: expected the project id (prj_…) or name: the projectId of .vercel/project.json.`],
  ['environment', 'staging', `Input 'environment' "staging" is not one of the choices: expected one of: preview, production.`],
  ['prebuilt', 'yes', `Input 'prebuilt' "yes" is not a boolean: expected 'true' or 'false'.`],
  ['working-directory', 'apps/missing', `Input 'working-directory' "apps/missing" does not exist (${'{app}'}/apps/missing): expected a directory of the repository, e.g. . or apps/web.`],
  ['working-directory', 'not-a-dir.txt', `Input 'working-directory' "not-a-dir.txt" is not a directory: expected a directory of the repository, e.g. . or apps/web.`],
  ['working-directory', '..', `Input 'working-directory' ".." points outside the workspace: expected a directory of the repository, e.g. . or apps/web, inside the repository ({app}).`],
  ['working-directory', 'link-out', `Input 'working-directory' "link-out" points outside the workspace (through a symbolic link, to /etc): expected a directory of the repository, e.g. . or apps/web, inside the repository ({app}).`],
  ['config', '/etc/passwd', `Input 'config' "/etc/passwd" points outside the workspace: expected the path of the deploy-kit file from the repository root, e.g. .github/deploy-kit.yml, inside the repository ({app}).`],
  ['if-superseded', 'ignore', `Input 'if-superseded' "ignore" is not one of the choices: expected one of: fail, warn.`],
  ['root-directory', '../elsewhere', `Input 'root-directory' "../elsewhere" leaves the working directory: expected a directory relative to 'working-directory', e.g. apps/web.`],
  ['root-directory', 'apps/nope', `Input 'root-directory' "apps/nope" does not exist (${'{app}'}/apps/nope): expected a directory inside 'working-directory', e.g. apps/web.`],
  ['alias', 'ok.example.com, bad domain!', `Input 'alias' "ok.example.com, bad domain!" (item 1) is not a domain name: expected a comma- or newline-separated list of domain names, e.g. pr-{{PR_NUMBER}}.example.com or {{BRANCH}}.preview.example.com.`],
  ['alias', 'pr-{{PR}}.example.com', `Input 'alias' "pr-{{PR}}.example.com" (item 0) uses an unknown placeholder: expected a comma- or newline-separated list of domain names, e.g. pr-{{PR_NUMBER}}.example.com or {{BRANCH}}.preview.example.com.`],
  ['alias', 'localhost', `Input 'alias' "localhost" gives "localhost", which has no parent domain: expected a domain name such as pr-{{PR_NUMBER}}.example.com.`],
  ['github-deployment', 'sure', `Input 'github-deployment' "sure" is not a boolean: expected 'true' or 'false'.`],
  ['github-token', 'ghp_abc\ndef', `Input 'github-token' (value hidden) contains whitespace: expected a GitHub token, e.g. \${{ github.token }}.`],
  ['timeout', 'soon', `Input 'timeout' "soon" is not a duration: expected a duration from 1s to 6h, e.g. 30m, 90s or 1h (a number with a unit (ms, s, m, h); a bare number is seconds).`],
  ['timeout', '7h', `Input 'timeout' "7h" is out of range: expected a duration from 1s to 6h, e.g. 30m, 90s or 1h (a number with a unit (ms, s, m, h); a bare number is seconds).`],
  ['api-url', 'api.vercel.com', `Input 'api-url' "api.vercel.com" is not a valid URL: expected an absolute URL (https or http://…).`],
];

describe('deploy: a wrong value for each input', () => {
  it.each(cases)('%s = %j', async (input, value, message) => {
    const run = await runDeploy(vercel, app, { [input]: value });
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(message.replace('{app}', app));
    expect(vercel.calls('POST /v13/deployments')).toHaveLength(0);
  });

  it('config: a wrong deploy section names the key and its line', async () => {
    const dir = await sourceApp();
    await writeTree(dir, { 'ci/deploy-kit.yml': 'deploy:\n  projectSettings:\n    nodeVersion: 22\n    buildComand: make\n' });
    const run = await runDeploy(vercel, dir, { config: 'ci/deploy-kit.yml' });
    expect(run.result.message).toMatch(/^ci\/deploy-kit\.yml:3: deploy\.projectSettings\.nodeVersion: .*string/m);
    expect(run.result.message).toMatch(/^ci\/deploy-kit\.yml:3: deploy\.projectSettings: .*buildComand/m);
  });

  it('a bare number is a timeout in seconds, as every duration input reads it', async () => {
    const run = await runDeploy(vercel, app, { timeout: '1200' });
    expect(run.failed).toBe(false);
    const tooLong = await runDeploy(vercel, app, { timeout: '21601' });
    expect(tooLong.result.message).toBe(`Input 'timeout' "21601" is out of range: expected a duration from 1s to 6h, e.g. 30m, 90s or 1h (a number with a unit (ms, s, m, h); a bare number is seconds).`);
  });

  it('every bad input is named at once', async () => {
    const run = await runDeploy(vercel, app, { environment: 'prod', prebuilt: 'maybe' });
    expect(run.result.message?.split('\n')).toHaveLength(2);
  });
});
