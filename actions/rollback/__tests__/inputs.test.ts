import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { deploymentRef } from '../src/inputs.js';
import { runRollback, seedHistory, workspace } from './helpers.js';

/** Every input with a wrong value, and the one message its user gets. Nothing reaches Vercel. */
let vercel: VercelEmulator;
let ws: string;
beforeAll(async () => {
  vercel = await startVercelEmulator();
  seedHistory(vercel);
  ws = await workspace();
  await mkdir(join(ws, 'a-directory'));
});
afterAll(async () => vercel.close());

const own: [input: string, value: string | undefined, message: string][] = [
  ['vercel-token', undefined, "Input 'vercel-token' is required: expected a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}."],
  ['vercel-token', 'abc def-ghij', "Input 'vercel-token' (value hidden) contains whitespace: expected a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}."],
  ['vercel-org-id', 'my team!', `Input 'vercel-org-id' "my team!" is not a Vercel id: expected the team id (team_…) or personal account id owning the project: the orgId of .vercel/project.json.`],
  ['vercel-project-id', undefined, "Input 'vercel-project-id' is required: expected the project id (prj_…) or name: the projectId of .vercel/project.json."],
  ['vercel-project-id', 'shop/web', `Input 'vercel-project-id' "shop/web" is not a Vercel id: expected the project id (prj_…) or name: the projectId of .vercel/project.json.`],
  ['api-url', 'api.vercel.com', `Input 'api-url' "api.vercel.com" is not a valid URL: expected an absolute URL (https or http://…).`],
  ['to', 'yesterday', `Input 'to' "yesterday" is not a deployment id or URL: expected a deployment id (dpl_…) or its URL (https://….vercel.app), from the project's Deployments page.`],
  ['to', 'ftp://web-abc.vercel.app', `Input 'to' "ftp://web-abc.vercel.app" is not a deployment id or URL: expected a deployment id (dpl_…) or its URL (https://….vercel.app), from the project's Deployments page.`],
  ['from', 'last week', `Input 'from' "last week" is not a deployment id or URL: expected a deployment id (dpl_…) or its URL (https://….vercel.app), from the project's Deployments page.`],
  ['reason', 'Checkout is down\nsince 10:02', `Input 'reason' "Checkout is down\\nsince 10:02" is not a single line: expected one line of at most 200 characters, e.g. "Checkout answers 500 since the last deploy".`],
  ['reason', 'x'.repeat(201), `Input 'reason' "${'x'.repeat(77)}..." is longer than 200 characters: expected one line of at most 200 characters, e.g. "Checkout answers 500 since the last deploy".`],
  ['method', 'revert', `Input 'method' "revert" is not one of the choices: expected one of: promote, rollback.`],
  ['dry-run', 'maybe', `Input 'dry-run' "maybe" is not a boolean: expected 'true' or 'false'.`],
  ['timeout', 'soon', `Input 'timeout' "soon" is not a duration: expected a duration from 1s to 1h, e.g. 5m, 90s (a number with a unit (ms, s, m, h); a bare number is seconds).`],
  ['timeout', '2h', `Input 'timeout' "2h" is out of range: expected a duration from 1s to 1h, e.g. 5m, 90s (a number with a unit (ms, s, m, h); a bare number is seconds).`],
  ['github-deployment', 'yes', `Input 'github-deployment' "yes" is not a boolean: expected 'true' or 'false'.`],
  ['github-token', 'ghp_abc\ndef', `Input 'github-token' (value hidden) contains whitespace: expected a GitHub token, e.g. \${{ github.token }}.`],
  ['smoke-test', 'nope', `Input 'smoke-test' "nope" is not a boolean: expected 'true' or 'false'.`],
  ['url', 'web.example.com', `Input 'url' "web.example.com" is not a valid URL: expected an absolute URL (https or http://…).`],
];

/** The smoke check inputs are smoke-test's own (packages/shared/src/smoke/inputs.ts): the message names the input and value and says what is expected. */
const smoke: [input: string, value: string][] = [
  ['paths', '/, api/health'],
  ['wait-for', '-1'],
  ['health-policy', 'lenient'],
  ['requests', '0'],
  ['max-latency-ms', 'fast'],
  ['min-grade', 'Z'],
  ['required-headers', 'bad header!'],
  ['min-tls-days', 'soon'],
  ['rate-limit-path', 'login'],
  ['rate-limit-max', '0'],
  ['cors-origin', 'evil'],
  ['lighthouse', 'on'],
  ['lighthouse-thresholds', 'speed=100'],
  ['lighthouse-runs', '10'],
  ['lighthouse-preset', 'tablet'],
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('rollback: a wrong value for each input', () => {
  it.each(own)('%s = %j', async (input, value, message) => {
    const before = vercel.requests.length;
    const run = await runRollback(vercel, { [input]: value }, { workspace: ws });
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(message);
    expect(run.outputs).toEqual({ 'report-path': expect.stringMatching(/rollback-report\.json$/) });
    expect(vercel.requests.length).toBe(before);
  });

  it.each(smoke)('%s = %j', async (input, value) => {
    const before = vercel.requests.length;
    const run = await runRollback(vercel, { [input]: value }, { workspace: ws });
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(new RegExp(`^Input '${input}' ${escape(JSON.stringify(value))}( \\(item \\d+\\))? .+: expected .+\\.$`));
    expect(run.result.message?.split('\n')).toHaveLength(1);
    expect(vercel.requests.length).toBe(before);
  });

  it('config: a path that is not a readable file', async () => {
    const before = vercel.requests.length;
    const run = await runRollback(vercel, { config: 'a-directory', 'smoke-test': 'true' }, { workspace: ws });
    expect(run.result.message).toBe(`Input 'config' "a-directory" cannot be read: it is not a regular file. Give the path of the deploy-kit file from the repository root, e.g. .github/deploy-kit.yml.`);
    // An unreadable config file is a bad input: `status` stays empty, as action.yml says of invalid inputs.
    expect(run.outputs.status).toBeUndefined();
    expect(vercel.requests.length).toBe(before);
  });

  it('names every bad input at once', async () => {
    const run = await runRollback(vercel, { method: 'undo', 'dry-run': 'perhaps', to: 'nope' }, { workspace: ws });
    expect(run.result.message?.split('\n')).toHaveLength(3);
  });
});

describe('rollback: the forms of `to`', () => {
  it.each([
    ['dpl_8xKq2mVb7LpT4nHs', 'dpl_8xKq2mVb7LpT4nHs'],
    ['https://web-abc123-team.vercel.app', 'web-abc123-team.vercel.app'],
    ['https://Web-ABC123-team.vercel.app/checkout', 'web-abc123-team.vercel.app'],
    ['web-abc123-team.vercel.app/', 'web-abc123-team.vercel.app'],
    ['  dpl_abc  ', 'dpl_abc'],
  ])('%j is %j', (value, ref) => {
    expect(deploymentRef(value)).toBe(ref);
  });

  it.each(['dpl-abc', 'deployment 12', 'https://', 'localhost', 'mailto:a@b.c'])('%j is neither', (value) => {
    expect(deploymentRef(value)).toBeUndefined();
  });
});
