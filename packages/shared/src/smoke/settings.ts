import type { InputsOf } from '../inputs.js';
import type { Logger } from '../logger.js';
import type { Assertion } from './assertions.js';
import type { HealthPolicy } from './health.js';
import type { HttpMethod, SmokeSection } from './config-schema.js';
import type { Preset } from './lighthouse/audit.js';
import type { Installer } from './lighthouse/loader.js';
import type { Thresholds } from './lighthouse/thresholds.js';
import type { Grade } from './observatory/grade.js';
import type { smokeCheckInputs } from './inputs.js';
import type { ProbeNetwork } from './probe.js';

/**
 * Everything one smoke-test run checks, resolved from inputs and the `smoke:` config section
 * (inputs win). smoke-test and rollback both build one and hand it to runSmokeSuite.
 */
export interface EndpointSpec {
  path: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  status: number[];
  json: Assertion[];
  text: string[];
  maxLatencyMs: number;
  /** How the body's own health words are judged; default standard. */
  healthPolicy?: HealthPolicy;
}

export interface RateLimitSpec {
  path: string;
  max: number;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
}

export interface LighthouseSpec {
  thresholds: Thresholds;
  runs: number;
  preset: Preset;
}

export interface SmokeSettings {
  url: string;
  endpoints: EndpointSpec[];
  waitForSeconds: number;
  /** Requests per endpoint for the latency p95. */
  requests: number;
  /** An endpoint's requests in flight at once (default 5); the rate-limit probe is always sequential. */
  concurrency?: number;
  minGrade: Grade;
  requiredHeaders: string[];
  minTlsDays: number;
  corsOrigin: string;
  rateLimit?: RateLimitSpec;
  /** Absent: Lighthouse is off. */
  lighthouse?: LighthouseSpec;
  bypassToken?: string;
}

/**
 * How the suite reaches the world. The defaults are right for a runner; tests (and users behind
 * private CAs or split DNS) change them.
 */
export interface SmokeEnvironment extends ProbeNetwork {
  /** Where the plain-HTTP redirect probe goes; default: the URL with http: and no port. */
  httpProbeUrl?: string;
  /** Fixed delay between readiness attempts; default grows from 1 s to 10 s. */
  pollIntervalMs?: number;
  /** Where the Lighthouse HTML report is written; default RUNNER_TEMP/deploy-kit. */
  artifactsDir?: string;
  /** Where Lighthouse is installed when the action's dependencies lack it. */
  lighthouseInstallDir?: string;
  installLighthouse?: Installer;
  /** Where the action's own dependencies are looked up; default the entry script's folder. */
  lighthouseSearchFrom?: string;
  /** Environment for CHROME_PATH and PATH lookups and for the Lighthouse process; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Names the report file, e.g. `rollback` → rollback-lighthouse-report.html. */
  reportPrefix?: string;
}

/** The typed values of the shared smoke inputs (smokeCheckInputs), as readInputs returns them. */
export type SmokeCheckInputs = InputsOf<typeof smokeCheckInputs>;

function encodeBody(body: unknown, headers: Record<string, string>): { body?: string; headers: Record<string, string> } {
  if (body === undefined) return { headers };
  if (typeof body === 'string') return { body, headers };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  return { body: JSON.stringify(body), headers: hasType ? headers : { ...headers, 'content-type': 'application/json' } };
}

/** Inputs override the file: `paths` replaces `smoke.endpoints`, `required-headers` replaces `smoke.required-headers`. */
export function resolveSmokeSettings(url: string, inputs: SmokeCheckInputs, section: SmokeSection, log?: Logger): SmokeSettings {
  const maxLatencyMs = inputs['max-latency-ms'];
  const healthPolicy = inputs['health-policy'];
  let endpoints: EndpointSpec[];
  if (inputs.paths?.length) {
    if (section.endpoints.length > 0) log?.notice(`The paths input replaces the ${section.endpoints.length} endpoint(s) of smoke.endpoints in the config file; remove one of them to silence this.`);
    endpoints = inputs.paths.map((path) => ({ path, method: 'GET', headers: {}, status: [200], json: [], text: [], maxLatencyMs, healthPolicy }));
  } else if (section.endpoints.length > 0) {
    endpoints = section.endpoints.map((e) => ({
      path: e.path,
      method: e.method,
      ...encodeBody(e.body, e.headers),
      status: e.status,
      json: e.json,
      text: e.text,
      maxLatencyMs: e['max-latency-ms'] ?? maxLatencyMs,
      healthPolicy,
    }));
  } else {
    endpoints = [{ path: new URL(url).pathname || '/', method: 'GET', headers: {}, status: [200], json: [], text: [], maxLatencyMs, healthPolicy }];
  }
  const rateLimitPath = inputs['rate-limit-path'];
  const rateLimitCall = section['rate-limit'];
  return {
    url,
    endpoints,
    waitForSeconds: inputs['wait-for'] / 1000,
    requests: inputs.requests,
    minGrade: inputs['min-grade'],
    requiredHeaders: (inputs['required-headers']?.length ? inputs['required-headers'] : section['required-headers']).map((h) => h.toLowerCase()),
    minTlsDays: inputs['min-tls-days'],
    corsOrigin: new URL(inputs['cors-origin']).origin,
    rateLimit: rateLimitPath
      ? { path: rateLimitPath, max: inputs['rate-limit-max'], method: rateLimitCall?.method ?? 'GET', ...encodeBody(rateLimitCall?.body, rateLimitCall?.headers ?? {}) }
      : undefined,
    lighthouse: inputs.lighthouse ? { thresholds: inputs['lighthouse-thresholds'], runs: inputs['lighthouse-runs'], preset: inputs['lighthouse-preset'] } : undefined,
    bypassToken: inputs['bypass-token'],
  };
}
