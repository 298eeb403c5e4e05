import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import { execCommand, lastLines } from '../../../packages/shared/src/exec.js';
import { resolveInWorkspace } from '../../../packages/shared/src/paths.js';
import type { DatabaseTarget } from './connection.js';

/**
 * The backup before applying: pg_dump in custom format (restorable with pg_restore, one table at
 * a time if need be). pg_dump is the one program migrate runs; it gets the connection through
 * PG* variables, never a URL on its command line, and must be at least the server's major
 * version (pg_dump refuses to dump a newer server).
 */
export interface PgDump {
  path: string;
  major: number;
  version: string;
}

/** A dump of a production database can take a while; past this the step fails instead of hanging. */
export const BACKUP_TIMEOUT_MS = 60 * 60_000;
const VERSION = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/;

/** Every pg_dump on this machine: PATH first, then Debian's versioned folders (newest first). */
export function pgDumpCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const onPath = (env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'pg_dump'));
  const root = '/usr/lib/postgresql';
  const debian = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(root, v, 'bin', 'pg_dump'))
    : [];
  return [...onPath, ...debian].filter((path, i, all) => existsSync(path) && all.indexOf(path) === i);
}

async function versionOf(path: string): Promise<PgDump | undefined> {
  const result = await execCommand(path, ['--version'], { timeoutMs: 10_000, maxOutput: 4096 });
  const match = VERSION.exec(result.stdout);
  return result.exitCode === 0 && match ? { path, major: Number(match[1]), version: `${match[1]}${match[2] ? `.${match[2]}` : ''}` } : undefined;
}

/** The first pg_dump new enough for the server; a clear error naming the fix when none is. */
export async function findPgDump(serverMajor: number, candidates: string[] = pgDumpCandidates()): Promise<PgDump> {
  const found: PgDump[] = [];
  for (const path of candidates) {
    const dump = await versionOf(path);
    if (dump && dump.major >= serverMajor) return dump;
    if (dump) found.push(dump);
  }
  const install = `install postgresql-client-${serverMajor} (on Ubuntu runners: the PostgreSQL apt repository, https://www.postgresql.org/download/linux/ubuntu/)`;
  if (found.length === 0) {
    throw new ConfigurationError(`The backup needs pg_dump, and none was found on PATH or in /usr/lib/postgresql: ${install}, or set backup: false.`, 'backup');
  }
  const newest = found.sort((a, b) => b.major - a.major)[0]!;
  throw new ConfigurationError(
    `pg_dump ${newest.version} (${newest.path}) is older than the server (PostgreSQL ${serverMajor}) and cannot dump it: ${install}, or set backup: false.`,
    'backup',
  );
}

/** libpq's environment for pg_dump: the same server, user, password and TLS mode as the driver's connection. */
export function pgEnvironment(target: DatabaseTarget): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    PGHOST: target.host,
    PGPORT: String(target.port),
    PGDATABASE: target.database,
    PGUSER: target.user,
    PGPASSWORD: target.password,
    PGSSLMODE: target.sslmode,
    ...(target.sslrootcert ? { PGSSLROOTCERT: target.sslrootcert } : {}),
    PGCONNECT_TIMEOUT: '15',
    PGAPPNAME: 'deploy-kit migrate backup',
  };
}

/**
 * Where the backup goes: `backup-path` resolved against the workspace, which it must stay
 * inside (or RUNNER_TEMP); by default a timestamped file under RUNNER_TEMP.
 */
export function backupFile(input: string | undefined, workspace: string, runnerTemp: string, now = new Date()): string {
  if (!input) return join(runnerTemp, 'deploy-kit', `migrate-backup-${now.toISOString().replace(/[:.]/g, '-')}.dump`);
  // The shared check follows symbolic links: a link in the repository cannot send the dump elsewhere.
  const options = { input: 'backup-path', expected: 'a file path inside the workspace, e.g. backups/db.dump' };
  const inside = (root: string): string | undefined => {
    try {
      const path = resolveInWorkspace(root, resolve(workspace, input), options);
      // The root itself is a directory, not a file.
      return path === realRoot(root) ? undefined : path;
    } catch {
      return undefined;
    }
  };
  const path = inside(workspace) ?? inside(runnerTemp);
  if (!path) {
    throw new ConfigurationError(`Input 'backup-path' ${JSON.stringify(input)} is outside the workspace and RUNNER_TEMP: expected a file path inside the workspace, e.g. backups/db.dump.`, 'backup-path');
  }
  return path;
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return resolve(root);
  }
}

export async function runBackup(dump: PgDump, target: DatabaseTarget, file: string): Promise<{ bytes: number; durationMs: number }> {
  await mkdir(dirname(file), { recursive: true });
  const result = await execCommand(dump.path, ['--format=custom', '--no-password', `--file=${file}`], {
    env: pgEnvironment(target),
    timeoutMs: BACKUP_TIMEOUT_MS,
    maxOutput: 16_384,
  });
  if (result.exitCode !== 0) {
    const why = result.exitCode === 124 ? `did not finish within ${BACKUP_TIMEOUT_MS / 60_000} minutes` : `exited with ${result.exitCode}: ${withoutUser(lastLines(result.stderr, 3), target).replace(/\n/g, ' ')}`;
    throw new Error(`pg_dump ${why}. Nothing was migrated. Fix the backup, or set backup: false to migrate without one.`);
  }
  return { bytes: (await stat(file)).size, durationMs: result.durationMs };
}

/**
 * pg_dump's errors quote the user name (`password authentication failed for user "app"`,
 * `role "app" does not exist`); messages name only the host, port and database (describeTarget).
 */
function withoutUser(text: string, target: DatabaseTarget): string {
  return text.replaceAll(`"${target.user}"`, '"(user hidden)"');
}
