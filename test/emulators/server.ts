import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP server on 127.0.0.1 for emulating a third-party API in tests. Routes match
 * `METHOD /path/:param`; every request is recorded (method, path, query, headers, body) so a
 * test can assert what the action sent — and that no secret was sent where it should not be.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON when the body was JSON, else the raw text; a Buffer for binary uploads. */
  body: unknown;
  raw: Buffer;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string or Buffer. */
  body?: unknown;
  /** Wait before answering (latency, timeouts). */
  delayMs?: number;
}

export type Handler = (req: RecordedRequest, params: Record<string, string>) => Reply | Promise<Reply>;

export interface Emulator {
  url: string;
  requests: RecordedRequest[];
  /** TCP connections clients opened (keep-alive reuses one for many requests). */
  connections(): number;
  /** Requests to one route pattern, e.g. `POST /api/chat.postMessage`. */
  calls(route: string): RecordedRequest[];
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  route: string;
  handler: Handler;
}

function compile(route: string, handler: Handler): Route {
  const [method, path] = route.split(' ') as [string, string];
  const keys: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    })}$`,
  );
  return { method, pattern, keys, route, handler };
}

export async function startEmulator(routes: Record<string, Handler>): Promise<Emulator> {
  const compiled = Object.entries(routes).map(([route, handler]) => compile(route, handler));
  const requests: (RecordedRequest & { route?: string })[] = [];
  const server = createServer((req, res) => void handle(req, res));
  let connections = 0;
  server.on('connection', () => connections++);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest & { route?: string } = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(raw, req.headers['content-type']),
      raw,
    };
    const match = findRoute(compiled, recorded.method, recorded.path);
    recorded.route = match?.route.route;
    requests.push(recorded);
    const reply: Reply = match ? await match.route.handler(recorded, match.params) : { status: 404, body: { error: { code: 'not_found', message: `No emulated route for ${recorded.method} ${recorded.path}` } } };
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    send(res, reply);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    calls: (route) => requests.filter((r) => r.route === route),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The whole request body, gathered from its 'data' events (lighter than an async iterator per request). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Copied out of the socket's read buffers, which a kept slice would hold whole.
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function findRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method && route.method !== '*') continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? '')])) };
  }
  return undefined;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return raw.toString('utf8');
    }
  }
  if (contentType?.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  if (contentType?.startsWith('text/')) return raw.toString('utf8');
  return raw;
}

function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body);
  const json = reply.body !== undefined && typeof reply.body !== 'string' && !Buffer.isBuffer(reply.body);
  res.writeHead(reply.status ?? 200, { ...(json ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...reply.headers });
  res.end(body);
}
