import { constants, realpathSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigurationError } from './errors.js';

/**
 * Every path a user gives (an input, a config key) names something inside the workspace: it is
 * resolved from the workspace, symbolic links followed, and refused when it ends up outside —
 * so no input can make an action read /etc or upload a folder that is not the repository's.
 */
export interface WorkspacePathOptions {
  /** The input (or config key) the path came from, for the message. */
  input: string;
  /** The expected form, e.g. "a directory of the repository, e.g. apps/web". */
  expected: string;
}

/**
 * The real absolute path of `given` inside `workspace`, or a ConfigurationError naming the input.
 * A path that does not exist is checked by its nearest existing parent; the caller decides
 * whether it must exist.
 */
export function resolveInWorkspace(workspace: string, given: string, options: WorkspacePathOptions): string {
  const { root, lexical, real, inside } = locateInWorkspace(workspace, given);
  if (!inside) {
    const via = real === lexical ? '' : ` (through a symbolic link, to ${real})`;
    throw new ConfigurationError(
      `Input '${options.input}' ${JSON.stringify(given)} points outside the workspace${via}: expected ${options.expected}, inside the repository (${root}).`,
      options.input,
    );
  }
  return real;
}

/**
 * Where `given` (relative to the workspace, or absolute) really is: its real path, symbolic links
 * followed (the nearest existing parent's for a path that does not exist yet), and whether that is
 * inside the workspace's real path. The one containment rule of every path a user gives.
 */
export function locateInWorkspace(workspace: string, given: string): { root: string; lexical: string; real: string; inside: boolean } {
  const root = realOrNearest(resolve(workspace));
  const lexical = resolve(root, given);
  const real = realOrNearest(lexical);
  return { root, lexical, real, inside: isInside(root, real) };
}

/** Whether `path` is `root` or below it (both absolute and real). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realOrNearest(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return resolve(realpathSync(current), ...missing);
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      missing.unshift(current.slice(parent.length + 1));
      current = parent;
    }
  }
}

/**
 * A regular file's text, at most `maxBytes`: a device, a FIFO or a directory is refused (reading
 * /dev/zero never ends), and a larger file is an error rather than a read into memory.
 */
export async function readSmallFile(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTFILE' });
    if (info.size > maxBytes) throw Object.assign(new Error(`it is larger than ${Math.round(maxBytes / 1024)} KB`), { code: 'EFBIG' });
    const buffer = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * A file of the repository read safely: `path` (relative to `root`) must resolve, links followed,
 * to a regular file inside `root`, of at most `maxBytes`. A tracked link out of the repository
 * or to a device (/dev/zero) is an error, never read.
 */
export async function readFileInside(root: string, path: string, maxBytes: number): Promise<string> {
  const realRoot = realOrNearest(resolve(root));
  const real = realpathSync(resolve(realRoot, path));
  if (!isInside(realRoot, real)) throw Object.assign(new Error(`${path} points outside the repository (${real})`), { code: 'EOUTSIDE' });
  return readSmallFile(real, maxBytes);
}
