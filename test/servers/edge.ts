import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
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
  /** commit SHA → the origin (http://127.0.0.1:port) serving that build. */
  origins: Map<string, string>;
  close(): Promise<void>;
}

export async function startEdge(vercel: VercelEmulator, tls: KeyPair): Promise<Edge> {
  const origins = new Map<string, string>();
  const server = createServer(tls, (req: IncomingMessage, res: ServerResponse) => {
    const serving = vercel.state.deployments.find((d) => d.id === vercel.project.productionDeploymentId);
    const origin = serving ? origins.get(serving.meta['githubCommitSha'] ?? '') : undefined;
    if (!origin) {
      res.writeHead(404, { 'content-type': 'text/plain', 'x-vercel-error': 'DEPLOYMENT_NOT_FOUND' });
      res.end('The deployment could not be found on Vercel.');
      return;
    }
    const target = new URL(req.url ?? '/', origin);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-vercel-id': serving!.id });
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad gateway');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    origins,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
