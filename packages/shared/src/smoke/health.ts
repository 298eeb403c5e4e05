/**
 * Health bodies judged by their own words. A JSON body whose top-level `status` (or `health`)
 * says the service is not healthy, or whose components under `services`, `checks` or
 * `components` are not, is reported even when the HTTP status is 200.
 *
 * Vocabulary: the IETF "Health Check Response Format for HTTP APIs" draft
 * (https://datatracker.ietf.org/doc/html/draft-inadarei-api-health-check): `status` is `pass`
 * (aliases `ok`, Node's Terminus, and `up`, Spring Boot), `warn` (healthy, with some concerns) or
 * `fail` (aliases `error` and `down`); its `checks` map each component to a list of objects with
 * their own `status`. Common libraries add `healthy` / `degraded` / `unhealthy` (ASP.NET Core's
 * HealthStatus) and `OUT_OF_SERVICE` (Spring Boot). Words outside these sets are not judged.
 */
export const HEALTH_POLICIES = ['standard', 'strict', 'warn', 'off'] as const;
export type HealthPolicy = (typeof HEALTH_POLICIES)[number];

export const HEALTH_POLICY_FORM =
  "one of: standard (fail/down/error/unhealthy fail the check, warn/degraded warn), strict (both fail), warn (both only warn), off (bodies not judged)";

type State = 'pass' | 'warn' | 'fail';

const WORDS: Record<string, State> = {
  pass: 'pass', ok: 'pass', up: 'pass', healthy: 'pass', green: 'pass', passing: 'pass',
  warn: 'warn', warning: 'warn', degraded: 'warn', yellow: 'warn',
  fail: 'fail', failed: 'fail', failing: 'fail', down: 'fail', error: 'fail', unhealthy: 'fail', red: 'fail', critical: 'fail', out_of_service: 'fail',
};

/** Top-level keys whose members are components, each judged on its own. */
const COMPONENT_KEYS = ['services', 'checks', 'components'] as const;

export interface HealthVerdict {
  /** Problems that fail the check under the policy, e.g. `services.redis is "down"`. */
  failures: string[];
  /** Problems that only warn. */
  warnings: string[];
}

function stateOf(word: unknown): State | undefined {
  return typeof word === 'string' ? WORDS[word.trim().toLowerCase().replace(/[\s-]/g, '_')] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The status word of a value: the value itself, or its `status`/`health` field. */
function wordOf(value: unknown): unknown {
  return isObject(value) ? (value['status'] ?? value['health']) : value;
}

/** Every judged place in the body with its state: the top level, then each component. */
function statesOf(body: Record<string, unknown>): { where: string; word: string; state: State }[] {
  const found: { where: string; word: string; state: State }[] = [];
  const note = (where: string, value: unknown) => {
    const word = wordOf(value);
    const state = stateOf(word);
    if (state) found.push({ where, word: String(word), state });
  };
  note(body['status'] !== undefined ? 'status' : 'health', body['status'] ?? body['health']);
  for (const key of COMPONENT_KEYS) {
    const components = body[key];
    if (!isObject(components)) continue;
    for (const [name, value] of Object.entries(components)) {
      // The draft's form: a list of measurements, each with its own status.
      if (Array.isArray(value)) value.forEach((item, i) => note(`${key}.${name}[${i}]`, item));
      else note(`${key}.${name}`, value);
    }
  }
  return found;
}

/** Judges a response body under the policy; a body that is not a JSON object passes unjudged. */
export function judgeHealth(body: string, policy: HealthPolicy): HealthVerdict {
  const verdict: HealthVerdict = { failures: [], warnings: [] };
  if (policy === 'off') return verdict;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return verdict;
  }
  if (!isObject(data)) return verdict;
  for (const { where, word, state } of statesOf(data)) {
    if (state === 'pass') continue;
    const text = `${where} is ${JSON.stringify(word)}`;
    const fails = policy === 'strict' || (policy === 'standard' && state === 'fail');
    (fails ? verdict.failures : verdict.warnings).push(text);
  }
  return verdict;
}
