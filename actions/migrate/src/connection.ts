import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import { registerSecret } from '../../../packages/shared/src/secrets.js';
import { DATABASE_URL_FORM } from './inputs.js';

/**
 * The database named by `database-url`, taken apart so that no part of the URL is handed on whole:
 * the driver gets the fields, pg_dump gets PG* variables (never the URL on a command line), and
 * messages name only the host, port and database. `sslmode` is honoured as libpq reads it
 * (https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS): node-postgres
 * alone treats require as verify-full, which refuses Supabase's pooler certificate.
 */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface DatabaseTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode;
  sslrootcert?: string;
  /** Prisma's `?schema=` parameter: where its tables and _prisma_migrations live. */
  schema?: string;
}

/** A connect attempt gets this long; a server that never answers is reported, not waited for. */
export const CONNECT_TIMEOUT_MS = 15_000;

export function parseDatabaseUrl(value: string): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badUrl('is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw badUrl('is not a postgres:// URL');
  const password = decode(url.password);
  registerSecret(password);
  registerSecret(url.password);
  const params = url.searchParams;
  const sslmode = (params.get('sslmode') ?? 'prefer') as SslMode;
  if (!SSL_MODES.includes(sslmode)) throw badUrl(`has sslmode=${sslmode.slice(0, 20)}, which is not one of ${SSL_MODES.join(', ')}`);
  const user = decode(url.username) || 'postgres';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 5432,
    database: decode(url.pathname.replace(/^\//, '')) || user,
    user,
    password,
    sslmode,
    sslrootcert: params.get('sslrootcert') ?? undefined,
    schema: params.get('schema') ?? undefined,
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badUrl('has a %-escape that is not valid in its user name, password or database');
  }
}

function badUrl(problem: string): ConfigurationError {
  return new ConfigurationError(`Input 'database-url' (value hidden) ${problem}: expected ${DATABASE_URL_FORM}.`, 'database-url');
}

/** Where messages say we connected: never the user or password. */
export function describeTarget(target: DatabaseTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${host}:${target.port}/${target.database}`;
}

/** The node TLS options for a libpq sslmode; `false` for a plain connection. */
export function tlsOptions(target: DatabaseTarget, mode: SslMode = target.sslmode): ConnectionOptions | false {
  if (mode === 'disable') return false;
  const ca = target.sslrootcert && target.sslrootcert !== 'system' ? readCa(target.sslrootcert) : undefined;
  // libpq: with a root certificate, require behaves as verify-ca.
  const verify = mode === 'verify-full' || mode === 'verify-ca' || (mode === 'require' && ca !== undefined);
  if (!verify) return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...(mode === 'verify-full' ? {} : { checkServerIdentity: () => undefined }) };
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ConfigurationError(`Input 'database-url' (value hidden) names sslrootcert=${path}, which cannot be read: give the path of the server's CA certificate, or sslrootcert=system.`, 'database-url');
  }
}

export interface ConnectOptions {
  /** Extra TLS options (tests trust their own CA). */
  tls?: ConnectionOptions;
}

/**
 * Connects, with libpq's fallback for allow/prefer: TLS first, plain text when the server has
 * no TLS. A failure becomes one line without the URL or password (connectionError).
 */
export async function connect(target: DatabaseTarget, options: ConnectOptions = {}): Promise<pg.Client> {
  const attempts: SslMode[] = target.sslmode === 'prefer' || target.sslmode === 'allow' ? ['require', 'disable'] : [target.sslmode];
  let lastError: unknown;
  for (const mode of attempts) {
    const tls = tlsOptions(target, mode);
    const client = new pg.Client({
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      password: target.password,
      ssl: tls === false ? false : { ...tls, ...options.tls },
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'deploy-kit migrate',
    });
    // A connection that drops later is reported by the query that needed it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      if (!isNoTlsServer(error)) break;
    }
  }
  throw new ConfigurationError(connectionError(lastError, target), 'database-url');
}

function isNoTlsServer(error: unknown): boolean {
  return error instanceof Error && error.message === 'The server does not support SSL connections';
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** One line: where, what went wrong, what to do. Built from error codes, never from the driver's text alone. */
export function connectionError(error: unknown, target: DatabaseTarget): string {
  const where = `Cannot connect to PostgreSQL at ${describeTarget(target)}`;
  const { code = '', message = '' } = (error ?? {}) as { code?: string; message?: string };
  const why = ((): string => {
    if (code === '28P01') return 'the server refused the password (28P01): check the user and password in the database-url secret';
    if (code === '28000') return 'the server does not accept this user from here (28000): check the user in the database-url secret and the server\'s allowed hosts';
    if (code === '3D000') return `database "${target.database}" does not exist (3D000): check the database name at the end of the URL`;
    if (code === '53300') return 'the server has no free connection slots (53300): use the pooler\'s URL or retry later';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name ${target.host} does not resolve (${code}): check the host in the database-url secret`;
    if (code === 'ECONNREFUSED') return `nothing accepts connections on port ${target.port} (ECONNREFUSED): check the host and port, and that the server is running`;
    if (code === 'ECONNRESET' || code === 'EPIPE') return `the server closed the connection (${code}): it may require TLS (add ?sslmode=require) or not allow this address`;
    if (code === 'ETIMEDOUT' || /timeout expired|connection timeout/i.test(message)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000}s: check the host and port, and that the runner can reach the server (firewall, IP allow list)`;
    if (isNoTlsServer(error)) return `the server does not offer TLS, but sslmode=${target.sslmode} requires it: use the server's TLS port or URL, or sslmode=prefer`;
    if (TLS_CODES.test(code)) return `the TLS handshake failed (${code}) with sslmode=${target.sslmode}: use sslmode=require (encrypted, certificate not checked) or give the server's CA with sslrootcert=<file>`;
    if (/^[0-9A-Z]{5}$/.test(code)) return `the server refused the connection (${code})`;
    return `the connection failed${code ? ` (${code})` : ''}`;
  })();
  return `${where}: ${why}.`;
}
