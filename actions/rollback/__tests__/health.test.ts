import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { checkOf, mutatingCalls, runRollback, seedHistory, startProduction, workspace, type History, type Production } from './helpers.js';

/** After the promotion, the smoke-test checks against production: a real HTTPS server stands in for it. */
let vercel: VercelEmulator;
let history: History;
let healthy: Production;
let broken: Production;
/** Which deployment the emulator had in production each time the health endpoint was asked. */
const productionAtHealthCheck: (string | undefined)[] = [];

beforeAll(async () => {
  healthy = await startProduction({
    'GET /api/health': () => {
      productionAtHealthCheck.push(vercel.project.productionDeploymentId);
      return { headers: { 'content-type': 'application/json' }, body: '{"status":"healthy","db":"up"}' };
    },
  });
  broken = await startProduction({ 'GET /api/health': () => ({ status: 500, headers: { 'content-type': 'application/json' }, body: '{"status":"down","db":"timeout"}' }) });
});
afterAll(async () => Promise.all([healthy.close(), broken.close()]));

beforeEach(async () => {
  vercel = await startVercelEmulator();
  history = seedHistory(vercel);
});
afterEach(async () => vercel.close());

describe('rollback: the smoke checks after promoting', () => {
  it('proves production healthy with the same checks as smoke-test', async () => {
    productionAtHealthCheck.length = 0;
    const run = await runRollback(vercel, { paths: '/, /api/health', reason: 'Checkout answers 500' }, { production: healthy });

    expect(run.failed).toBe(false);
    expect(run.result.report.checks.map((c) => [c.id, c.status])).toEqual([
      ['from', 'pass'],
      ['target', 'pass'],
      ['promotion', 'pass'],
      ['readiness', 'pass'],
      ['tls', 'pass'],
      ['https-redirect', 'pass'],
      ['headers', 'pass'],
      ['endpoint:GET /', 'pass'],
      ['endpoint:GET /api/health', 'pass'],
      ['cors', 'pass'],
    ]);
    expect(run.outputs).toEqual({
      'rolled-back-from': history.serving.id,
      'rolled-back-to': history.good.id,
      url: healthy.url,
      status: 'rolled-back',
      'lighthouse-report': '',
      'report-path': expect.stringMatching(/deploy-kit\/rollback-report\.json$/),
    });
    // The checks ran only once production served the target.
    expect(productionAtHealthCheck.length).toBeGreaterThan(0);
    expect(new Set(productionAtHealthCheck)).toEqual(new Set([history.good.id]));
  });

  it('fails as unhealthy when a health check fails after the promotion, leaving production on the target', async () => {
    const run = await runRollback(vercel, { paths: '/, /api/health' }, { production: broken });

    expect(run.failed).toBe(true);
    expect(run.outputs).toMatchObject({ status: 'unhealthy', 'rolled-back-to': history.good.id });
    expect(checkOf(run, 'endpoint:GET /api/health')).toMatchObject({ status: 'fail' });
    expect(run.result.message).toMatch(
      new RegExp(`^Production now serves ${history.good.id} \\(rolled back from ${history.serving.id}\\), but it is not healthy: Smoke test of ${broken.url.replace(/[.]/g, '\\.')} failed 1 of 7 check\\(s\\) — GET /api/health: expected status 200, got 500: .+ Production stays there: roll back further with 'to', or fix forward\\.$`),
    );
    expect(vercel.project.productionDeploymentId).toBe(history.good.id);
    expect(run.summary).toContain('but the smoke checks fail');
  });

  it("reads the endpoints and their assertions from the config file's smoke section", async () => {
    const ws = await workspace({ 'ci/deploy-kit.yml': 'smoke:\n  endpoints:\n    - path: /api/health\n      json: [\'db == "up"\', \'status == "degraded"\']\n' });
    const run = await runRollback(vercel, { config: 'ci/deploy-kit.yml' }, { production: healthy, workspace: ws });
    const check = checkOf(run, 'endpoint:GET /api/health');
    expect(check.status).toBe('fail');
    expect(check.summary).toContain('status == "degraded"');
    expect(run.outputs.status).toBe('unhealthy');
  });

  it('stops before promoting when the smoke section of the config file is wrong', async () => {
    const ws = await workspace({ '.github/deploy-kit.yml': 'smoke:\n  endpoints:\n    - path: api/health\n' });
    const run = await runRollback(vercel, {}, { production: healthy, workspace: ws });
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(/^\.github\/deploy-kit\.yml:3: smoke\.endpoints\.0\.path: must start with '\/'/);
    expect(vercel.requests).toHaveLength(0);
  });

  it("checks the production domain by default, a custom domain before the project's vercel.app one", async () => {
    const run = await runRollback(vercel, {});
    expect(run.outputs.url).toBe('https://web.example.com');
    expect(checkOf(run, 'smoke')).toMatchObject({ status: 'skip', summary: "not run: 'smoke-test' is false" });
  });
});

describe('rollback: dry-run', () => {
  it('says what would be promoted and changes nothing', async () => {
    const siteRequestsBefore = healthy.site.requests.length;
    const run = await runRollback(vercel, { 'dry-run': 'true', reason: 'Checkout answers 500' }, { production: healthy });

    expect(run.failed).toBe(false);
    expect(mutatingCalls(vercel)).toEqual([]);
    expect(vercel.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(vercel.project.productionDeploymentId).toBe(history.serving.id);
    expect(healthy.site.requests).toHaveLength(siteRequestsBefore);
    expect(run.outputs).toEqual({ 'rolled-back-from': history.serving.id, 'rolled-back-to': history.good.id, url: healthy.url, status: 'dry-run', 'lighthouse-report': '', 'report-path': expect.any(String) });
    expect(run.stdout).toContain(`Dry run: would promote ${history.good.id} (${history.good.url})`);
    expect(run.stdout).toContain(`to production, replacing ${history.serving.id}. Nothing was changed.`);
    expect(run.summary).toContain(`**Dry run:** would promote \`${history.good.id}\``);
  });
});
