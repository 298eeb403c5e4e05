import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { KeyPair } from './certificates.js';

/**
 * A website on 127.0.0.1 for smoke tests: plain HTTP or HTTPS (one certificate, or one per SNI
 * name), routes by `METHOD /path` (or `* /path`), every request recorded with its headers.
 */
export interface SiteRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SiteReply {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string;
  delayMs?: number;
}

export type SiteHandler = (req: SiteRequest, count: number) => SiteReply | Promise<SiteReply>;

export interface SiteOptions {
  /** Serve HTTPS with this certificate. */
  tls?: KeyPair;
  /** Serve HTTPS choosing the certificate by the SNI name the client sent; `tls` is the fallback. */
  sni?: Record<string, KeyPair>;
}

export interface Site {
  url: string;
  port: number;
  requests: SiteRequest[];
  /** Requests to one path. */
  calls(path: string): SiteRequest[];
  close(): Promise<void>;
}

export async function startSite(routes: Record<string, SiteHandler>, options: SiteOptions = {}): Promise<Site> {
  const requests: SiteRequest[] = [];
  const counts = new Map<string, number>();
  const handle = (req: IncomingMessage, res: ServerResponse) => void respond(req, res);

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += (chunk as Buffer).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const recorded = { method: req.method ?? 'GET', path, headers: req.headers, body };
    requests.push(recorded);
    const handler = routes[`${recorded.method} ${path}`] ?? routes[`* ${path}`];
    const count = (counts.get(path) ?? 0) + 1;
    counts.set(path, count);
    const reply: SiteReply = handler ? await handler(recorded, count) : { status: 404, body: 'not found' };
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    res.writeHead(reply.status ?? 200, reply.headers ?? {});
    res.end(req.method === 'HEAD' ? undefined : reply.body ?? '');
  }

  const server: Server = options.tls || options.sni ? createHttpsServer(httpsOptions(options), handle) : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls || options.sni ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    calls: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function httpsOptions(options: SiteOptions) {
  const contexts = new Map<string, SecureContext>(Object.entries(options.sni ?? {}).map(([name, pair]) => [name, createSecureContext(pair)]));
  const fallback = options.tls ?? Object.values(options.sni ?? {})[0]!;
  return {
    key: fallback.key,
    cert: fallback.cert,
    SNICallback: (name: string, done: (error: Error | null, context?: SecureContext) => void) => done(null, contexts.get(name) ?? createSecureContext(fallback)),
  };
}

/** A page Lighthouse scores well: small, labelled, described, crawlable. */
export const GOOD_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme shop</title>
<meta name="description" content="Acme shop: the things you need, delivered tomorrow.">
</head>
<body>
<main>
<h1>Acme shop</h1>
<p>Everything you need, delivered tomorrow.</p>
<a href="/about">About the shop</a>
</main>
</body>
</html>
`;

export const ROBOTS_TXT = 'User-agent: *\nAllow: /\n';

/** Headers a well-run production site sends: HTTP Observatory grades them A+. */
export const GOOD_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'set-cookie': '__Host-session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax',
};
