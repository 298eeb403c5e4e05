import { describe, expect, it } from '@jest/globals';
import { configSection } from '../../../packages/shared/src/config.js';
import { parseConfig } from '../../../packages/shared/src/config-yaml.js';
import { readInputs } from '../../../packages/shared/src/inputs.js';
import { resolveSmokeSettings, smokeSectionSchema, type SmokeCheckInputs } from '../../../packages/shared/src/smoke/index.js';
import { percentile } from '../../../packages/shared/src/smoke/stats.js';
import { smokeTestInputs } from '../src/inputs.js';

function inputs(values: Record<string, string> = {}): Promise<SmokeCheckInputs> {
  return readInputs(smokeTestInputs, (name) => ({ url: 'https://shop.example', ...values })[name]);
}

function section(yaml: string, env: NodeJS.ProcessEnv = {}) {
  return configSection(parseConfig(yaml, 'deploy-kit.yml'), 'smoke', smokeSectionSchema(env));
}

describe('smoke settings: inputs over the config file', () => {
  it('checks the URL itself when neither paths nor endpoints are given, with the defaults of action.yml', async () => {
    const settings = resolveSmokeSettings('https://shop.example/en', await inputs(), section(''));
    expect(settings).toEqual({
      url: 'https://shop.example/en',
      endpoints: [{ path: '/en', method: 'GET', headers: {}, status: [200], json: [], text: [], maxLatencyMs: 2000, healthPolicy: 'standard' }],
      waitForSeconds: 120,
      requests: 10,
      minGrade: 'B',
      requiredHeaders: [],
      minTlsDays: 14,
      corsOrigin: 'https://attacker.example',
      rateLimit: undefined,
      lighthouse: undefined,
      bypassToken: undefined,
    });
  });

  it('takes endpoints, required headers and the rate-limit request from the file', async () => {
    const file = section([
      'smoke:',
      '  endpoints:',
      '    - path: /api/health',
      '      headers: { accept: application/json }',
      '      json: [status == "healthy"]',
      '      max-latency-ms: 300',
      '  required-headers: [Content-Security-Policy]',
      '  rate-limit: { method: post, headers: { content-type: application/x-www-form-urlencoded }, body: "email=a%40b.c" }',
    ].join('\n'));
    const settings = resolveSmokeSettings('https://shop.example', await inputs({ 'rate-limit-path': '/login', lighthouse: 'true', 'min-grade': 'a-' }), file);
    expect(settings.endpoints).toEqual([{ path: '/api/health', method: 'GET', headers: { accept: 'application/json' }, status: [200], json: [expect.objectContaining({ source: 'status == "healthy"' })], text: [], maxLatencyMs: 300, healthPolicy: 'standard' }]);
    expect(settings.requiredHeaders).toEqual(['content-security-policy']);
    expect(settings.rateLimit).toEqual({ path: '/login', max: 100, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.c' });
    expect(settings.lighthouse).toEqual({ thresholds: { performance: 90, accessibility: 95, 'best-practices': 90, seo: 90 }, runs: 3, preset: 'mobile' });
    expect(settings.minGrade).toBe('A-');
  });

  it('lets paths and required-headers replace the file, with a notice', async () => {
    const notices: string[] = [];
    const log = { notice: (m: string) => notices.push(m) } as unknown as Parameters<typeof resolveSmokeSettings>[3];
    const file = section('smoke:\n  endpoints: [{ path: /api/health }]\n  required-headers: [x-frame-options]\n');
    const settings = resolveSmokeSettings('https://shop.example', await inputs({ paths: '/\n/pricing', 'required-headers': 'permissions-policy' }), file, log);
    expect(settings.endpoints.map((e) => e.path)).toEqual(['/', '/pricing']);
    expect(settings.requiredHeaders).toEqual(['permissions-policy']);
    expect(notices).toEqual(['The paths input replaces the 1 endpoint(s) of smoke.endpoints in the config file; remove one of them to silence this.']);
  });

  it('expands ${NAME} in expected text and assertion values from the environment', () => {
    const file = section('smoke:\n  endpoints:\n    - path: /api/version\n      text:\n        - sha ${SHA}\n      json:\n        - sha == "${SHA}"\n', { SHA: 'abc123' });
    expect(file.endpoints[0]).toMatchObject({ text: ['sha abc123'], json: [{ value: 'abc123' }] });
  });

  it('names the key path and line of a wrong status or body', () => {
    expect(() => section('smoke:\n  endpoints:\n    - path: /\n      status: ok\n')).toThrow(/^deploy-kit\.yml:4: smoke\.endpoints\.0\.status: must be an HTTP status \(e\.g\. 200\) or a list of them/);
    expect(() => section('smoke:\n  endpoints:\n    - path: /\n      status: 700\n')).toThrow(/deploy-kit\.yml:4: smoke\.endpoints\.0\.status: /);
    expect(() => section('smoke:\n  endpoints:\n    - path: /\n      method: FETCH\n')).toThrow(/deploy-kit\.yml:4: smoke\.endpoints\.0\.method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS/);
    expect(() => section('smoke:\n  required-headers: ["x frame"]\n')).toThrow(/deploy-kit\.yml:2: smoke\.required-headers\.0: is not an HTTP header name/);
  });

  it('takes the p95 by nearest rank', () => {
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBe(100);
    expect(percentile([5, 1, 3], 95)).toBe(5);
    expect(percentile(Array.from({ length: 40 }, (_, i) => i + 1), 95)).toBe(38);
  });
});
