import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError } from './errors.js';
import { isInside, locateInWorkspace, readSmallFile } from './paths.js';

/**
 * Path inputs resolve inside the workspace or are refused, symlinks included (a link that leads
 * out of the repository is refused, not followed), and files are read with a size bound.
 */
export const DEFAULT_MAX_READ_BYTES = 1024 * 1024;

export interface PathInput {
  /** The input's name, e.g. `env-file`. */
  input: string;
  /** The value as the user wrote it, for messages. */
  value: string;
  /** The expected form, e.g. "a file of the repository, e.g. .env.production". */
  expected: string;
}

function refuse(path: PathInput, problem: string): ConfigurationError {
  return new ConfigurationError(`Input '${path.input}' ${JSON.stringify(path.value)} ${problem}: expected ${path.expected}.`, path.input);
}

/**
 * `base`/`path.value` as a real absolute path inside `workspace` (paths.ts's containment rule), or
 * undefined when nothing is there.
 */
async function resolveInside(workspace: string, base: string, path: PathInput): Promise<string | undefined> {
  const absolute = resolve(base, path.value);
  if (!isInside(resolve(workspace), absolute)) throw refuse(path, 'is outside the repository');
  const { real, inside } = locateInWorkspace(workspace, absolute);
  if (!inside) throw refuse(path, 'is a symbolic link that leads outside the repository');
  return (await stat(real).catch(() => undefined)) ? real : undefined;
}

/** A directory inside the workspace; an error naming the input when it is missing, a file, or outside. */
export async function workspaceDirectory(workspace: string, path: PathInput): Promise<string> {
  const dir = await resolveInside(workspace, workspace, path);
  const info = dir ? await stat(dir) : undefined;
  if (!info) throw refuse(path, 'does not exist');
  if (!info.isDirectory()) throw refuse(path, 'is not a directory');
  return dir!;
}

/**
 * The text of a file inside the workspace (resolved from `base`), or undefined when there is no
 * such file. Refused when it is outside, not a regular file, or larger than `maxBytes`.
 */
export async function readWorkspaceFile(workspace: string, base: string, path: PathInput, maxBytes = DEFAULT_MAX_READ_BYTES): Promise<string | undefined> {
  const file = await resolveInside(workspace, base, path);
  if (!file) return undefined;
  try {
    return await readSmallFile(file, maxBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFILE') throw refuse(path, 'is not a file');
    if (code === 'EFBIG') throw refuse(path, `is larger than ${Math.round(maxBytes / 1024)} KiB`);
    throw error;
  }
}
