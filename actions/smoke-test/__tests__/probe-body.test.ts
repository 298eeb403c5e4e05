import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbeError, Prober } from '../../../packages/shared/src/smoke/probe.js';

/** A body that never arrives whole is no answer: a 200 with a cut-off body must not be judged as an empty page. */
describe('Prober: bodies cut off', () => {
  const servers: Server[] = [];
  afterAll(async () => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('fails when the connection breaks in the middle of the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"status":"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const prober = new Prober(url, undefined, { timeoutMs: 5_000 });
    const sent = prober.send('/').catch((error: unknown) => error);
    const error = await sent;
    await prober.close();
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('BODY_BROKEN');
  });

  it('fails as a timeout when the body is still streaming when the probe timeout runs out', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<h1>');
      const timer = setTimeout(() => res.end('</h1>'), 2_000);
      res.on('close', () => clearTimeout(timer));
    });
    const prober = new Prober(url, undefined, { timeoutMs: 200 });
    const error = await prober.send('/').catch((e: unknown) => e);
    await prober.close();
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('TIMEOUT');
    expect((error as ProbeError).message).toContain('whole body within 200 ms');
  });
});
