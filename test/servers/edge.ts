import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { VercelEmulator } from '../emulators/vercel.js';
import type { KeyPair } from './certificates.js';

/**
 * Production's domain for the e2e tests and the demo: a proxy on 127.0.0.1 that sends each
 * request to the app build the Vercel emulator's project serves in production now, as Vercel's
 * edge does. Builds are told apart by the commit they were deployed from (the deployment's
 * meta.githubCommitSha, which deploy sets), so a promotion or rollback in the emulator changes
 * what the smoke tests see, exactly when it happens. Served over HTTPS with `tls` (a certificate
 * of the test CA, trusted by the steps through NODE_EXTRA_CA_CERTS), as production is.
 */
export interface Edge {
  url: string;
  /** A preview deployment's own URL: an HTTPS server serving the build of `commit`, whatever production serves. */
  preview(commit: string): Promise<string>;
  /** commit SHA → the origin (http://127.0.0.1:port) serving that build. */
  origins: Map<string, string>;
  close(): Promise<void>;
}

export async function startEdge(vercel: VercelEmulator, tls: KeyPair): Promise<Edge> {
  const origins = new Map<string, string>();
  const servers: Server[] = [];
  const production = () => vercel.state.deployments.find((d) => d.id === vercel.project.productionDeploymentId)?.meta['githubCommitSha'];
  const url = await listen(servers, tls, production);
  return {
    url,
    origins,
    preview: (commit) => listen(servers, tls, () => commit),
    close: () => Promise.all(servers.map((server) => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }))).then(() => undefined),
  };

  /** An HTTPS server proxying to the origin of the commit `commitOf()` names at each request. */
  async function listen(all: Server[], keys: KeyPair, commitOf: () => string | undefined): Promise<string> {
    const server = createServer(keys, (req: IncomingMessage, res: ServerResponse) => forward(req, res, commitOf()));
    all.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  function forward(req: IncomingMessage, res: ServerResponse, commit: string | undefined): void {
    const origin = commit ? origins.get(commit) : undefined;
    if (!origin) {
      res.writeHead(404, { 'content-type': 'text/plain', 'x-vercel-error': 'DEPLOYMENT_NOT_FOUND' });
      res.end('The deployment could not be found on Vercel.');
      return;
    }
    const target = new URL(req.url ?? '/', origin);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-vercel-id': `iad1::${commit}` });
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad gateway');
    });
    req.pipe(upstream);
  }
}
