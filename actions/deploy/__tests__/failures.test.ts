import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { runDeploy, sourceApp } from './helpers.js';

let vercel: VercelEmulator;
beforeEach(async () => {
  vercel = await startVercelEmulator();
});
afterEach(async () => vercel.close());

const buildLog = Array.from({ length: 40 }, (_, i) => `build line ${i + 1}`).concat(['Error: Cannot find module "./cart"', 'Command "npm run build" exited with 1']);

describe('deploy: transient API trouble is retried', () => {
  it('honours Retry-After on a 429 and goes on', async () => {
    vercel.failNext('POST /v13/deployments', { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'rate_limited', message: 'Too many requests' } } });
    const run = await runDeploy(vercel, await sourceApp(), {});
    expect(run.failed).toBe(false);
    expect(run.stdout).toContain('Vercel API POST /v13/deployments answered 429 (rate_limited): Too many requests. Retrying in 1000 ms (retry 1).');
    expect(vercel.calls('POST /v13/deployments')).toHaveLength(3);
  });

  it('slows uploads down when Vercel answers them 429, and still uploads every file', async () => {
    vercel.failNext('POST /v2/files', { status: 429, headers: { 'retry-after': '0' }, body: { error: { code: 'rate_limited', message: 'Too many requests' } } }, 2);
    const run = await runDeploy(vercel, await sourceApp(), {});
    expect(run.failed).toBe(false);
    expect(run.stdout).toMatch(/Uploading (\d+) file\(s\) Vercel does not have yet \([^)]*\), \1 at a time\./);
    expect(run.stdout).toMatch(/Vercel answered 429 to 2 upload\(s\): uploads slowed down to \d+ at a time, and ended at \d+\./);
    expect(vercel.calls('POST /v2/files')).toHaveLength(vercel.state.uploads.length + 2);
    expect(run.outputs['ready-state']).toBe('READY');
  });

  it('retries 5xx answers to uploads and status polls, then succeeds', async () => {
    vercel.failNext('POST /v2/files', { status: 503, body: { error: { code: 'internal_server_error', message: 'An unexpected internal error occurred' } } }, 2);
    vercel.failNext('GET /v13/deployments/:idOrUrl', { status: 502, body: 'Bad Gateway' });
    const run = await runDeploy(vercel, await sourceApp(), {});
    expect(run.failed).toBe(false);
    expect(vercel.calls('POST /v2/files')).toHaveLength(vercel.state.uploads.length + 2);
    expect(run.outputs['ready-state']).toBe('READY');
  });

  it('says Vercel is failing, and what to do, once the retries are spent', async () => {
    vercel.failNext('GET /v9/projects/:idOrName', { status: 503, body: { error: { code: 'internal_server_error', message: 'Service unavailable' } } }, 4);
    const run = await runDeploy(vercel, await sourceApp(), {});
    expect(run.result.message).toBe(
      `Vercel API GET /v9/projects/${vercel.project.id} answered 503 (internal_server_error): Service unavailable (still after retries): Vercel is unreachable or overloaded. ` +
        'Re-run the job later; if it persists, check https://www.vercel-status.com.',
    );
    expect(vercel.calls('POST /v13/deployments')).toHaveLength(0);
  });

  it('a deployment it lost track of while waiting may still build: the message says where to look', async () => {
    vercel.nextBuild({ states: ['BUILDING', 'READY'] });
    vercel.failNext('GET /v13/deployments/:idOrUrl', { status: 502, body: 'Bad Gateway' }, 4);
    const run = await runDeploy(vercel, await sourceApp(), {});
    const d = vercel.state.deployments.at(-1)!;
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      `Vercel deployment ${d.id} was created, but deploy-kit lost track of it: Vercel API GET /v13/deployments/${d.id} answered 502: Bad Gateway (still after retries). ` +
        `It may still build and serve: check https://vercel.com/emulated-team/web/${d.id.slice(4)} before deploying again.`,
    );
  });

  it('fails clearly when Vercel keeps asking for the uploaded files', async () => {
    const app = await sourceApp();
    await runDeploy(vercel, app, {});
    const known = [...vercel.state.blobs.keys()].slice(0, 1);
    vercel.failNext('POST /v13/deployments', { status: 400, body: { error: { code: 'missing_files', message: 'Missing files', missing: known } } }, 3);
    const run = await runDeploy(vercel, app, {});
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      'Vercel still reports 1 file(s) missing after 2 upload round(s): the uploads are not being kept. Re-run the job; if it persists, check https://www.vercel-status.com.',
    );
  });
});

