import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { runEnvCheck, workspace } from './helpers.js';

/** Every input with a wrong value, and the one `::error::` line its user gets. Nothing reaches Vercel. */
let vercel: VercelEmulator;
let ws: string;
beforeAll(async () => {
  vercel = await startVercelEmulator();
  ws = await workspace({ '.env.example': 'API_URL=\n', 'apps/web/.env.example': 'API_URL=\n', 'a-file.txt': 'x\n' });
  const outside = join(tmpdir(), `env-check-outside-${process.pid}`);
  await writeFile(outside, 'API_URL=https://outside.example.com\n');
  await symlink(outside, join(ws, 'linked.env'));
  await symlink(tmpdir(), join(ws, 'linked-dir'));
});
afterAll(async () => vercel.close());

const PATH = "a file path relative to 'working-directory'";
const cases: [input: string, value: string, message: string, extra?: Record<string, string>][] = [
  ['environment', 'staging', `Input 'environment' "staging" is not one of the choices: expected one of: production, preview, development.`],
  ['source', 'aws', `Input 'source' "aws" is not one of the choices: expected one of: env, dotenv, vercel.`],
  ['env-file', '.env.nope', `Input 'env-file' ".env.nope" does not exist in '.': expected ${PATH}, e.g. .env.production.local.`, { source: 'dotenv' }],
  ['env-file', '../../etc/passwd', `Input 'env-file' "../../etc/passwd" is outside the repository: expected ${PATH}, e.g. .env.production.local.`, { source: 'dotenv' }],
  ['env-file', 'linked.env', `Input 'env-file' "linked.env" is a symbolic link that leads outside the repository: expected ${PATH}, e.g. .env.production.local.`, { source: 'dotenv' }],
  // Not there yet, but where it would be is outside: refused, not reported as missing.
  ['env-file', 'linked-dir/absent.env', `Input 'env-file' "linked-dir/absent.env" is a symbolic link that leads outside the repository: expected ${PATH}, e.g. .env.production.local.`, { source: 'dotenv' }],
  ['env-file', 'apps', `Input 'env-file' "apps" is not a file: expected ${PATH}, e.g. .env.production.local.`, { source: 'dotenv' }],
  ['example-file', '.env.sample', `Input 'example-file' ".env.sample" does not exist in '.': expected ${PATH}, e.g. .env.example.`],
  ['working-directory', 'apps/api', `Input 'working-directory' "apps/api" does not exist: expected a directory of the repository, e.g. apps/web.`],
  ['working-directory', 'a-file.txt', `Input 'working-directory' "a-file.txt" is not a directory: expected a directory of the repository, e.g. apps/web.`],
  ['working-directory', '..', `Input 'working-directory' ".." is outside the repository: expected a directory of the repository, e.g. apps/web.`],
  ['vercel-token', 'abc def', "Input 'vercel-token' (value hidden) contains whitespace: expected a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}."],
  ['vercel-org-id', 'my team!', `Input 'vercel-org-id' "my team!" is not a Vercel id: expected the team id (team_…) or personal account id owning the project: the orgId of .vercel/project.json.`],
  ['vercel-project-id', 'shop/web', `Input 'vercel-project-id' "shop/web" is not a Vercel id: expected the project id (prj_…) or name: the projectId of .vercel/project.json.`],
  ['api-url', 'api.vercel.com', `Input 'api-url' "api.vercel.com" is not a valid URL: expected an absolute URL (https or http://…).`],
  ['fail-on', 'never', `Input 'fail-on' "never" is not one of the choices: expected one of: error, warning.`],
  ['github-token', 'ghp_abc\ndef', "Input 'github-token' (value hidden) contains whitespace: expected a GitHub token, e.g. ${{ github.token }}."],
  ['config', 'deploy-kit.yml', `Input 'config' "deploy-kit.yml" cannot be read: there is no such file in the repository. Give the path of the deploy-kit file from the repository root, e.g. .github/deploy-kit.yml.`],
];

describe('env-check: a wrong value for each input', () => {
  it.each(cases)('%s = %j', async (input, value, message, extra = {}) => {
    const before = vercel.requests.length;
    const run = await runEnvCheck(ws, { ...extra, [input]: value, 'api-url': input === 'api-url' ? value : vercel.url });
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(message);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);
    expect(vercel.requests.length).toBe(before);
  });

  it('names what a source needs when it is missing', async () => {
    expect((await runEnvCheck(ws, { source: 'dotenv' })).result.message).toBe(`Input 'env-file' is required with source 'dotenv': expected ${PATH}, e.g. .env.production.local.`);
    expect((await runEnvCheck(ws, { source: 'vercel' })).result.message).toMatch(/^Input 'vercel-token' is required with source 'vercel'/);
    expect((await runEnvCheck(ws, { source: 'vercel', 'vercel-token': vercel.token })).result.message).toMatch(/^Input 'vercel-project-id' is required with source 'vercel'/);
  });

  it('says there is nothing to check without an example file or a schema', async () => {
    const empty = await workspace({ 'README.md': '# app\n' });
    expect((await runEnvCheck(empty, {})).result.message).toMatch(/^Nothing to check: there is no \.env\.example in '\.' and no env\.variables in \.github\/deploy-kit\.yml\./);
  });

  it('a mistake in the env schema fails with its key path and line', async () => {
    const bad = await workspace({ '.github/deploy-kit.yml': 'env:\n  variables:\n    KEY: { type: hex, bytes: 32 }\n' });
    expect((await runEnvCheck(bad, {})).result.message).toBe('.github/deploy-kit.yml:3: env.variables.KEY.bytes: applies to type base64, not hex');
  });
});
