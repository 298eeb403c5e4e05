import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { ConfigurationError } from '../../../../packages/shared/src/errors.js';
import { isInside } from '../../../../packages/shared/src/paths.js';

/**
 * The files `sourcemaps` names: each entry a file, a directory (every file under it) or a glob,
 * relative to the working directory. Only JavaScript and source maps are kept (the extensions
 * sentry-cli uploads by default). Symbolic links are never followed, so nothing outside the
 * working directory is read. Each file's URL is `url-prefix` + its path relative to the entry's
 * directory, as sentry-cli builds it (`~/_next` + `static/chunks/main.js`).
 */
export interface SourceFileEntry {
  /** Absolute path on disk. */
  path: string;
  /** The URL Sentry matches stack frames against, e.g. ~/_next/static/chunks/main.js. */
  url: string;
  size: number;
}

export interface Collected {
  files: SourceFileEntry[];
  /** Entries that matched no file, as given. */
  unmatched: string[];
}

export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.map'];
/** More files than any web build has; a pattern matching more is a mistake (e.g. node_modules). */
export const MAX_FILES = 50_000;
/** The bundle is built in memory: more source than this is refused before anything is read. */
export const MAX_SOURCE_BYTES = 1024 ** 3;

export async function collectSourceFiles(root: string, entries: string[], urlPrefix: string): Promise<Collected> {
  const byPath = new Map<string, SourceFileEntry>();
  const unmatched: string[] = [];
  for (const entry of entries) {
    const found = await filesOf(root, entry);
    if (found.length === 0) unmatched.push(entry);
    for (const file of found) {
      if (!SOURCE_EXTENSIONS.some((ext) => file.path.endsWith(ext)) || byPath.has(file.path)) continue;
      byPath.set(file.path, { path: file.path, url: `${urlPrefix}/${file.relative}`, size: file.size });
      if (byPath.size > MAX_FILES) throw new ConfigurationError(`'sourcemaps' matches more than ${MAX_FILES} files (at ${entry}): narrow it to the build output, e.g. .next/static.`, 'sourcemaps');
    }
  }
  const files = [...byPath.values()].sort((a, b) => a.url.localeCompare(b.url));
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_SOURCE_BYTES) {
    throw new ConfigurationError(`'sourcemaps' matches ${files.length} files of ${(total / 1024 ** 3).toFixed(1)} GiB, more than the 1 GiB one bundle takes: narrow it to the build output, e.g. .next/static.`, 'sourcemaps');
  }
  return { files, unmatched };
}

interface Found {
  path: string;
  /** Relative to the entry's directory, forward slashes. */
  relative: string;
  size: number;
}

async function filesOf(root: string, entry: string): Promise<Found[]> {
  const scan = picomatch.scan(entry);
  if (scan.isGlob) {
    const matches = picomatch(entry, { dot: true });
    const base = join(root, scan.base);
    if (!(await staysInside(root, base, entry))) return [];
    return (await walk(base)).filter((f) => matches(toPosix(relative(root, f.path)))).map((f) => ({ ...f, relative: toPosix(relative(base, f.path)) }));
  }
  const path = join(root, entry);
  if (!(await staysInside(root, path, entry))) return [];
  const stats = await lstat(path).catch(() => undefined);
  if (stats?.isFile()) return [{ path, relative: toPosix(relative(join(path, '..'), path)), size: stats.size }];
  if (stats?.isDirectory()) return (await walk(path)).map((f) => ({ ...f, relative: toPosix(relative(path, f.path)) }));
  return [];
}

/**
 * Whether `path` resolves, links followed, inside `root`: `lstat` and the walk do not follow a link
 * at the end of a path, but a linked directory on the way (`dist` -> /etc) would be. A missing path
 * is inside (it matches nothing); one that leads out is refused.
 */
async function staysInside(root: string, path: string, entry: string): Promise<boolean> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return false;
  if (isInside(await realpath(root), real)) return true;
  throw new ConfigurationError(`'sourcemaps' entry ${entry} leads outside the working directory through a symbolic link (to ${real}): name the build output itself.`, 'sourcemaps');
}

/** Regular files under `dir`, links not followed. */
async function walk(dir: string): Promise<Omit<Found, 'relative'>[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (path) => ({ path, size: (await lstat(path)).size })));
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