describe('deploy: a deployment that does not serve', () => {
  it('ERROR: the last lines of the build log are in the log and the summary', async () => {
    vercel.nextBuild({ states: ['BUILDING', 'ERROR'], log: buildLog });
    const run = await runDeploy(vercel, await sourceApp(), {});
    const d = vercel.state.deployments.at(-1)!;
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      `Vercel deployment ${d.id} ended in ERROR (BUILD_FAILED): The build failed: see the build log. The last lines of the build log are above and in the job summary; the full log: https://vercel.com/emulated-team/web/${d.id.slice(4)}.`,
    );
    expect(run.stdout).toContain(`::group::Vercel build log of ${d.id} (last 30 lines)`);
    expect(run.stdout).toContain('Command "npm run build" exited with 1');
    expect(run.stdout).toContain('build line 13');
    expect(run.stdout).not.toContain('build line 12\n');
    expect(run.summary).toContain('Error: Cannot find module "./cart"');
    expect(run.summary).toContain('<details><summary>Vercel build</summary>');
    expect(run.outputs).toMatchObject({ 'deployment-id': d.id, 'ready-state': 'ERROR' });
    expect(run.outputs).not.toHaveProperty('url');
    const events = vercel.calls('GET /v3/deployments/:idOrUrl/events')[0]!;
    expect(Object.fromEntries(events.query)).toMatchObject({ direction: 'backward', follow: '0' });
  });

  it('past timeout a deployment still building is cancelled and the step says so', async () => {
    vercel.nextBuild({ states: ['BUILDING'] });
    const run = await runDeploy(vercel, await sourceApp(), { timeout: '1s' });
    const d = vercel.state.deployments.at(-1)!;
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      `Vercel deployment ${d.id} was still BUILDING after 'timeout' (1s), so deploy-kit cancelled it. Raise 'timeout' if builds take longer, or find what holds the build up. Inspect it: https://vercel.com/emulated-team/web/${d.id.slice(4)}`,
    );
    expect(vercel.calls('PATCH /v12/deployments/:id/cancel')).toHaveLength(1);
    expect(d.readyState).toBe('CANCELED');
    expect(run.outputs['ready-state']).toBe('CANCELED');
  });

  it('a production deployment whose domains never get assigned is not cancelled', async () => {
    vercel.nextBuild({ states: ['READY'], aliasPolls: 10_000 });
    const run = await runDeploy(vercel, await sourceApp(), { environment: 'production', timeout: '1s' });
    expect(run.result.message).toMatch(/is READY but its production domains were not assigned within 'timeout' \(1s\); it was left as is\./);
    expect(vercel.calls('PATCH /v12/deployments/:id/cancel')).toHaveLength(0);
  });

  it('a production alias error fails with Vercel\'s reason', async () => {
    vercel.nextBuild({ aliasError: { code: 'cert_missing', message: 'No certificate for web.example.com' } });
    const run = await runDeploy(vercel, await sourceApp(), { environment: 'production' });
    expect(run.result.message).toMatch(/is READY but Vercel could not point the production domains at it \(cert_missing: No certificate for web\.example\.com\)\. Check the project's Settings → Domains\./);
    expect(run.outputs).not.toHaveProperty('url');
  });

  it('a deployment canceled elsewhere is reported as such', async () => {
    vercel.nextBuild({ states: ['BUILDING', 'CANCELED'] });
    const run = await runDeploy(vercel, await sourceApp(), {});
    expect(run.result.message).toMatch(/was canceled outside this step \(in the dashboard, or by a newer deployment\)\. Re-run the job to deploy again\./);
    expect(run.outputs['ready-state']).toBe('CANCELED');
  });

  it('an alias owned by another team (409) fails the step without a url, naming the fix', async () => {
    vercel.state.foreignAliases.add('shop.example.com');
    const run = await runDeploy(vercel, await sourceApp(), { alias: 'pr.example.com, shop.example.com' });
    const d = vercel.state.deployments.at(-1)!;
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      `Vercel deployment ${d.id} is READY, but 1 of 2 alias(es) could not be assigned: shop.example.com is already in use by another Vercel team or project (409 alias_in_use): remove it from that project's Domains settings, or choose another alias.`,
    );
    expect(run.outputs).not.toHaveProperty('url');
    expect(run.outputs['deployment-id']).toBe(d.id);
    expect(vercel.state.aliases.get('pr.example.com')).toBe(d.id);
  });
});

