import { evaluate } from './assertions.js';
import { judgeHealth } from './health.js';
import { DEFAULT_CONCURRENCY } from './inputs.js';
import { ProbeError, firstHeader, type ProbeResponse, type Prober } from './probe.js';
import type { EndpointSpec } from './settings.js';
import { mapLimit } from '../pool.js';
import { percentile } from './stats.js';

/**
 * One endpoint, `requests` times, `concurrency` at once: every answer must have an expected status, pass the
 * JSON assertions and contain the expected text; the p95 of the response times (redirects and
 * body included) must fit the latency budget.
 */
import type { CheckOutcome } from '../report/model.js';

export type { CheckOutcome };

function excerpt(body: string, length = 160): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat || '(empty body)';
}

function expectedStatus(spec: EndpointSpec): string {
  return spec.status.length === 1 ? `status ${spec.status[0]}` : `a status in ${spec.status.join(', ')}`;
}

export interface ResponseVerdict {
  /** What fails the check, as "expected …, got …" lines. */
  problems: string[];
  /** What only warns: a health body saying "degraded" under the standard policy. */
  warnings: string[];
}

/** What is wrong with one answer: failures, and warnings from the body's own health words. */
export function judgeResponse(res: ProbeResponse, spec: EndpointSpec): ResponseVerdict {
  const problems: string[] = [];
  if (!spec.status.includes(res.status)) problems.push(`expected ${expectedStatus(spec)}, got ${res.status}: ${excerpt(res.body)}`);
  const health = judgeHealth(res.body, spec.healthPolicy ?? 'standard');
  if (health.failures.length > 0) problems.push(`expected a healthy body, got ${health.failures.join(', ')}`);
  if (spec.json.length > 0) {
    let data: unknown;
    try {
      data = JSON.parse(res.body);
    } catch {
      problems.push(`expected a JSON body for ${spec.json.length} assertion(s), got ${firstHeader(res.headers, 'content-type') ?? 'no content-type'}: ${excerpt(res.body)}`);
    }
    if (data !== undefined) for (const assertion of spec.json) problems.push(...evaluate(assertion, data).map((p) => `${assertion.source} → ${p}`));
  }
  for (const text of spec.text) {
    if (!res.body.includes(text)) problems.push(`expected the body to contain "${text}", got: ${excerpt(res.body)}`);
  }
  const warnings = health.warnings.length > 0 ? [`the body reports ${health.warnings.join(', ')}`] : [];
  return { problems, warnings };
}

type Sample = { res: ProbeResponse } | { error: string };

/**
 * Sends the endpoint's requests, at most `concurrency` at once; after a request gets no answer
 * no further one starts. Samples come back in request order (undefined: not sent).
 */
async function sendAll(prober: Prober, spec: EndpointSpec, requests: number, concurrency: number): Promise<(Sample | undefined)[]> {
  let stopped = false;
  return mapLimit(Array.from({ length: requests }, (_, i) => i), concurrency, async (): Promise<Sample | undefined> => {
    if (stopped) return undefined;
    try {
      return { res: await prober.send(spec.path, { method: spec.method, headers: spec.headers, body: spec.body }) };
    } catch (error) {
      stopped = true;
      return { error: error instanceof ProbeError ? error.message : String(error) };
    }
  });
}

/** The median and the slowest of the response times, beside the p95 the budget is checked on. */
function latencySummary(samples: number[]): string {
  return `p50 ${percentile(samples, 50)} ms, max ${Math.max(...samples)} ms`;
}

export async function checkEndpoint(prober: Prober, spec: EndpointSpec, requests: number, concurrency = DEFAULT_CONCURRENCY): Promise<CheckOutcome> {
  const samples: number[] = [];
  let firstFailure: { sample: number; problems: string[] } | undefined;
  let firstWarnings: string[] | undefined;
  let failedSamples = 0;
  const sent = await sendAll(prober, spec, requests, concurrency);
  for (const [index, result] of sent.entries()) {
    if (!result) continue;
    const sample = index + 1;
    if ('error' in result) return { status: 'fail', summary: `expected ${expectedStatus(spec)}, got no answer on request ${sample}: ${result.error}` };
    samples.push(result.res.durationMs);
    const { problems, warnings } = judgeResponse(result.res, spec);
    if (warnings.length > 0) firstWarnings ??= warnings;
    if (problems.length > 0) {
      failedSamples++;
      firstFailure ??= { sample, problems };
    }
  }
  const p95 = percentile(samples, 95);
  const latency = `p95 ${p95} ms over ${samples.length} request(s) (${latencySummary(samples)}; ${Math.min(concurrency, requests)} at a time)`;
  const metrics = [{ label: `${spec.method} ${spec.path} p95`, value: p95, unit: 'ms' as const, limit: spec.maxLatencyMs }];
  const slow = p95 > spec.maxLatencyMs;
  const problems = [...(firstFailure?.problems ?? [])];
  if (slow) problems.push(`expected p95 latency at most ${spec.maxLatencyMs} ms, got ${latency}`);
  const detail = [
    ...problems,
    ...(firstWarnings ?? []),
    ...(firstFailure && failedSamples > 0 ? [`${failedSamples} of ${requests} request(s) failed; the first was request ${firstFailure.sample}.`] : []),
    `response times (ms): ${samples.join(', ')}`,
  ].join('\n');
  if (problems.length > 0) {
    const which = failedSamples > 0 && failedSamples < requests ? ` (${failedSamples} of ${requests} requests)` : '';
    return { status: 'fail', summary: `${problems.join('; ')}${which}`, detail, metrics };
  }
  const checks = [spec.json.length ? `${spec.json.length} JSON assertion(s)` : '', spec.text.length ? `${spec.text.length} expected text(s)` : ''].filter(Boolean);
  if (firstWarnings) {
    return { status: 'warn', summary: `${firstWarnings.join('; ')} (health-policy ${spec.healthPolicy ?? 'standard'}); ${latency}`, detail, metrics };
  }
  return {
    status: 'pass',
    summary: `${spec.status.join('/')}${checks.length ? `, ${checks.join(' and ')} hold` : ''}; ${latency} (budget ${spec.maxLatencyMs} ms)`,
    detail,
    metrics,
  };
}
