import type { CheckOutcome } from './endpoints.js';
import { ProbeError, firstHeader, type HeaderMap, type Prober } from './probe.js';

/**
 * A foreign origin must never be allowed together with credentials: the browser would then let
 * any site read responses with the user's cookies (Fetch standard §3.2.5 CORS check; MDN
 * "Cross-Origin Resource Sharing", and HTTP Observatory's -50 for "universal access"). Each
 * endpoint is asked twice with the foreign Origin: a plain GET and a preflight OPTIONS.
 */
export interface CorsAnswer {
  request: string;
  allowOrigin?: string;
  credentials: boolean;
}

export type CorsRequester = (path: string, kind: 'GET' | 'preflight') => Promise<{ headers: HeaderMap }>;

export function corsRequester(prober: Prober, origin: string): CorsRequester {
  return (path, kind) =>
    prober.send(path, {
      method: kind === 'GET' ? 'GET' : 'OPTIONS',
      follow: false,
      headers: kind === 'GET' ? { origin } : { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
}

/** A problem with one answer, or undefined when it is safe. */
export function corsProblem(answer: CorsAnswer, origin: string): string | undefined {
  if (!answer.allowOrigin || !answer.credentials) return undefined;
  const granted = `Access-Control-Allow-Origin: ${answer.allowOrigin} with Access-Control-Allow-Credentials: true`;
  if (answer.allowOrigin === '*') return `${answer.request} answered ${granted} (a wildcard with credentials: browsers reject it, and it shows the server means to trust every origin)`;
  if (answer.allowOrigin === origin) return `${answer.request} reflected the foreign origin: ${granted} (any site can read this with the user's cookies)`;
  if (answer.allowOrigin === 'null') return `${answer.request} answered ${granted} (sandboxed iframes and file: pages send Origin: null)`;
  return undefined;
}

export async function checkCors(request: CorsRequester, paths: string[], origin: string): Promise<CheckOutcome> {
  const answers: CorsAnswer[] = [];
  const unreachable: string[] = [];
  await Promise.all(
    paths.flatMap((path) =>
      (['GET', 'preflight'] as const).map(async (kind) => {
        const label = `${kind === 'GET' ? 'GET' : 'OPTIONS (preflight)'} ${path}`;
        try {
          const res = await request(path, kind);
          answers.push({
            request: label,
            allowOrigin: firstHeader(res.headers, 'access-control-allow-origin')?.trim(),
            credentials: firstHeader(res.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true',
          });
        } catch (error) {
          unreachable.push(`${label}: ${error instanceof ProbeError ? error.message : String(error)}`);
        }
      }),
    ),
  );
  const problems = answers.map((a) => corsProblem(a, origin)).filter((p): p is string => p !== undefined);
  const detail = [...answers.map((a) => `${a.request}: ${a.allowOrigin ? `Access-Control-Allow-Origin: ${a.allowOrigin}${a.credentials ? ', credentials' : ''}` : 'no Access-Control-Allow-Origin'}`), ...unreachable].join('\n');
  if (problems.length > 0) {
    return { status: 'fail', summary: `expected Origin ${origin} never to be allowed with credentials, got: ${problems.join('; ')}. Allow credentials only for a fixed list of your own origins.`, detail };
  }
  if (unreachable.length === answers.length + unreachable.length) return { status: 'fail', summary: `expected answers to CORS probes, got none: ${unreachable[0]}`, detail };
  const open = answers.filter((a) => a.allowOrigin === '*' || a.allowOrigin === origin).map((a) => a.request);
  const openNote = open.length > 0 ? `; readable by any origin without credentials: ${open.join(', ')}` : '';
  return { status: 'pass', summary: `Origin ${origin} is not allowed with credentials on ${paths.join(', ')}${openNote}`, detail };
}
