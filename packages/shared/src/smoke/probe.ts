import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { Agent } from 'undici';
import { formatMiB, readBounded } from '../http.js';
import { loadUndici } from '../undici.js';
import { tlsProblem, type TlsProblem } from './tls-problems.js';

/**
 * The smoke test's HTTP client for the deployment under test. Unlike the API client it never
 * retries and never throws on a status: every answer is a result to judge. It follows redirects
 * itself so each hop's headers (Set-Cookie, Location) stay visible, and it sends the Vercel
 * protection bypass only to the deployment's own host — never to a host a redirect points at.
 */
export const BYPASS_HEADER = 'x-vercel-protection-bypass';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/** The most of one response body a probe reads: pages and API answers are far smaller; an endless stream is not read into memory. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface ProbeNetwork {
  /** Extra CA certificates (PEM) trusted besides Node's roots: private CAs, test CAs. */
  trustedCa?: string[];
  /** Host name → IP to connect to, keeping the name for SNI and Host (like curl --resolve). */
  resolveHosts?: Record<string, string>;
  /** Per request, redirects included. */
  timeoutMs?: number;
  /** Largest response body read; a longer one fails the probe. */
  maxBodyBytes?: number;
}

export interface ProbeRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Follow redirects (default true). */
  follow?: boolean;
  timeoutMs?: number;
}

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface ProbeHop {
  url: string;
  status: number;
  headers: HeaderMap;
}

export interface ProbeResponse {
  /** The URL that gave the final answer. */
  url: string;
  status: number;
  headers: HeaderMap;
  body: string;
  /** Time to the whole final body, redirects included. */
  durationMs: number;
  /** Every response in order, the final one last. */
  hops: ProbeHop[];
}

/** A request that got no HTTP answer: refused, timed out, untrusted certificate... */
export class ProbeError extends Error {
  override readonly name = 'ProbeError';
  constructor(
    message: string,
    readonly code: string,
    readonly tls?: TlsProblem,
  ) {
    super(message);
  }
}

