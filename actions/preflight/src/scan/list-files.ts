/**
 * Which files of a repository are scanned: the files git tracks (`git ls-files`), so ignored
 * and untracked files — a local `.env`, build output — are never read. Dependency folders,
 * build output and known binary formats are dropped even when tracked.
 *
 * When the directory is not a git work tree (actions/checkout falls back to a REST download
 * when git is missing on the runner; a tarball; git refusing a "dubious ownership" repo), the
 * tree is walked instead, honouring every .gitignore on the way, and the result says so.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { extensionOf } from './paths.js';

/** Folders never scanned: dependencies, VCS data, build and tool output. */
export const SKIPPED_DIRECTORIES = new Set([
  '.git', 'node_modules', 'bower_components', 'jspm_packages', '.pnpm-store', '.yarn', '.next', '.nuxt', '.output',
  '.svelte-kit', '.vercel', '.netlify', '.turbo', '.cache', '.parcel-cache', '.docusaurus', '.expo', '.angular',
  'dist', 'build', 'out', 'coverage', '.nyc_output', 'storybook-static',
]);

/** Formats that are binary by definition; other files are read and dropped if they hold a NUL byte. */
export const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico', 'icns', 'tif', 'tiff', 'psd', 'heic', 'pdf', 'zip',
  'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3',
  'mp4', 'm4a', 'mov', 'avi', 'webm', 'ogg', 'wav', 'flac', 'wasm', 'exe', 'dll', 'so', 'dylib', 'node', 'class',
  'pyc', 'o', 'a', 'lib', 'bin', 'dat', 'db', 'sqlite', 'sqlite3', 'lockb', 'glb', 'gltf', 'fbx', 'blend', 'dmg',
  'iso', 'apk', 'ipa', 'keystore', 'jks', 'p12', 'pfx', 'der',
]);

export interface FileList {
  files: string[];
  listedBy: 'git' | 'walk';
}

/** Whether a path (relative, forward slashes) is worth reading at all. */
export function isScannablePath(path: string): boolean {
  if (BINARY_EXTENSIONS.has(extensionOf(path))) return false;
  let from = 0;
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', from)) {
    if (SKIPPED_DIRECTORIES.has(path.slice(from, slash))) return false;
    from = slash + 1;
  }
  return true;
}

/**
 * Regular files from `git ls-files --stage -z` (`<mode> <object> <stage>\t<path>`): symlinks
 * (120000), whose target may lie outside the repository, and submodules (160000) are left out.
 * execFile rather than execCommand: a large repository's list runs to many megabytes, more than
 * execCommand keeps of a command's output.
 */
function gitLsFiles(root: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['ls-files', '--stage', '-z'], { cwd: root, maxBuffer: 1024 * 1024 * 1024, encoding: 'buffer' }, (error, stdout) => {
      if (error) return resolve(undefined);
      const files = new Set<string>();
      for (const entry of stdout.toString('utf8').split('\0')) {
        const tab = entry.indexOf('\t');
        if (tab > 0 && entry.startsWith('100')) files.add(entry.slice(tab + 1));
      }
      resolve([...files]);
    });
  });
}

interface IgnoreScope {
  /** Directory of the .gitignore, relative to the root, '' or ending in '/'. */
  base: string;
  rules: Ignore;
}

async function walk(root: string, directory: string, scopes: IgnoreScope[], files: string[]): Promise<void> {
  const absolute = join(root, directory);
  const entries = await readdir(absolute, { withFileTypes: true }).catch(() => []);
  const gitignore = entries.some((entry) => entry.isFile() && entry.name === '.gitignore')
    ? await readFile(join(absolute, '.gitignore'), 'utf8').catch(() => '')
    : '';
  const here = gitignore ? [...scopes, { base: directory, rules: ignore().add(gitignore) }] : scopes;
  const ignored = (path: string) => here.some((scope) => scope.rules.ignores(path.slice(scope.base.length)));

  for (const entry of entries) {
    const path = `${directory}${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !ignored(`${path}/`)) await walk(root, `${path}/`, here, files);
    } else if (entry.isFile() && !ignored(path)) {
      files.push(path);
    }
  }
}

export async function listRepositoryFiles(root: string): Promise<FileList> {
  const tracked = await gitLsFiles(root);
  if (tracked) return { files: tracked.filter(isScannablePath), listedBy: 'git' };
  const files: string[] = [];
  await walk(root, '', [], files);
  return { files: files.filter(isScannablePath), listedBy: 'walk' };
}
