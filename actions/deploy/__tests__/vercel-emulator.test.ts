import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { AssignAliasResponseBody$inboundSchema } from '@vercel/sdk/models/assignaliasop.js';
import { CancelDeploymentResponseBody$inboundSchema } from '@vercel/sdk/models/canceldeploymentresponsebody.js';
import { CreateDeploymentResponseBody$inboundSchema } from '@vercel/sdk/models/createdeploymentresponsebody.js';
import { GetAuthUserResponseBody$inboundSchema } from '@vercel/sdk/models/getauthuserop.js';
import { GetDeploymentEventsResponse$inboundSchema } from '@vercel/sdk/models/getdeploymenteventsop.js';
import { GetDeploymentResponseBody$inboundSchema } from '@vercel/sdk/models/getdeploymentresponsebody.js';
import { GetDeploymentsResponseBody$inboundSchema } from '@vercel/sdk/models/getdeploymentsop.js';
import { GetProjectResponseBody$inboundSchema } from '@vercel/sdk/models/getprojectresponsebody.js';
import { ListPromoteAliasesResponseBody$inboundSchema } from '@vercel/sdk/models/listpromotealiasesop.js';
import { VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';

/**
 * The emulator against the published contract: its answers parse with the @vercel/sdk inbound
 * models, and request bodies that drift from the SDK's request models are refused. Also the
 * shared client's calls rollback builds on (pages of deployments, promote, rollback, status).
 */
let vercel: VercelEmulator;
let client: VercelClient;
beforeEach(async () => {
  vercel = await startVercelEmulator();
  client = new VercelClient({ token: vercel.token, orgId: vercel.teamId, apiUrl: vercel.url, backoffMs: 1 });
});
afterEach(async () => vercel.close());

const sha1 = (data: string) => createHash('sha1').update(data).digest('hex');

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await request(`${vercel.url}${path}`, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${vercel.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function expectParses(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown): void {
  const parsed = schema.safeParse(value);
  expect(parsed.error).toBeUndefined();
  expect(parsed.success).toBe(true);
}

const team = () => `teamId=${vercel.teamId}`;

async function createdDeployment(target: 'production' | 'preview' = 'preview') {
  await client.uploadFile(sha1('hello'), Buffer.from('hello'));
  const result = await client.createDeployment({ name: 'web', project: vercel.project.id, target, files: [{ file: 'index.html', sha: sha1('hello'), size: 5 }] });
  if (result.kind !== 'created') throw new Error('not created');
  return result.deployment;
}

describe('Vercel emulator: answers follow the @vercel/sdk response models', () => {
  it('deployments: create, get, cancel, list and events', async () => {
    vercel.nextBuild({ states: ['BUILDING'], log: ['Installing', 'Building'] });
    const created = await call('POST', `/v13/deployments?${team()}`, { name: 'web', project: vercel.project.id, files: [] });
    expectParses(CreateDeploymentResponseBody$inboundSchema, created.body);
    const id = (created.body as { id: string }).id;
    expectParses(GetDeploymentResponseBody$inboundSchema, (await call('GET', `/v13/deployments/${id}?${team()}`)).body);
    expectParses(GetDeploymentEventsResponse$inboundSchema, (await call('GET', `/v3/deployments/${id}/events?${team()}&follow=0`)).body);
    expectParses(CancelDeploymentResponseBody$inboundSchema, (await call('PATCH', `/v12/deployments/${id}/cancel?${team()}`)).body);
    expectParses(GetDeploymentsResponseBody$inboundSchema, (await call('GET', `/v6/deployments?${team()}&projectId=${vercel.project.id}`)).body);
  });

  it('projects, users, aliases and promotion status', async () => {
    const d = vercel.seedDeployment({ target: 'production', serving: true });
    expectParses(GetProjectResponseBody$inboundSchema, (await call('GET', `/v9/projects/${vercel.project.id}?${team()}`)).body);
    expectParses(GetAuthUserResponseBody$inboundSchema, (await call('GET', '/v2/user')).body);
    expectParses(AssignAliasResponseBody$inboundSchema, (await call('POST', `/v2/deployments/${d.id}/aliases?${team()}`, { alias: 'x.example.com' })).body);
    const newer = vercel.seedDeployment({ target: 'production' });
    vercel.promotionPolls = 'never';
    expect((await call('POST', `/v10/projects/${vercel.project.id}/promote/${newer.id}?${team()}`)).status).toBe(202);
    expectParses(ListPromoteAliasesResponseBody$inboundSchema, (await call('GET', `/v1/projects/${vercel.project.id}/promote/aliases?${team()}`)).body);
  });
});

describe('Vercel emulator: requests that drift from the published schema are refused', () => {
  it('a files entry with a field the schema does not have', async () => {
    const res = await call('POST', `/v13/deployments?${team()}`, { name: 'web', project: vercel.project.id, files: [{ file: 'a.txt', sha: sha1('a'), size: 1, mode: 33188 }] });
    expect(res.status).toBe(400);
    expect(vercel.state.violations).toEqual([{ route: 'POST /v13/deployments', problems: ['files.0.mode: not in the published schema'] }]);
  });

  it('files entries of either kind that break the union: a fractional size among valid ones, an inlined file without its name', async () => {
    const valid = { file: 'b.txt', sha: sha1('b'), size: 1 };
    await call('POST', `/v13/deployments?${team()}`, { name: 'web', project: vercel.project.id, files: [valid, { file: 'a.txt', sha: sha1('a'), size: 1.5 }, valid] });
    await call('POST', `/v13/deployments?${team()}`, { name: 'web', project: vercel.project.id, files: [valid, { data: 'aGk=', encoding: 'base64' }] });
    expect(vercel.state.violations.map((v) => v.problems)).toEqual([[expect.stringMatching(/^files\.1: /)], [expect.stringMatching(/^files\.1: /)]]);
  });

  it('a body without its required name, a wrongly typed target, an unknown query parameter', async () => {
    await call('POST', `/v13/deployments?${team()}&force=1`, { project: vercel.project.id, target: 3 });
    expect(vercel.state.violations[0]!.problems).toEqual(expect.arrayContaining(['?force: not a documented query parameter', expect.stringMatching(/^name: /), expect.stringMatching(/^target: /)]));
  });

  it('an alias body with an unknown key', async () => {
    const d = vercel.seedDeployment({ target: null });
    const res = await call('POST', `/v2/deployments/${d.id}/aliases?${team()}`, { alias: 'a.example.com', domain: 'a.example.com' });
    expect(res.status).toBe(400);
    expect(vercel.state.violations[0]!.problems).toEqual(['domain: not in the published schema']);
  });

  it('an upload whose digest or length does not match its body', async () => {
    const wrong = await call('POST', `/v2/files?${team()}`, undefined, { 'x-vercel-digest': sha1('other'), 'content-type': 'application/octet-stream' });
    expect(wrong.status).toBe(400);
    const res = await request(`${vercel.url}/v2/files?${team()}`, { method: 'POST', headers: { authorization: `Bearer ${vercel.token}`, 'x-vercel-digest': sha1('abc') }, body: 'abd' });
    expect(res.statusCode).toBe(400);
    expect(await res.body.json()).toMatchObject({ error: { code: 'invalid_digest' } });
    expect(vercel.state.uploads).toEqual([]);
  });

  it('a deployment without project deploys to (and creates) a project named after it, as Vercel does', async () => {
    await call('POST', `/v13/deployments?${team()}`, { name: 'typo-project', files: [] });
    expect(vercel.state.projectsCreated).toEqual(['typo-project']);
  });
});

describe('VercelClient: the calls rollback builds on', () => {
  it('missing_files lists the unknown digests, once each', async () => {
    const files = [
      { file: 'a.txt', sha: sha1('a'), size: 1 },
      { file: 'b.txt', sha: sha1('a'), size: 1 },
    ];
    expect(await client.createDeployment({ name: 'web', project: vercel.project.id, files })).toEqual({ kind: 'missing-files', missing: [sha1('a')] });
  });

  it('lists production deployments page by page, newest first', async () => {
    await vercel.close();
    vercel = await startVercelEmulator({ maxPageSize: 2 });
    client = new VercelClient({ token: vercel.token, orgId: vercel.teamId, apiUrl: vercel.url });
    const now = Date.now();
    const seeded = Array.from({ length: 8 }, (_, i) => vercel.seedDeployment({ target: i % 3 === 0 ? null : 'production', createdAt: now - 1000 * (i + 1) }));
    const listed: string[] = [];
    for await (const d of client.deployments({ projectId: vercel.project.id, target: 'production', state: 'READY', limit: 2 })) listed.push(d.id);
    expect(listed).toEqual(seeded.filter((d) => d.target === 'production').map((d) => d.id));
    expect(vercel.calls('GET /v6/deployments').map((r) => r.query.get('until'))).toEqual([null, String(seeded[2]!.createdAt), String(seeded[5]!.createdAt)]);
  });

  it('promote is queued (202) and completes after the project is polled', async () => {
    const serving = vercel.seedDeployment({ target: 'production', serving: true, createdAt: Date.now() - 5000 });
    const target = vercel.seedDeployment({ target: 'production', createdAt: Date.now() - 10_000 });
    vercel.promotionPolls = 2;
    expect(await client.promote(vercel.project.id, target.id)).toEqual({ status: 202 });
    expect((await client.promoteAliases(vercel.project.id)).aliases.map((a) => a.status)).toEqual(['in-progress', 'in-progress']);
    const project = await client.getProject(vercel.project.id);
    expect(project.lastAliasRequest).toMatchObject({ fromDeploymentId: serving.id, toDeploymentId: target.id, jobStatus: 'succeeded', type: 'promote' });
    expect(project.targets?.['production']?.id).toBe(target.id);
    expect(vercel.state.aliases.get('web.example.com')).toBe(target.id);
  });

  it('a promotion that never completes stays in progress', async () => {
    vercel.seedDeployment({ target: 'production', serving: true });
    const target = vercel.seedDeployment({ target: 'production' });
    vercel.promotionPolls = 'never';
    await client.rollback(vercel.project.id, target.id, 'smoke test failed');
    for (let i = 0; i < 3; i++) expect((await client.getProject(vercel.project.id)).lastAliasRequest?.jobStatus).toBe('in-progress');
    expect(vercel.calls('POST /v1/projects/:projectId/rollback/:deploymentId')[0]!.query.get('description')).toBe('smoke test failed');
  });

  it('refuses to promote a preview or a deployment that is not READY', async () => {
    const preview = vercel.seedDeployment({ target: null });
    const failed = vercel.seedDeployment({ target: 'production', readyState: 'ERROR' });
    await expect(client.promote(vercel.project.id, preview.id)).rejects.toMatchObject({ status: 422 });
    await expect(client.promote(vercel.project.id, failed.id)).rejects.toMatchObject({ status: 422 });
  });

  it('gets a deployment by id or by URL', async () => {
    const d = await createdDeployment();
    expect((await client.getDeployment(d.url)).id).toBe(d.id);
    expect((await client.getDeployment(`https://${d.url}`)).id).toBe(d.id);
  });

  it('reads the build log in time order whatever the API order', async () => {
    vercel.nextBuild({ states: ['ERROR'], log: ['one', 'two\nthree', '\u001b[31mfour\u001b[39m'] });
    const d = await createdDeployment();
    expect(await client.buildLogTail(d.id, 3)).toEqual(['two', 'three', 'four']);
  });
});