describe('deploy: access problems get one line with the fix', () => {
  it('a bad token answered 403 (the documented "Not authorized")', async () => {
    const run = await runDeploy(vercel, await sourceApp(), { 'vercel-token': 'not-the-right-token-123' });
    expect(run.result.message).toBe(
      "Vercel rejected the token (403): it is invalid, expired or revoked. Create a token at https://vercel.com/account/tokens and store it as the secret passed to 'vercel-token'.",
    );
    expect(run.everything).not.toContain('not-the-right-token-123');
  });

  it('a bad token answered 401', async () => {
    await vercel.close();
    vercel = await startVercelEmulator({ invalidTokenStatus: 401 });
    const run = await runDeploy(vercel, await sourceApp(), { 'vercel-token': 'not-the-right-token-123' });
    expect(run.result.message).toBe(
      "Vercel rejected the token (401): it is invalid, expired or revoked. Create a token at https://vercel.com/account/tokens and store it as the secret passed to 'vercel-token'.",
    );
    expect(vercel.calls('GET /v2/user')).toHaveLength(0);
  });

  it('a team the token cannot reach', async () => {
    const run = await runDeploy(vercel, await sourceApp(), { 'vercel-org-id': vercel.otherTeamId });
    expect(run.result.message).toBe(
      `The Vercel token cannot reach team ${vercel.otherTeamId} (403 forbidden). Check 'vercel-org-id', or create a token whose scope includes ${vercel.otherTeamId} at https://vercel.com/account/tokens.`,
    );
    expect(vercel.calls('GET /v2/user')).toHaveLength(1);
  });

  it('an unknown project', async () => {
    const run = await runDeploy(vercel, await sourceApp(), { 'vercel-project-id': 'prj_doesnotexist' });
    expect(run.result.message).toBe(
      `Vercel project 'prj_doesnotexist' was not found in team ${vercel.teamId} (404). Check 'vercel-project-id' (or .vercel/project.json): it must be the project id (prj_…) or name, and 'vercel-org-id' the team that owns it.`,
    );
    expect(vercel.calls('POST /v13/deployments')).toHaveLength(0);
  });

  it('a project of a team, asked for without vercel-org-id, is not found in the personal account', async () => {
    const run = await runDeploy(vercel, await sourceApp(), { 'vercel-org-id': undefined });
    expect(run.result.message).toMatch(/^Vercel project 'prj_emulated0000000000000001' was not found in the token's personal account \(404\)\./);
  });
});

describe('deploy: the token never appears in anything written', () => {
  it('not in a successful run, nor when an API error echoes it', async () => {
    const app = await sourceApp();
    const ok = await runDeploy(vercel, app, { 'github-deployment': 'true' });
    expect(ok.everything).not.toContain(vercel.token);
    expect(ok.stdout).toContain(`::add-mask::${vercel.token}`);

    vercel.failNext('POST /v13/deployments', { status: 400, body: { error: { code: 'bad_request', message: `Token ${vercel.token} may not deploy here` } } });
    const failed = await runDeploy(vercel, app, {});
    expect(failed.failed).toBe(true);
    expect(failed.result.message).toContain('Token *** may not deploy here');
    expect(failed.everything).not.toContain(vercel.token);
  });
});
