import type { AuditOutcome } from './model.js';

/**
 * Telling "the advisory service could not be reached" from a report. Every tool exits
 * non-zero for both, so the text decides: HTTP errors of the audit request (npm's
 * `{"statusCode":405,…}`, pnpm's ERR_PNPM_AUDIT_BAD_RESPONSE, yarn's "returned a 405" and
 * "Response code 405"), network errors (DNS, refused, reset, timeout), and TLS errors of a
 * proxy the runner's Node does not trust (self-signed certificate in chain, unknown issuer).
 */
const UNREACHABLE = new RegExp(
  [
    '\\bE(?:NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT|AI_AGAIN|HOSTUNREACH|NETUNREACH|SOCKETTIMEOUT)\\b',
    'socket hang up',
    'self[- ]signed certificate',
    'unable to (?:get|verify) (?:the )?(?:local )?(?:issuer|first) certificate',
    'certificate has expired',
    'audit endpoint',
    'AUDIT_BAD_RESPONSE',
    'AUDIT_ENDPOINT_NOT_EXISTS',
    'remote server failed to provide',
    '(?:Response code|returned an?|responded with|status(?:Code)?\\W+)\\s*[45]\\d\\d\\b',
    '\\b[45]\\d\\d (?:Method Not Allowed|Not Found|Forbidden|Unauthorized|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)',
  ].join('|'),
  'i',
);

export function looksUnreachable(text: string): boolean {
  return UNREACHABLE.test(text);
}

/** npm's and pnpm's error JSON: `{"message"?, "statusCode"?, "error": {"code"?, "summary"?, "message"?, "detail"?}}`. */
export function fromErrorJson(data: Record<string, unknown>, tool: string): AuditOutcome | undefined {
  const error = data['error'];
  if (!error || typeof error !== 'object' || Array.isArray(error)) return undefined;
  const e = error as Record<string, unknown>;
  const code = typeof e['code'] === 'string' ? e['code'] : undefined;
  const text = [data['message'], e['summary'], e['message'], e['detail']].filter((t): t is string => typeof t === 'string' && t.trim() !== '').join(' — ');
  if (code === 'ENOLOCK') {
    return { kind: 'error', reason: `${tool} audit needs a lockfile and found none: run \`${tool} install\` and commit the lockfile.` };
  }
  if (typeof data['statusCode'] === 'number' || looksUnreachable(`${code ?? ''} ${text}`)) {
    return { kind: 'unavailable', reason: firstLine(text || `HTTP ${String(data['statusCode'])}`) };
  }
  return { kind: 'error', reason: `${tool} audit failed${code ? ` (${code})` : ''}: ${firstLine(text || 'no message')}` };
}

export function firstLine(text: string, max = 300): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line.trim();
}
