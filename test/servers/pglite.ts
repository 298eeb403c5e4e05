import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freePort } from './postgres.js';

/**
 * An embedded PostgreSQL for the local demo and tests on machines without a server: PGlite
 * (PostgreSQL compiled to WebAssembly, in this process) behind its socket server, which speaks
 * the wire protocol on loopback, so the `pg` driver connects to it as to any server.
 *
 * What it is not: one PostgreSQL backend shared by every connection (queries are queued, so a
 * transaction of one connection is not isolated from another's), in memory unless `dataDir` is
 * given, with no pg_dump (migrate's backup needs `backup: false` against it) and no TLS
 * (the URL says sslmode=disable). The password in the URL is accepted and not checked.
 */
/** PGlite accepts any password; the URL carries one because drivers and tools expect it. */
const EMBEDDED_PASSWORD = 'embedded';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir);
  const port = options.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  return {
    url: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
