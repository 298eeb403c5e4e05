import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting HTTP proxy in front of an emulator (or any upstream): each request is
 * forwarded as is, unless a rule matches it, in which case the proxy plays the fault instead —
 * the failures a careful SRE tries: an error status (with Retry-After), a connection reset
 * before the upstream saw the request, a reset after the upstream acted (its answer is lost),
 * a reset in the middle of the answer's body, a hang, and an endless body.
 */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** The upstream acts, then the client gets this status instead of its answer (a gateway timing out). */
  | { kind: 'status-after'; status: number }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'reset-mid-body' }
  | { kind: 'hang' }
  | { kind: 'endless' };

export interface FaultRule {
  method?: string;
  /** The request path (no query) or a pattern of it. */
  path: string | RegExp;
  fault: Fault;
  /** How many matching requests get the fault (default 1); Infinity for all. */
  times?: number;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The fault played, when one was. */
  fault?: Fault['kind'];
}

export interface FaultProxy {
  url: string;
  requests: ProxiedRequest[];
  inject(...rules: FaultRule[]): void;
  /** Called before each request is played or forwarded: lets a test change the world at a chosen moment. */
  onRequest?: (method: string, path: string) => void;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: (FaultRule & { left: number })[] = [];
  const requests: ProxiedRequest[] = [];

  const take = (method: string, path: string): Fault | undefined => {
    const rule = rules.find((r) => r.left > 0 && (!r.method || r.method === method) && (typeof r.path === 'string' ? r.path === path : r.path.test(path)));
    if (!rule) return undefined;
    rule.left--;
    return rule.fault;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', target).pathname;
    proxy.onRequest?.(method, path);
    const fault = take(method, path);
    requests.push({ method, path, ...(fault ? { fault: fault.kind } : {}) });
    play(fault, req, res, target);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (...added) => void rules.push(...added.map((r) => ({ ...r, left: r.times ?? 1 }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}

function play(fault: Fault | undefined, req: IncomingMessage, res: ServerResponse, target: URL): void {
  switch (fault?.kind) {
    case 'status':
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? JSON.stringify({ error: { code: 'injected', message: `Injected ${fault.status}` } }));
      return;
    case 'reset-before':
      req.socket.destroy();
      return;
    case 'hang':
      req.resume();
      return;
    case 'endless':
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html' });
      pour(res);
      return;
    default:
      forward(req, res, target, fault);
  }
}

/** Writes without end, as fast as the reader takes it, until the connection closes. */
function pour(res: ServerResponse): void {
  const write = () => {
    while (!res.destroyed && res.write(CHUNK));
    if (!res.destroyed) res.once('drain', write);
  };
  write();
}

function forward(req: IncomingMessage, res: ServerResponse, target: URL, fault: Fault | undefined): void {
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    if (fault?.kind === 'status-after') {
      answer.resume();
      answer.on('end', () => {
        res.writeHead(fault.status, { 'content-type': 'text/html' });
        res.end(`<html><body>${fault.status} Bad Gateway</body></html>`);
      });
      return;
    }
    if (fault?.kind === 'reset-after') {
      // The upstream acted and answered; the client never hears of it.
      answer.resume();
      answer.on('end', () => req.socket.destroy());
      return;
    }
    if (fault?.kind === 'reset-mid-body') {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers = { ...answer.headers, 'content-length': String(Math.max(body.length, 2)) };
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode ?? 200, headers);
        res.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))), () => req.socket.destroy());
      });
      return;
    }
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (res.headersSent) return void req.socket.destroy();
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'proxy_error', message: error.message } }));
  });
  req.pipe(upstream);
}
