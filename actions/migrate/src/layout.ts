import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import type { FormatChoice } from './inputs.js';

/**
 * The two migration layouts on disk:
 * - Supabase: `supabase/migrations/<version>_<name>.sql`, version = the leading digits
 *   (supabase/cli apps/cli-go/pkg/migration/file.go, migrateFilePattern `^([0-9]+)_(.*)\.sql$`);
 *   files not matching are skipped, as `supabase db push` skips them (pkg/migration/list.go).
 * - Prisma: `prisma/migrations/<name>/migration.sql`, one folder per migration, applied in
 *   lexical order of the folder names (prisma-engines schema-connector migrations_directory.rs).
 */
export type Format = 'supabase' | 'prisma';

export interface LocalMigration {
  /** Supabase: `<version>_<name>`; Prisma: the folder name. What the user reads. */
  name: string;
  /** The key ordering and matching the history: Supabase's version, Prisma's folder name. */
  version: string;
  /** Path from the working directory, forward slashes. */
  file: string;
  /** The file's text exactly as read (Prisma checksums these bytes). */
  sql: string;
}

export interface Layout {
  format: Format;
  /** The migrations folder, relative to the working directory. */
  dir: string;
  migrations: LocalMigration[];
}

export const LAYOUT_DIRS: Record<Format, string> = { supabase: 'supabase/migrations', prisma: 'prisma/migrations' };
const SUPABASE_FILE = /^([0-9]+)_(.*)\.sql$/;
/** Migration files are read whole; a bigger one is refused rather than read without bound. */
export const MAX_MIGRATION_BYTES = 16 * 1024 * 1024;

export async function detectLayout(workdir: string, choice: FormatChoice): Promise<Layout> {
  const present = await presentLayouts(workdir);
  let format: Format;
  if (choice !== 'auto') {
    if (!present.includes(choice)) {
      throw new ConfigurationError(
        `Input 'format' is ${choice}, but there is no ${LAYOUT_DIRS[choice]} folder in the working directory (${workdir}): set 'working-directory' to the folder that holds it.`,
        'format',
      );
    }
    format = choice;
  } else if (present.length === 1) {
    format = present[0]!;
  } else if (present.length === 0) {
    throw new ConfigurationError(
      `No migrations found in ${workdir}: expected ${LAYOUT_DIRS.supabase}/<version>_<name>.sql (Supabase) or ${LAYOUT_DIRS.prisma}/<name>/migration.sql (Prisma). Set 'working-directory' to the folder that holds them.`,
      'working-directory',
    );
  } else {
    throw new ConfigurationError(
      `Both ${LAYOUT_DIRS.supabase} and ${LAYOUT_DIRS.prisma} exist in ${workdir}: set 'format' to supabase or prisma.`,
      'format',
    );
  }
  const migrations = format === 'supabase' ? await readSupabase(workdir) : await readPrisma(workdir);
  return { format, dir: LAYOUT_DIRS[format], migrations };
}

async function presentLayouts(workdir: string): Promise<Format[]> {
  const found: Format[] = [];
  for (const format of ['supabase', 'prisma'] as const) {
    if (await isDirectory(join(workdir, LAYOUT_DIRS[format]))) found.push(format);
  }
  return found;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function readSupabase(workdir: string): Promise<LocalMigration[]> {
  const dir = LAYOUT_DIRS.supabase;
  const entries = await readdir(join(workdir, dir), { withFileTypes: true });
  const migrations: LocalMigration[] = [];
  for (const entry of entries) {
    const match = entry.isFile() ? SUPABASE_FILE.exec(entry.name) : null;
    if (!match) continue;
    const file = `${dir}/${entry.name}`;
    migrations.push({ name: entry.name.replace(/\.sql$/, ''), version: match[1]!, file, sql: await readBounded(workdir, file) });
  }
  return sortByVersion(migrations);
}

async function readPrisma(workdir: string): Promise<LocalMigration[]> {
  const dir = LAYOUT_DIRS.prisma;
  const entries = await readdir(join(workdir, dir), { withFileTypes: true });
  const migrations: LocalMigration[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const file = `${dir}/${entry.name}/migration.sql`;
    if (!(await isFile(join(workdir, file)))) continue;
    migrations.push({ name: entry.name, version: entry.name, file, sql: await readBounded(workdir, file) });
  }
  return sortByVersion(migrations);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

async function readBounded(workdir: string, file: string): Promise<string> {
  const path = join(workdir, file);
  const { size } = await stat(path);
  if (size > MAX_MIGRATION_BYTES) {
    throw new ConfigurationError(`${file} is ${size} bytes, more than the ${MAX_MIGRATION_BYTES}-byte limit for a migration file: split it.`, 'working-directory');
  }
  return readFile(path, 'utf8');
}

/** Byte order of the version strings, as both tools compare them (Go string comparison; Rust sort of names). */
function sortByVersion(migrations: LocalMigration[]): LocalMigration[] {
  return migrations.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}
