import type { CheckStatus } from '../report/model.js';
import type { CheckOutcome } from './endpoints.js';
import type { ObservatoryResult } from './observatory/score-table.js';
import { SCORE_TABLE } from './observatory/score-table.js';
import { ProbeError, firstHeader, type ProbeHop, type Prober } from './probe.js';

/**
 * Plain HTTP must send visitors to HTTPS on the same host first (so HSTS gets set for it), as
 * HTTP Observatory's redirection test grades it (MDN "Tests & Scoring", Redirections).
 */
export interface RedirectVerdict extends CheckOutcome {
  result: ObservatoryResult;
}

const STATUS: Partial<Record<ObservatoryResult, CheckStatus>> = {
  'redirection-to-https': 'pass',
  'redirection-not-needed-no-http': 'pass',
  'redirection-off-host-from-http': 'warn',
  'redirection-not-to-https-on-initial-redirection': 'warn',
};

/** The plain-HTTP twin of an https URL: same host, default port. */
export function plainHttpUrl(url: URL): URL {
  const http = new URL(url);
  http.protocol = 'http:';
  http.port = '';
  return http;
}

function classify(hops: ProbeHop[], host: string): ObservatoryResult {
  const first = hops[0]!;
  const location = firstHeader(first.headers, 'location');
  if (!location || first.status < 300 || first.status >= 400) return 'redirection-missing';
  const initial = new URL(location, first.url);
  const final = new URL(hops.at(-1)!.url);
  if (final.protocol !== 'https:') return 'redirection-not-to-https';
  if (initial.protocol !== 'https:') return 'redirection-not-to-https-on-initial-redirection';
  if (initial.hostname !== host) return 'redirection-off-host-from-http';
  return 'redirection-to-https';
}

const NO_LISTENER = new Set(['ECONNREFUSED', 'TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

export async function checkHttpRedirect(prober: Prober, httpUrl: URL): Promise<RedirectVerdict> {
  const host = prober.base.hostname;
  let result: ObservatoryResult;
  let seen = '';
  try {
    const res = await prober.send(httpUrl, { timeoutMs: 10_000 });
    result = classify(res.hops, host);
    seen = res.hops.map((h) => `${h.status} ${h.url}`).join(' → ');
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    if (error.tls) result = 'redirection-invalid-cert';
    else if (NO_LISTENER.has(error.code)) result = 'redirection-not-needed-no-http';
    else return { result: 'redirection-missing', status: 'fail', summary: `expected ${httpUrl} to redirect to HTTPS, got: ${error.message}` };
    seen = error.message;
  }
  const entry = SCORE_TABLE[result];
  const status = STATUS[result] ?? 'fail';
  const advice = 'advice' in entry ? `: ${entry.advice}` : '';
  const summary = status === 'pass'
    ? `${entry.description} (${seen})`
    : `expected ${httpUrl} to redirect to https://${host} first, got: ${entry.description} (${seen})${advice}`;
  return { result, status, summary };
}
