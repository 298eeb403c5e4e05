import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatedProject, VercelEmulator } from './vercel.js';

/**
 * What rollback's tests need around the Vercel emulator (test/emulators/vercel.ts) without
 * changing it: a second project in the same team, and a pass-through proxy that lets a test move
 * emulator state at a chosen request — how a promotion job that fails (`jobStatus: failed`, one
 * of the documented values of GetProjectLastAliasRequest in @vercel/sdk
 * models/getprojectfrompreset.ts) is played: nothing in the API can ask Vercel to fail one.
 */
export function addProject(vercel: VercelEmulator, seed: { name: string; id?: string; domains?: string[] }): EmulatedProject {
  const project: EmulatedProject = {
    id: seed.id ?? `prj_${seed.name.replace(/[^a-z0-9]/gi, '')}00000000000000`,
    name: seed.name,
    accountId: vercel.project.accountId,
    rootDirectory: null,
    domains: seed.domains ?? [`${seed.name}.example.com`],
    createdAt: Date.now() - 2_000_000,
  };
  vercel.state.projects.push(project);
  return project;
}

export interface VercelProxy {
  url: string;
  close(): Promise<void>;
}

/** Runs `before(method, path)` on each request, then forwards it to the emulator and relays the answer. */
export async function startVercelProxy(vercel: VercelEmulator, before: (method: string, path: string) => void): Promise<VercelProxy> {
  const upstream = new URL(vercel.url);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    before(req.method ?? 'GET', new URL(req.url ?? '/', upstream).pathname);
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'proxy_error', message: error.message } }));
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A `before` hook: the project's running promotion fails the next time its status is read. */
export function failRunningPromotion(vercel: VercelEmulator, project: EmulatedProject = vercel.project): (method: string, path: string) => void {
  return (method, path) => {
    const request = project.lastAliasRequest;
    if (method !== 'GET' || path !== `/v9/projects/${project.id}` || !request) return;
    if (request.jobStatus === 'pending' || request.jobStatus === 'in-progress') request.jobStatus = 'failed';
  };
}
