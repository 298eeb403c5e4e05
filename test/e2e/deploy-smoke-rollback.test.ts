import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runDist } from '../harness/dist.js';
import { startVercelEmulator, type VercelEmulator } from '../emulators/vercel.js';
import { prebuiltApp, pushEvent, REPO, SHA } from '../../actions/deploy/__tests__/helpers.js';

/**
 * The pipeline of examples/deploy-on-push.yml, with the built actions: deploy to production, the
 * smoke test fails on the new build, and rollback puts back the deployment deploy said was serving.
 */
let vercel: VercelEmulator;
let broken: Server;
let brokenUrl: string;
beforeAll(async () => {
  vercel = await startVercelEmulator();
  // The new build "serving" production: its health endpoint is down.
  broken = createServer((req, res) => {
    res.writeHead(req.url === '/api/health' ? 503 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: req.url === '/api/health' ? 'down' : 'ok' }));
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await vercel.close();
  await new Promise((resolve) => broken.close(resolve));
});

const env = { GITHUB_REPOSITORY: REPO, GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/main', GITHUB_ACTOR: 'octocat', GITHUB_RUN_ID: '12', DEPLOY_KIT_POLL_MS: '5', DEPLOY_KIT_RETRY_MS: '5' };

describe('deploy → smoke-test fails → rollback to previous-deployment-id', () => {
  it('puts the deployment that served before back in production', async () => {
    const before = vercel.seedDeployment({ target: 'production', createdAt: Date.now() - 3_600_000, serving: true });
    const vercelInputs = { 'vercel-token': vercel.token, 'vercel-org-id': vercel.teamId, 'vercel-project-id': vercel.project.id, 'api-url': vercel.url };
    const app = await prebuiltApp('production');

    const deploy = await runDist('deploy', { ...vercelInputs, environment: 'production', prebuilt: 'true' }, { env: { ...env, GITHUB_WORKSPACE: app }, event: pushEvent, cwd: app });
    expect(deploy.exitCode).toBe(0);
    expect(deploy.outputs['previous-deployment-id']).toBe(before.id);
    expect(vercel.project.productionDeploymentId).toBe(deploy.outputs['deployment-id']);

    const smoke = await runDist('smoke-test', { url: brokenUrl, paths: '/api/health', 'wait-for': '1', 'min-grade': 'F', 'min-tls-days': '0' }, { env });
    expect(smoke.exitCode).toBe(1);
    expect(smoke.outputs['status']).toBe('failure');
    expect(smoke.stdout).toMatch(/::error::.*\/api\/health/);

    const rollback = await runDist('rollback', { ...vercelInputs, to: deploy.outputs['previous-deployment-id'], reason: 'The smoke test of the new deployment failed', 'smoke-test': 'false' }, { env });
    expect(rollback.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([]);
    expect(rollback.exitCode).toBe(0);
    expect(rollback.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back-from': deploy.outputs['deployment-id'], 'rolled-back-to': before.id });
    expect(vercel.project.productionDeploymentId).toBe(before.id);
    expect(rollback.summary).toContain('The smoke test of the new deployment failed');
  });
});
