import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigurationError } from './errors.js';

/** The `working-directory` input resolved against the workspace: an existing directory inside it, or a clear error. */
export function workingDirectory(input: string, workspace: string): string {
  const dir = resolve(workspace, input);
  const inside = !relative(workspace, dir).startsWith('..') && !isAbsolute(relative(workspace, dir));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir || !inside) {
    const problem = inside ? 'is not a directory of the repository' : 'is outside the repository';
    throw new ConfigurationError(
      `Input 'working-directory' ${JSON.stringify(input)} ${problem} (${dir}): expected a directory of the repository, e.g. apps/web.`,
      'working-directory',
    );
  }
  return dir;
}
