import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smokeTestAction } from '../src/action.js';
import { smokeTestInputs } from '../src/inputs.js';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { startSite, type Site } from '../../../test/servers/site.js';
import { writeConfig } from './helpers.js';

let site: Site;
beforeAll(async () => {
  site = await startSite({ 'GET /': () => ({ body: 'ok' }) });
});
afterAll(async () => site.close());

/** One bad input next to good ones: the step fails with `message` before sending any request. */
async function expectRejected(inputs: Record<string, string>, message: string, env: Record<string, string> = {}) {
  const before = site.requests.length;
  // The config files are written under the temp dir: it is the workspace they must be inside.
  const run = await runLikeRunner(smokeTestAction, { url: site.url, 'wait-for': '0', ...inputs }, { env: { GITHUB_WORKSPACE: tmpdir(), ...env } });
  expect(run.failed).toBe(true);
  expect(run.stdout).toContain(`::error::${message}`);
  expect(site.requests).toHaveLength(before);
  return run;
}

describe('a wrong value for each input says what is wrong and what is expected', () => {
  it('url', async () => {
    await expectRejected({ url: 'shop.example.com' }, 'Input \'url\' "shop.example.com" is not a valid URL: expected an absolute URL (https or http://…).');
    await expectRejected({ url: '' }, "Input 'url' is required: expected an absolute URL (https or http://…).");
  });

  it('paths', async () => {
    await expectRejected({ paths: '/, api/health' }, 'Input \'paths\' "/, api/health" (item 1) must start with \'/\' (a path on the deployment, e.g. /api/health): expected a comma- or newline-separated list of paths starting with \'/\', e.g. /, /api/health.');
  });

  it('wait-for', async () => {
    await expectRejected({ 'wait-for': 'two minutes' }, 'Input \'wait-for\' "two minutes" is not a duration: expected a duration from 0s to 30m, e.g. 120, 90s or 2m (a number with a unit (ms, s, m, h); a bare number is seconds).');
    await expectRejected({ 'wait-for': '31m' }, 'Input \'wait-for\' "31m" is out of range: expected a duration from 0s to 30m, e.g. 120, 90s or 2m (a number with a unit (ms, s, m, h); a bare number is seconds).');
  });

  it('health-policy', async () => {
    await expectRejected({ 'health-policy': 'lenient' }, 'Input \'health-policy\' "lenient" is not one of the choices: expected one of: standard (fail/down/error/unhealthy fail the check, warn/degraded warn), strict (both fail), warn (both only warn), off (bodies not judged).');
  });

  it('github-token', async () => {
    await expectRejected({ 'github-token': 'ghs_abc def' }, "Input 'github-token' (value hidden) contains whitespace: expected a GitHub token, e.g. ${{ github.token }}.");
  });

  it('requests', async () => {
    await expectRejected({ requests: '0' }, 'Input \'requests\' "0" is out of range: expected a whole number from 1 to 100 (requests per endpoint).');
  });

  it('concurrency', async () => {
    await expectRejected({ concurrency: '0' }, 'Input \'concurrency\' "0" is out of range: expected a whole number from 1 to 50 (requests at once).');
    await expectRejected({ concurrency: 'many' }, 'Input \'concurrency\' "many" is not a whole number: expected a whole number from 1 to 50 (requests at once).');
  });

  it('max-latency-ms', async () => {
    await expectRejected({ 'max-latency-ms': '1.5s' }, 'Input \'max-latency-ms\' "1.5s" is not a whole number: expected a whole number from 1 to 120000 (milliseconds).');
  });

  it('min-grade', async () => {
    await expectRejected({ 'min-grade': 'E' }, 'Input \'min-grade\' "E" is not a grade: expected an HTTP Observatory grade: A+, A, A-, B+, B, B-, C+, C, C-, D+, D, D-, F.');
  });

  it('required-headers', async () => {
    await expectRejected({ 'required-headers': 'strict-transport-security, X Frame Options' }, 'Input \'required-headers\' "strict-transport-security, X Frame Options" (item 1) is not an HTTP header name: expected a comma- or newline-separated list of response header names, e.g. content-security-policy.');
  });

  it('min-tls-days', async () => {
    await expectRejected({ 'min-tls-days': '-1' }, 'Input \'min-tls-days\' "-1" is out of range: expected a whole number from 0 to 3650 (days).');
  });

  it('rate-limit-path', async () => {
    await expectRejected({ 'rate-limit-path': 'api/auth/login' }, 'Input \'rate-limit-path\' "api/auth/login" must start with \'/\' (a path on the deployment, e.g. /api/health): expected a path starting with \'/\', e.g. /api/auth/login.');
  });

  it('rate-limit-max', async () => {
    await expectRejected({ 'rate-limit-max': '5000' }, 'Input \'rate-limit-max\' "5000" is out of range: expected a whole number from 1 to 1000 (requests).');
  });

  it('cors-origin', async () => {
    await expectRejected({ 'cors-origin': 'evil.example' }, 'Input \'cors-origin\' "evil.example" is not a valid URL: expected an absolute URL (https or http://…).');
  });

  it('lighthouse', async () => {
    await expectRejected({ lighthouse: 'yes' }, 'Input \'lighthouse\' "yes" is not a boolean: expected \'true\' or \'false\'.');
  });

  it('lighthouse-thresholds', async () => {
    const form = 'expected comma-separated category=score pairs, scores 0-100, categories performance, accessibility, best-practices, seo (e.g. performance=90,accessibility=95,best-practices=90,seo=90).';
    await expectRejected({ 'lighthouse-thresholds': 'performance=90,speed=80' }, `Input 'lighthouse-thresholds' "performance=90,speed=80" has an unknown category 'speed': ${form}`);
    await expectRejected({ 'lighthouse-thresholds': 'seo=110' }, `Input 'lighthouse-thresholds' "seo=110" gives seo a score of 110, above 100: ${form}`);
    await expectRejected({ 'lighthouse-thresholds': 'performance 90' }, `Input 'lighthouse-thresholds' "performance 90" has "performance 90", which is not a category=score pair: ${form}`);
  });

  it('lighthouse-runs', async () => {
    await expectRejected({ 'lighthouse-runs': '10' }, 'Input \'lighthouse-runs\' "10" is out of range: expected a whole number from 1 to 9.');
  });

  it('lighthouse-preset', async () => {
    await expectRejected({ 'lighthouse-preset': 'tablet' }, 'Input \'lighthouse-preset\' "tablet" is not one of the choices: expected one of: mobile, desktop.');
  });

  it('bypass-token: a token the deployment refuses is named, its value never shown', async () => {
    const protectedSite = await startSite({ 'GET /': () => ({ status: 401, body: 'Authentication Required' }) });
    try {
      const run = await runLikeRunner(smokeTestAction, { url: protectedSite.url, 'wait-for': '0', 'bypass-token': 'wrong-bypass-token-value' });
      expect(run.stdout).toMatch(/::error::Smoke test of http:\/\/127\.0\.0\.1:\d+ failed 1 of 1 check\(s\) — Ready: http:\/\/127\.0\.0\.1:\d+: expected http:\/\/127\.0\.0\.1:\d+ to answer 2xx, got 401 although the bypass token was sent: check bypass-token is this project's "Protection Bypass for Automation" secret\./);
      expect(run.everything).not.toContain('wrong-bypass-token-value');
    } finally {
      await protectedSite.close();
    }
  });

  it('bypass-token: whitespace inside the secret is refused up front, its value never shown', async () => {
    const run = await expectRejected(
      { 'bypass-token': 'bypass-first-half\nbypass-second-half' },
      "Input 'bypass-token' (value hidden) contains whitespace: expected the Protection Bypass for Automation secret, e.g. ${{ secrets.VERCEL_AUTOMATION_BYPASS_SECRET }}.",
    );
    expect(run.everything).not.toContain('bypass-first-half');
  });

  it('config: a file that cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smoke-config-'));
    await expectRejected({ config: dir }, `Input 'config' "${dir}" cannot be read: it is not a regular file. Give the path of the deploy-kit file from the repository root, e.g. .github/deploy-kit.yml.`);
  });

  it('config: a bad assertion, named by key path and line', async () => {
    const config = await writeConfig(['smoke:', '  endpoints:', '    - path: /', '    - path: /api/health', '      json:', '        - status == "healthy"', '        - services.* = healthy', ''].join('\n'));
    await expectRejected({ config }, `${config}:7: smoke.endpoints.1.json.1: \`services.* = healthy\` is not an assertion: expected \`<path> <op> <JSON value>\` or \`<path> exists\``);
  });

  it('config: an unquoted string, a path without a slash, an unknown key', async () => {
    const config = await writeConfig(['smoke:', '  endpoints:', '    - path: /api/health', '      json: [status == healthy]', '    - path: api/version', '      expect: 200', ''].join('\n'));
    const run = await expectRejected({ config }, `${config}:4: smoke.endpoints.0.json.0: \`healthy\` is not a JSON value: quote strings, e.g. "healthy"`);
    expect(run.stdout).toContain(`${config}:5: smoke.endpoints.1.path: must start with '/'`);
    expect(run.stdout).toContain(`${config}:5: smoke.endpoints.1: Unrecognized key: "expect"`);
  });

  it('config: ${NAME} that the environment does not set', async () => {
    const config = await writeConfig('smoke:\n  endpoints:\n    - path: /api/version\n      text: ${DEPLOY_SHA_UNSET}\n');
    await expectRejected({ config }, `${config}:4: smoke.endpoints.0.text: \${DEPLOY_SHA_UNSET} is not set in the environment: set it in the step's env:`);
  });

  it('every input is covered above', () => {
    expect(Object.keys(smokeTestInputs).sort()).toEqual([
      'bypass-token', 'concurrency', 'config', 'cors-origin', 'github-token', 'health-policy', 'lighthouse', 'lighthouse-preset', 'lighthouse-runs', 'lighthouse-thresholds', 'max-latency-ms',
      'min-grade', 'min-tls-days', 'paths', 'rate-limit-max', 'rate-limit-path', 'requests', 'required-headers', 'url', 'wait-for',
    ]);
  });
});
