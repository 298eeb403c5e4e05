import { statSync, type Stats } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { sourceIgnore, userIgnore } from './ignore.js';
import { stampOf, type Stamp } from './stamp.js';

/**
 * The files of a deployment, each named by its path relative to the upload root with forward
 * slashes (what `files[].file` holds). Source mode walks the working directory less the ignore
 * rules; prebuilt mode takes `<root>/.vercel/output` whole (its node_modules included, they are
 * the functions' dependencies) plus the files its functions' `.vc-config.json` `filePathMap`
 * names outside it — the Vercel CLI's rule, which also drops entries that leave the root or that
 * .vercelignore excludes, so a tampered build output cannot pull secrets in.
 */
export interface LocalFile {
  /** Path inside the deployment, forward slashes. */
  file: string;
  /** Absolute path on disk. */
  path: string;
  size: number;
  /** Its identity when listed, to tell at upload whether it changed since it was hashed. */
  stamp: Stamp;
}

export interface Collected {
  files: LocalFile[];
  /** Which ignore file applied, for the log. */
  ignoreFile?: string;
}

type Skip = (rel: string, isDirectory: boolean) => boolean;

export async function collectSource(root: string): Promise<Collected> {
  const rules = await sourceIgnore(root);
  const files = await walk(root, root, (rel, dir) => rules.ignores(dir ? `${rel}/` : rel));
  return { files: sortByName(files), ignoreFile: rules.source };
}

export async function collectPrebuilt(root: string, outputDir: string): Promise<Collected> {
  const files = await walk(root, outputDir, () => false);
  const referenced = await filePathMapReferences(root, files);
  const known = new Set(files.map((f) => f.file));
  return { files: sortByName([...files, ...referenced.filter((f) => !known.has(f.file))]) };
}

async function filePathMapReferences(root: string, outputFiles: LocalFile[]): Promise<LocalFile[]> {
  const configs = outputFiles.filter((f) => f.file.endsWith('/.vc-config.json'));
  const user = await userIgnore(root);
  const paths = new Set<string>();
  for (const config of configs) {
    let map: unknown;
    try {
      map = (JSON.parse(await readFile(config.path, 'utf8')) as { filePathMap?: unknown }).filePathMap;
    } catch {
      continue;
    }
    if (!map || typeof map !== 'object') continue;
    for (const value of Object.values(map as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      const rel = toPosix(relative(root, join(root, value)));
      if (rel.startsWith('../') || rel === '..' || isAbsolute(rel)) continue;
      if (user?.rules.ignores(rel)) continue;
      paths.add(rel);
    }
  }
  const found = await Promise.all(
    [...paths].map(async (file) => {
      const path = join(root, file);
      const info = await stat(path).catch(() => undefined);
      return info?.isFile() ? { file, path, size: info.size, stamp: stampOf(info) } : undefined;
    }),
  );
  return found.filter((f): f is LocalFile => f !== undefined);
}

/**
 * Walks `dir` (inside `root`), following symlinks: a linked directory is walked under its link's
 * name too (`vercel build` links functions that share code), except a link back to a directory
 * being walked, which would never end.
 */
async function walk(root: string, dir: string, skip: Skip, ancestors: ReadonlySet<string> = new Set()): Promise<LocalFile[]> {
  const real = await realpath(dir);
  if (ancestors.has(real)) return [];
  const inside = new Set([...ancestors, real]);
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry): Promise<LocalFile[]> => {
      const path = join(dir, entry.name);
      const rel = toPosix(relative(root, path));
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let target: Stats | undefined;
      if (entry.isSymbolicLink()) {
        target = await stat(path).catch(() => undefined);
        if (!target) return [];
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (skip(rel, isDirectory)) return [];
      if (isDirectory) return walk(root, path, skip, inside);
      if (!isFile) return [];
      // Synchronously: the build that wrote the file left its inode cached, and thousands of
      // stats through the thread pool cost the step's one thread 0.1 s to dispatch and collect.
      const stats = target ?? statSync(path);
      return [{ file: rel, path, size: stats.size, stamp: stampOf(stats) }];
    }),
  );
  return nested.flat();
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function sortByName(files: LocalFile[]): LocalFile[] {
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