export class Prober {
  readonly base: URL;
  /** Made on the first request (undici is loaded then). */
  private agent?: Agent;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(baseUrl: string, private readonly bypassToken: string | undefined, private readonly network: ProbeNetwork = {}) {
    this.base = new URL(baseUrl);
    this.timeoutMs = network.timeoutMs ?? 30_000;
    this.maxBodyBytes = network.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /** A path of the deployment (`/api/health`), or an absolute URL. */
  resolve(target: string): URL {
    return new URL(target, this.base);
  }

  /**
   * The bypass header goes to the deployment's host only, and never in clear text when the
   * deployment is served over HTTPS (the plain-HTTP redirect probe goes without it).
   */
  headersFor(url: URL, extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': 'deploy-kit-smoke-test', ...extra };
    const sameHost = url.hostname === this.base.hostname;
    const downgraded = this.base.protocol === 'https:' && url.protocol !== 'https:';
    if (this.bypassToken && sameHost && !downgraded) headers[BYPASS_HEADER] = this.bypassToken;
    return headers;
  }

  async send(target: string | URL, req: ProbeRequest = {}): Promise<ProbeResponse> {
    const started = performance.now();
    const timeoutMs = Math.max(1, Math.round(req.timeoutMs ?? this.timeoutMs));
    const signal = AbortSignal.timeout(timeoutMs);
    const hops: ProbeHop[] = [];
    let url = typeof target === 'string' ? this.resolve(target) : target;
    let method = req.method ?? 'GET';
    let body = req.body;
    for (;;) {
      const res = await this.once(url, method, req.headers, body, signal);
      const hop = { url: url.toString(), status: res.statusCode, headers: res.headers as HeaderMap };
      hops.push(hop);
      const location = firstHeader(res.headers as HeaderMap, 'location');
      if (req.follow === false || !REDIRECTS.has(res.statusCode) || !location) {
        const text = await this.readBody(url, res.body, timeoutMs);
        return { url: hop.url, status: hop.status, headers: hop.headers, body: text, durationMs: Math.round(performance.now() - started), hops };
      }
      await res.body.dump().catch(() => undefined);
      if (hops.length > MAX_REDIRECTS) throw new ProbeError(`${url} redirected more than ${MAX_REDIRECTS} times (a redirect loop?)`, 'TOO_MANY_REDIRECTS');
      // Browsers turn a redirected POST into a GET on 301/302, and every 303 into a GET (RFC 9110 §15.4).
      if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = new URL(location, url);
    }
  }

  /**
   * The body, at most `maxBodyBytes`. A body cut off (the connection broke, or the probe's timeout
   * ran out while it streamed) is no answer: judging the empty part that arrived would pass a
   * 200 whose page or health JSON never came.
   */
  private async readBody(url: URL, body: Parameters<typeof readBounded>[0], timeoutMs: number): Promise<string> {
    const read = await readBounded(body, this.maxBodyBytes);
    if (read.kind === 'too-large') {
      throw new ProbeError(`${url} answered with a body larger than ${formatMiB(this.maxBodyBytes)}, more than smoke-test reads from one response; it was not read further`, 'BODY_TOO_LARGE');
    }
    if (read.kind === 'broken') {
      const timedOut = read.reason === 'timed out';
      throw new ProbeError(
        timedOut ? `${url} did not send its whole body within ${timeoutMs} ms` : `${url} answered, but the connection broke while reading the body (${read.reason})`,
        timedOut ? 'TIMEOUT' : 'BODY_BROKEN',
      );
    }
    return read.text;
  }

  private async once(url: URL, method: string, headers: Record<string, string> | undefined, body: string | undefined, signal: AbortSignal) {
    const { Agent, request } = await loadUndici();
    this.agent ??= new Agent({ connect: connectOptions(this.network) });
    try {
      return await request(url, { method: method as 'GET', headers: this.headersFor(url, headers), body, signal, dispatcher: this.agent });
    } catch (error) {
      throw probeError(url, error, this.timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }
}

/** The TLS options Node's tls.connect (and undici's connector) take for trust and resolution. */
export function connectOptions(network: ProbeNetwork): { ca?: string[]; lookup?: typeof dnsLookup } {
  return {
    ...(network.trustedCa?.length ? { ca: [...rootCertificates, ...network.trustedCa] } : {}),
    ...(network.resolveHosts && Object.keys(network.resolveHosts).length ? { lookup: pinnedLookup(network.resolveHosts) } : {}),
  };
}

function pinnedLookup(hosts: Record<string, string>): typeof dnsLookup {
  const lookup = (hostname: string, options: unknown, callback: unknown) => {
    const done = (typeof options === 'function' ? options : callback) as (error: Error | null, address: string | LookupAddress[], family?: number) => void;
    const address = hosts[hostname];
    if (!address) return (dnsLookup as (h: string, o: unknown, c: unknown) => void)(hostname, typeof options === 'function' ? {} : options, done);
    const family = isIP(address);
    if ((options as { all?: boolean } | undefined)?.all) done(null, [{ address, family }]);
    else done(null, address, family);
  };
  return lookup as typeof dnsLookup;
}

/** The most specific code: undici wraps socket failures, keeping the system error as the cause. */
export function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } } | undefined;
  if (e?.code && e.code !== 'UND_ERR_SOCKET') return e.code;
  return e?.cause?.code ?? e?.code;
}

function probeError(url: URL, error: unknown, timeoutMs: number): ProbeError {
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new ProbeError(`${url} did not answer within ${timeoutMs} ms`, 'TIMEOUT');
  const code = errorCode(error) ?? 'NETWORK_ERROR';
  const tls = tlsProblem(code);
  if (tls) return new ProbeError(`${url}: the certificate is ${tls.name} (${code})`, code, tls);
  const reason = NETWORK_REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  return new ProbeError(`${url}: ${reason} (${code})`, code);
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens there',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  ECONNRESET: 'the connection was reset',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  EPROTO: 'TLS handshake failed (is the port serving HTTPS?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is the port serving HTTPS?)',
};

export function firstHeader(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function allHeaders(headers: HeaderMap, name: string): string[] {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
