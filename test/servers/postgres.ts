import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A real PostgreSQL server for one test file: initdb and pg_ctl on a free loopback port in a
 * temporary directory. The server binaries refuse to run as root, so as root they run as the
 * `postgres` user (`runuser -u postgres --`) in a directory that user owns. Password
 * authentication (scram-sha-256) is on for TCP, so wrong-password tests get a real refusal.
 */
const run = promisify(execFile);

export interface PostgresServer {
  port: number;
  /** A URL for `database` (default `postgres`) as the superuser with the known password. */
  url(database?: string, password?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** The server's bin directory (pg_dump, pg_restore of the same version). */
  binDir: string;
  stop(): Promise<void>;
}

export const POSTGRES_PASSWORD = 'pg-test-pass-7Hq2';

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries are missing: run scripts/setup-machine.sh (Debian packages postgresql, postgresql-client)');
  return join(root, newest, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function asPostgres(command: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function runAsPostgres(command: string, args: string[]): Promise<string> {
  const [file, argv] = asPostgres(command, args);
  const { stdout } = await run(file, argv, { env: { ...process.env, PGPASSWORD: POSTGRES_PASSWORD } });
  return stdout;
}

/** `tls`: a certificate and key for the server; it then accepts TLS as well as plain connections. */
export async function startPostgres(options: { tls?: { cert: string; key: string } } = {}): Promise<PostgresServer> {
  const binDir = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-pg-'));
  await chmod(dir, 0o777);
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  await runAsPostgres('sh', ['-c', `printf '%s' "$PGPASSWORD" > ${pwfile}`]);
  await runAsPostgres(join(binDir, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  let settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  if (options.tls) {
    const [cert, key] = [join(dir, 'server.crt'), join(dir, 'server.key')];
    await writeFile(cert, options.tls.cert);
    await writeFile(key, options.tls.key, { mode: 0o600 });
    if (asRoot) await run('chown', ['postgres:postgres', cert, key]);
    settings += ` -c ssl=on -c ssl_cert_file=${cert} -c ssl_key_file=${key}`;
  }
  await runAsPostgres(join(binDir, 'pg_ctl'), ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']);
  const url = (database = 'postgres', password = POSTGRES_PASSWORD) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}?sslmode=disable`;
  return {
    port,
    binDir,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      await runAsPostgres(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a command to completion, for pg_restore in tests. */
export function runCommand(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
