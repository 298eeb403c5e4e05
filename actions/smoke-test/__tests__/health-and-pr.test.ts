import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { judgeHealth } from '../../../packages/shared/src/smoke/index.js';
import { COMMENT_MARKER } from '../../../packages/shared/src/github/sticky-comment.js';
import { smokeTestDefinition } from '../src/action.js';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';
import { startSite, type Site } from '../../../test/servers/site.js';
import { checkOf } from './helpers.js';

const json = (value: unknown, status = 200) => () => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

describe('health bodies judged by their own words (IETF health check draft vocabulary)', () => {
  it('judges the top-level status and every component by the policy', () => {
    const body = JSON.stringify({ status: 'degraded', services: { redis: 'down', db: { status: 'up' } }, checks: { 'disk:utilization': [{ status: 'warn' }] } });
    expect(judgeHealth(body, 'standard')).toEqual({
      failures: ['services.redis is "down"'],
      warnings: ['status is "degraded"', 'checks.disk:utilization[0] is "warn"'],
    });
    expect(judgeHealth(body, 'strict')).toEqual({ failures: ['status is "degraded"', 'services.redis is "down"', 'checks.disk:utilization[0] is "warn"'], warnings: [] });
    expect(judgeHealth(body, 'warn')).toEqual({ failures: [], warnings: ['status is "degraded"', 'services.redis is "down"', 'checks.disk:utilization[0] is "warn"'] });
    expect(judgeHealth(body, 'off')).toEqual({ failures: [], warnings: [] });
  });

  it('reads `health`, Spring Boot components and upper case; leaves HTML and unknown words alone', () => {
    expect(judgeHealth('{"health":"UNHEALTHY"}', 'standard').failures).toEqual(['health is "UNHEALTHY"']);
    expect(judgeHealth('{"status":"UP","components":{"db":{"status":"OUT_OF_SERVICE"}}}', 'standard').failures).toEqual(['components.db is "OUT_OF_SERVICE"']);
    expect(judgeHealth('{"status":"pass","services":{"a":"ok","b":"healthy"}}', 'strict')).toEqual({ failures: [], warnings: [] });
    expect(judgeHealth('<h1>status: down</h1>', 'strict')).toEqual({ failures: [], warnings: [] });
    expect(judgeHealth('{"status":"running","services":["down"]}', 'strict')).toEqual({ failures: [], warnings: [] });
  });
});

describe('smoke-test on a live site: health bodies and the pull request', () => {
  let site: Site;
  let gh: GitHubEmulator;

  beforeAll(async () => {
    site = await startSite({
      'GET /': () => ({ body: '<h1>Shop</h1>' }),
      'GET /api/health': json({ status: 'degraded', services: { redis: 'down', db: 'up' } }),
      'GET /api/ready': json({ status: 'degraded', services: { db: 'up' } }),
      'GET /api/ok': json({ status: 'pass' }),
    });
    gh = await startGitHubEmulator();
  });
  afterAll(async () => Promise.all([site.close(), gh.close()]));

  const definition = () => smokeTestDefinition({ pollIntervalMs: 20 });
  const run = (inputs: Record<string, string>, options = {}) =>
    runLikeRunner(definition(), { url: `${site.url}/`, 'wait-for': '0', requests: '2', ...inputs }, options);

  it('fails a 200 whose body says a service is down, and warns on "degraded", naming each', async () => {
    const result = await run({ paths: '/api/health, /api/ready, /api/ok' });
    expect(checkOf(result, 'endpoint:GET /api/health')).toMatchObject({
      status: 'fail',
      summary: 'expected a healthy body, got services.redis is "down"',
    });
    expect(checkOf(result, 'endpoint:GET /api/ready')).toMatchObject({
      status: 'warn',
      summary: expect.stringMatching(/^the body reports status is "degraded" \(health-policy standard\); p95 \d+ ms over 2 request\(s\) \(p50 \d+ ms, max \d+ ms; 2 at a time\)$/),
    });
    expect(checkOf(result, 'endpoint:GET /api/ok').status).toBe('pass');
    expect(result.failed).toBe(true);
    expect(result.summary).toContain('the body reports status is "degraded"');
  });

  it('health-policy warn never fails on the body; off does not judge it', async () => {
    const warned = await run({ paths: '/api/health', 'health-policy': 'warn' });
    expect(checkOf(warned, 'endpoint:GET /api/health')).toMatchObject({ status: 'warn', summary: expect.stringContaining('the body reports status is "degraded", services.redis is "down"') });
    const off = await run({ paths: '/api/health', 'health-policy': 'off' });
    expect(checkOf(off, 'endpoint:GET /api/health').status).toBe('pass');
  });

  it('writes its sticky comment section and a check run on a pull request, latency as gauges', async () => {
    const env = { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '77' };
    const event = { pull_request: { number: 21, head: { ref: 'feature', sha: 'feedbeef' } } };
    const inputs = { paths: '/api/health, /api/ok', 'github-token': 'ghs_smoke_token_0123456789' };
    await run(inputs, { env, event, eventName: 'pull_request' });
    const result = await run(inputs, { env, event, eventName: 'pull_request' });

    const comments = gh.state.comments.filter((c) => c.issue === 21);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toContain(COMMENT_MARKER);
    expect(body).toContain('<!-- deploy-kit:section:smoke-test -->');
    expect(body.match(/## Smoke test/g)).toHaveLength(1);
    expect(body).toMatch(/\| GET \/api\/ok p95 \| 🟢 `[█░]{10}` \| \d+ ms \| ≤ 2000 ms \|/);
    expect(body).toContain('expected a healthy body, got services.redis is "down"');

    const checkRun = gh.state.checkRuns.at(-1)!;
    expect(checkRun).toMatchObject({ name: 'deploy-kit smoke-test', head_sha: 'feedbeef', conclusion: 'failure' });
    expect(checkRun.output.summary).toContain('GET /api/ok p95');
    expect(result.outputs['report-path']).toMatch(/deploy-kit\/smoke-test-report\.json$/);
    const report = JSON.parse(await readFile(result.outputs['report-path']!, 'utf8')) as { checks: { id: string; metrics?: unknown[] }[] };
    expect(report.checks.find((c) => c.id === 'endpoint:GET /api/ok')!.metrics).toEqual([{ label: 'GET /api/ok p95', value: expect.any(Number), unit: 'ms', limit: 2000 }]);
    expect(result.everything).not.toContain('ghs_smoke_token_0123456789');
  });
});
