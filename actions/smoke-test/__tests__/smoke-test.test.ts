import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { SmokeEnvironment } from '../../../packages/shared/src/smoke/index.js';
import { smokeTestDefinition } from '../src/action.js';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { createTestCa, issueCertificate, type KeyPair, type TestCa } from '../../../test/servers/certificates.js';
import { startSite, type Site, type SiteHandler, type SiteReply } from '../../../test/servers/site.js';
import { BAD_HEADERS, GOOD_HEADERS, checkOf, writeConfig } from './helpers.js';

const BYPASS = 'vercel-bypass-s3cret-0123456789abcdef';

describe('smoke-test against live local servers', () => {
  let ca: TestCa;
  let localhostCert: KeyPair;
  const sites: Site[] = [];

  beforeAll(async () => {
    ca = await createTestCa();
    localhostCert = await issueCertificate(ca, { ips: ['127.0.0.1'] });
  });
  afterAll(async () => Promise.all(sites.map((s) => s.close())));

  async function https(routes: Record<string, SiteHandler>): Promise<Site> {
    const site = await startSite(routes, { tls: localhostCert });
    sites.push(site);
    return site;
  }

  /** Plain HTTP on its own port, redirecting every request to the HTTPS site (port 80 stands in). */
  async function redirector(target: Site): Promise<Site> {
    const site = await startSite({ 'GET /': () => ({ status: 308, headers: { location: `${target.url}/` } }) });
    sites.push(site);
    return site;
  }

  /** A port nothing listens on: the plain-HTTP probe of a site without a redirector finds no listener. */
  async function closedPort(): Promise<string> {
    const site = await startSite({});
    await site.close();
    return `${site.url}/`;
  }

  interface RunOptions {
    http?: Site;
    env?: Record<string, string>;
    environment?: SmokeEnvironment;
  }

  async function run(site: Site, inputs: Record<string, string>, options: RunOptions = {}) {
    const httpProbeUrl = options.http ? `${options.http.url}/` : await closedPort();
    const definition = smokeTestDefinition({ trustedCa: [ca.cert], httpProbeUrl, pollIntervalMs: 20, ...options.environment });
    // The config files are written under the temp dir: it is the workspace they must be inside.
    return runLikeRunner(definition, { url: `${site.url}/`, 'wait-for': '0', requests: '3', ...inputs }, { env: { GITHUB_WORKSPACE: tmpdir(), ...options.env } });
  }

  it('passes a well-configured site: A+ headers, valid TLS, HTTPS redirect, safe CORS', async () => {
    const site = await https({ 'GET /': () => ({ headers: GOOD_HEADERS, body: '<h1>Shop</h1>' }) });
    const http = await redirector(site);
    const result = await run(site, {}, { http });
    expect(result.result.report.checks.map((c) => [c.id, c.status])).toEqual([
      ['readiness', 'pass'],
      ['tls', 'pass'],
      ['https-redirect', 'pass'],
      ['headers', 'pass'],
      ['endpoint:GET /', 'pass'],
      ['cors', 'pass'],
    ]);
    expect(checkOf(result, 'headers').summary).toMatch(/^grade A\+ \(120\/100\), at least B$/);
    expect(checkOf(result, 'https-redirect').summary).toContain('plain HTTP redirects to HTTPS on the same host');
    expect(result.failed).toBe(false);
    expect(result.outputs).toMatchObject({ status: 'success', grade: 'A+', 'lighthouse-scores': '{}', 'lighthouse-report': '' });
    const json = JSON.parse(await readFile(result.outputs['report-path']!, 'utf8')) as { status: string; checks: unknown[] };
    expect(json).toMatchObject({ status: 'success' });
    expect(json.checks).toHaveLength(6);
  });

  it('fails bad headers on the grade, names the penalties and flags X-XSS-Protection', async () => {
    const site = await https({ 'GET /': () => ({ headers: BAD_HEADERS, body: 'ok' }) });
    const result = await run(site, { 'required-headers': 'permissions-policy, x-content-type-options' });
    const headers = checkOf(result, 'headers');
    expect(headers.status).toBe('fail');
    expect(headers.summary).toMatch(/^expected grade B or better, got F \(0\/100\): a session cookie without Secure/);
    expect(headers.summary).toContain('expected required header(s) permissions-policy, x-content-type-options, the response has none');
    expect(headers.detail).toContain("-20  csp-implemented-with-unsafe-inline: CSP allows 'unsafe-inline'");
    expect(headers.detail).toContain('sessionid: no Secure, session cookie without HttpOnly');
    expect(headers.detail).toContain('X-XSS-Protection: 1; mode=block is deprecated');
    expect(result.outputs).toMatchObject({ status: 'failure', grade: 'F' });
    expect(result.failed).toBe(true);
    expect(result.stdout).toMatch(/::error::Smoke test of https:\/\/127\.0\.0\.1:\d+\/ failed 1 of 6 check\(s\) — Security headers \(HTTP Observatory\): expected grade B/);
  });

  it('warns, without failing, on a deprecated X-XSS-Protection when the grade is met', async () => {
    const site = await https({ 'GET /': () => ({ headers: { ...GOOD_HEADERS, 'x-xss-protection': '1; mode=block' } }) });
    const result = await run(site, {});
    const headers = checkOf(result, 'headers');
    expect(headers.status).toBe('warn');
    expect(headers.summary).toContain('remove it or send X-XSS-Protection: 0, and rely on Content-Security-Policy');
  });

  it('fails when plain HTTP does not redirect to HTTPS', async () => {
    const site = await https({ 'GET /': () => ({ headers: GOOD_HEADERS }) });
    const http = await startSite({ 'GET /': () => ({ body: 'plain page' }) });
    sites.push(http);
    const check = checkOf(await run(site, {}, { http }), 'https-redirect');
    expect(check.status).toBe('fail');
    expect(check.summary).toMatch(/^expected http:\/\/127\.0\.0\.1:\d+\/ to redirect to https:\/\/127\.0\.0\.1 first, got: plain HTTP does not redirect to HTTPS \(200 http/);
  });

  it('waits for an endpoint that becomes ready after a few tries', async () => {
    const site = await https({ 'GET /': (_req, count) => (count <= 3 ? { status: 503, body: 'starting' } : { headers: GOOD_HEADERS }) });
    const result = await run(site, { 'wait-for': '10' });
    expect(checkOf(result, 'readiness')).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^answered 200 after 4 attempt\(s\)/) });
    expect(result.stdout).toContain('Attempt 3: answered 503');
    expect(result.failed).toBe(false);
  });

  it('gives up when the site never answers within wait-for, and says what it last saw', async () => {
    const site = await https({ 'GET /': () => ({ status: 503, body: 'down' }) });
    const result = await run(site, { 'wait-for': '0' });
    expect(result.result.report.checks).toHaveLength(1);
    expect(checkOf(result, 'readiness').summary).toMatch(/^expected https:\/\/127\.0\.0\.1:\d+\/ to answer 2xx within 0 s, got: answered 503 \(the last of 1 attempt\(s\)\)\. Check the deployment's logs, or raise wait-for/);
    expect(result.outputs['status']).toBe('failure');
  });

  it('stops at once on a protected deployment and asks for the bypass token', async () => {
    const site = await https({ 'GET /': () => ({ status: 401, body: 'Authentication Required' }) });
    const result = await run(site, { 'wait-for': '60' });
    expect(checkOf(result, 'readiness').summary).toContain('the deployment is protected. Pass the project\'s "Protection Bypass for Automation" secret as bypass-token.');
    expect(site.calls('/')).toHaveLength(1);
  });

  it('rejects a wrong bypass-token with a message naming it, never the value', async () => {
    const site = await https({ 'GET /': (req) => (req.headers['x-vercel-protection-bypass'] === BYPASS ? { headers: GOOD_HEADERS } : { status: 401 }) });
    const result = await run(site, { 'bypass-token': 'not-the-right-bypass-token' });
    expect(checkOf(result, 'readiness').summary).toMatch(/got 401 although the bypass token was sent: check bypass-token is this project's "Protection Bypass for Automation" secret/);
    expect(result.everything).not.toContain('not-the-right-bypass-token');
  });

  it('sends the bypass token on every HTTPS request to the deployment and never prints it', async () => {
    const site = await https({
      'GET /': () => ({ headers: GOOD_HEADERS }),
      'GET /api/echo': (req) => ({ status: 500, body: `debug: token=${String(req.headers['x-vercel-protection-bypass'])}` }),
      'GET /api/login': (_req, count) => (count > 2 ? { status: 429 } : { status: 401 }),
    });
    const http = await redirector(site);
    const result = await run(site, { 'bypass-token': BYPASS, paths: '/, /api/echo', 'rate-limit-path': '/api/login', 'rate-limit-max': '5' }, { http });
    expect(site.requests.length).toBeGreaterThan(10);
    for (const request of site.requests) expect(request.headers['x-vercel-protection-bypass']).toBe(BYPASS);
    // Never in clear text: the plain-HTTP probe of an HTTPS deployment goes without it.
    expect(http.requests).toHaveLength(1);
    expect(http.requests[0]!.headers['x-vercel-protection-bypass']).toBeUndefined();
    expect(checkOf(result, 'rate-limit').status).toBe('pass');
    expect(result.summary).toContain('debug: token=***');
    expect(result.everything).not.toContain(BYPASS);
  });

  it('never sends the bypass token to another host a redirect points at', async () => {
    const elsewhere = await startSite({ 'GET /landing': () => ({ headers: GOOD_HEADERS, body: 'landing' }) });
    sites.push(elsewhere);
    const site = await https({ 'GET /': () => ({ headers: GOOD_HEADERS }), 'GET /go': () => ({ status: 302, headers: { location: `http://elsewhere.test:${elsewhere.port}/landing` } }) });
    await run(site, { 'bypass-token': BYPASS, paths: '/go' }, { environment: { resolveHosts: { 'elsewhere.test': '127.0.0.1' } } });
    expect(elsewhere.calls('/landing').length).toBeGreaterThan(0);
    for (const request of elsewhere.requests) expect(request.headers['x-vercel-protection-bypass']).toBeUndefined();
  });

  /**
   * A handler that records the most requests it had in flight at once. Requests are held in groups
   * of `gather`, released together 40 ms after the group is full (a lone one after a second), so
   * the peak reaches `gather` however slowly a loaded machine opens connections, and a pool that
   * sent more at once would show them in the peak during those 40 ms. The CORS probes (they carry
   * an Origin and run beside the endpoint check) are not counted.
   */
  function inFlight(reply: (count: number) => SiteReply, gather = 1) {
    const seen = { now: 0, peak: 0, total: 0 };
    let group: (() => void)[] = [];
    const handler: SiteHandler = async (req, count) => {
      if (req.headers.origin) return reply(count);
      seen.total++;
      seen.peak = Math.max(seen.peak, ++seen.now);
      await new Promise<void>((resolve) => {
        group.push(resolve);
        if (group.length < gather) return void setTimeout(resolve, 1000);
        const full = group;
        group = [];
        setTimeout(() => full.forEach((release) => release()), 40);
      });
      seen.now--;
      return reply(count);
    };
    return { seen, handler };
  }

  it('sends an endpoint\'s requests `concurrency` at once (5 by default) and the rate-limit probe one at a time', async () => {
    const items = inFlight(() => ({ body: 'ok' }), 4);
    const login = inFlight((count) => ({ status: count >= 4 ? 429 : 200 }));
    const site = await https({ 'GET /': () => ({ headers: GOOD_HEADERS }), 'GET /api/items': items.handler, 'GET /login': login.handler });
    const result = await run(site, { paths: '/api/items', requests: '12', concurrency: '4', 'rate-limit-path': '/login', 'rate-limit-max': '10' });
    expect(checkOf(result, 'endpoint:GET /api/items')).toMatchObject({ status: 'pass', summary: expect.stringMatching(/over 12 request\(s\) \(p50 \d+ ms, max \d+ ms; 4 at a time\)/) });
    expect(items.seen.total).toBe(12);
    expect(items.seen.peak).toBe(4);
    expect(checkOf(result, 'rate-limit').status).toBe('pass');
    expect(login.seen.peak).toBe(1);

    const defaults = inFlight(() => ({ body: 'ok' }), 5);
    const other = await https({ 'GET /': () => ({ headers: GOOD_HEADERS }), 'GET /api/items': defaults.handler });
    await run(other, { paths: '/api/items', requests: '12' });
    expect(defaults.seen.peak).toBe(5);
  });

  it('fails a slow endpoint on its p95, with the budget and what came back', async () => {
    const site = await https({ 'GET /': () => ({ headers: GOOD_HEADERS }), 'GET /api/slow': () => ({ body: 'ok', delayMs: 150 }) });
    const result = await run(site, { paths: '/, /api/slow', 'max-latency-ms': '100', requests: '3' });
    const slow = checkOf(result, 'endpoint:GET /api/slow');
    expect(slow.status).toBe('fail');
    expect(slow.summary).toMatch(/^expected p95 latency at most 100 ms, got p95 (\d+) ms over 3 request\(s\) \(p50 \d+ ms, max \d+ ms; 3 at a time\)$/);
    expect(Number(/got p95 (\d+) ms/.exec(slow.summary!)![1])).toBeGreaterThanOrEqual(150);
  });

  it('checks JSON assertions, expected text and statuses from the config file', async () => {
    const site = await https({
      'GET /': () => ({ headers: GOOD_HEADERS }),
      'GET /api/health': () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'healthy', services: { db: 'healthy', cache: 'degraded' } }) }),
      'GET /api/version': () => ({ body: '{"sha":"0123abc"}' }),
      'POST /api/items': (req) => ({ status: 201, body: req.body }),
    });
    const config = await writeConfig([
      'smoke:',
      '  endpoints:',
      '    - path: /api/health',
      '      json:',
      '        - status == "healthy"',
      '        - services.* == "healthy"',
      '    - path: /api/version',
      '      text: ${DEPLOY_SHA}',
      '      max-latency-ms: 60000',
      '    - path: /api/items',
      '      method: post',
      '      body: { name: probe }',
      '      status: [200, 201]',
      '      json: [name == "probe"]',
    ].join('\n'));
    const result = await run(site, { config }, { env: { DEPLOY_SHA: '0123abc' } });
    expect(checkOf(result, 'endpoint:GET /api/health')).toMatchObject({
      status: 'fail',
      summary: 'services.* == "healthy" → services.cache: expected == "healthy", got "degraded"',
    });
    expect(checkOf(result, 'endpoint:GET /api/version')).toMatchObject({ status: 'pass', summary: expect.stringContaining('1 expected text(s) hold') });
    expect(checkOf(result, 'endpoint:POST /api/items')).toMatchObject({ status: 'pass' });
    expect(site.calls('/api/items')[0]).toMatchObject({ body: '{"name":"probe"}', headers: expect.objectContaining({ 'content-type': 'application/json' }) });
  });

  it('says what came back when a status or text does not match', async () => {
    const site = await https({ 'GET /': () => ({ headers: GOOD_HEADERS }), 'GET /api/version': () => ({ status: 503, body: 'upstream   timeout' }) });
    const config = await writeConfig('smoke:\n  endpoints:\n    - path: /api/version\n      text: abc123\n');
    const check = checkOf(await run(site, { config }), 'endpoint:GET /api/version');
    expect(check.summary).toBe('expected status 200, got 503: upstream timeout; expected the body to contain "abc123", got: upstream timeout');
  });

  it('fails CORS that reflects a foreign origin with credentials, or a wildcard with credentials', async () => {
    const site = await https({
      'GET /': () => ({ headers: GOOD_HEADERS }),
      'GET /api/me': (req) => ({ headers: { 'access-control-allow-origin': String(req.headers.origin), 'access-control-allow-credentials': 'true' }, body: '{}' }),
      'OPTIONS /api/data': () => ({ status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' } }),
      'GET /api/data': () => ({ body: '{}' }),
    });
    const result = await run(site, { paths: '/, /api/me, /api/data', 'cors-origin': 'https://evil.example' });
    const cors = checkOf(result, 'cors');
    expect(cors.status).toBe('fail');
    expect(cors.summary).toContain('expected Origin https://evil.example never to be allowed with credentials');
    expect(cors.summary).toContain('GET /api/me reflected the foreign origin: Access-Control-Allow-Origin: https://evil.example with Access-Control-Allow-Credentials: true');
    expect(cors.summary).toContain('OPTIONS (preflight) /api/data answered Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true (a wildcard with credentials');
  });

  it('grades a credentialed reflection of the homepage -50, as HTTP Observatory does', async () => {
    const site = await https({ 'GET /': (req) => ({ headers: { ...GOOD_HEADERS, ...(req.headers.origin ? { 'access-control-allow-origin': String(req.headers.origin), 'access-control-allow-credentials': 'true' } : {}) } }) });
    const result = await run(site, {});
    expect(checkOf(result, 'headers').summary).toMatch(/got C \(50\/100\): CORS reflects any origin and allows credentials/);
  });

  it('passes a rate limit that answers 429 within rate-limit-max, reporting Retry-After, and runs it last', async () => {
    const site = await https({
      'GET /': () => ({ headers: GOOD_HEADERS }),
      'POST /api/auth/login': (_req, count) => (count > 5 ? { status: 429, headers: { 'retry-after': '30' } } : { status: 401, body: 'bad password' }),
    });
    const config = await writeConfig('smoke:\n  rate-limit:\n    method: POST\n    body: { email: probe@example.com, password: wrong }\n');
    const result = await run(site, { 'rate-limit-path': '/api/auth/login', 'rate-limit-max': '20', config });
    expect(checkOf(result, 'rate-limit')).toMatchObject({ status: 'pass', summary: '429 after 6 request(s) of at most 20; Retry-After: 30 (30 s)' });
    expect(site.requests.slice(-6).every((r) => r.path === '/api/auth/login' && r.method === 'POST')).toBe(true);
    expect(site.calls('/api/auth/login')[0]!.body).toBe('{"email":"probe@example.com","password":"wrong"}');
    expect(result.result.report.checks.at(-1)!.id).toBe('rate-limit');
  });

  it('fails an endpoint that never answers 429', async () => {
    const site = await https({ 'GET /': () => ({ headers: GOOD_HEADERS }), 'GET /api/auth/login': () => ({ status: 200 }) });
    const check = checkOf(await run(site, { 'rate-limit-path': '/api/auth/login', 'rate-limit-max': '4' }), 'rate-limit');
    expect(check).toMatchObject({ status: 'fail', summary: 'expected GET /api/auth/login to answer 429 within 4 requests, got 200 ×4: add a rate limit to this endpoint (or raise rate-limit-max to its real limit)' });
  });

  it('marks a plain http:// URL: no certificate, HSTS impossible', async () => {
    const site = await startSite({ 'GET /': () => ({ headers: GOOD_HEADERS }) });
    sites.push(site);
    const result = await runLikeRunner(smokeTestDefinition(), { url: site.url, 'wait-for': '0', requests: '1' });
    expect(checkOf(result, 'tls').summary).toMatch(/^expected an https:\/\/ URL, got http:\/\/ : the deployment is served over plain HTTP/);
    expect(checkOf(result, 'https-redirect').status).toBe('skip');
    expect(checkOf(result, 'headers').detail).toContain('-20  hsts-not-implemented-no-https: HSTS cannot apply: the site is not served over HTTPS');
    expect(checkOf(result, 'headers').detail).toContain('-20  redirection-missing: plain HTTP does not redirect to HTTPS');
  });
});
