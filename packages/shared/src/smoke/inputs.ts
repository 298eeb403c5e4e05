import { bool, checkedText, choice, custom, duration, int, list, matches, token, url, type Parsed } from '../inputs.js';
import { DEFAULT_THRESHOLDS, THRESHOLDS_FORM, parseThresholds } from './lighthouse/thresholds.js';
import { HEALTH_POLICIES, HEALTH_POLICY_FORM } from './health.js';
import { GRADES, type Grade } from './observatory/grade.js';

/** RFC 9110 §5.1 field-name: a token. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const PATH_PROBLEM = "must start with '/' (a path on the deployment, e.g. /api/health)";

/** Requests of one endpoint in flight at once unless the `concurrency` input says otherwise. */
export const DEFAULT_CONCURRENCY = 5;

const path = checkedText([[(v) => v.startsWith('/'), PATH_PROBLEM]]);

const grade = checkedText([[(g) => (GRADES as readonly string[]).includes(g), 'is not a grade']], (g) => g.trim().toUpperCase()) as (raw: string) => Parsed<Grade>;

/**
 * The inputs that configure the smoke checks, shared by smoke-test and rollback (which runs the
 * same checks after promoting). Defaults are spelled as the action.yml files spell them.
 */
export const smokeCheckInputs = {
  paths: list({}, { parse: path, expected: "paths starting with '/', e.g. /, /api/health" }),
  'wait-for': duration({ default: '120', minMs: 0, maxMs: 30 * 60_000, example: '120, 90s or 2m' }),
  requests: int({ default: '10', min: 1, max: 100, unit: 'requests per endpoint' }),
  'max-latency-ms': int({ default: '2000', min: 1, max: 120_000, unit: 'milliseconds' }),
  'health-policy': { ...choice(HEALTH_POLICIES, { default: 'standard' }), expected: HEALTH_POLICY_FORM },
  'min-grade': custom(grade, `an HTTP Observatory grade: ${GRADES.join(', ')}`, { default: 'B' }),
  'required-headers': list({}, { parse: checkedText([matches(HEADER_NAME, 'is not an HTTP header name')]), expected: 'response header names, e.g. content-security-policy' }),
  'min-tls-days': int({ default: '14', min: 0, max: 3650, unit: 'days' }),
  'rate-limit-path': custom(path, "a path starting with '/', e.g. /api/auth/login"),
  'rate-limit-max': int({ default: '100', min: 1, max: 1000, unit: 'requests' }),
  'cors-origin': url({ default: 'https://attacker.example' }),
  lighthouse: bool(false),
  'lighthouse-thresholds': custom(parseThresholds, THRESHOLDS_FORM, { default: DEFAULT_THRESHOLDS }),
  'lighthouse-runs': int({ default: '3', min: 1, max: 9 }),
  'lighthouse-preset': choice(['mobile', 'desktop'] as const, { default: 'mobile' }),
  // A pasted line break would make every request fail on an invalid header, not on a 401.
  'bypass-token': token('the Protection Bypass for Automation secret, e.g. ${{ secrets.VERCEL_AUTOMATION_BYPASS_SECRET }}'),
};
