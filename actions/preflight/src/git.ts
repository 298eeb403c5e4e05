import { execCommand } from '../../../packages/shared/src/exec.js';

/** The few git questions preflight asks, answered by the git CLI the runner has. */

/** The working directory's path from the repository root (`apps/web/`, or '' at the root); undefined outside git. */
export async function gitPrefix(cwd: string): Promise<string | undefined> {
  const result = await execCommand('git', ['rev-parse', '--show-prefix'], { cwd });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/**
 * Files git tracks under `cwd` that match the pathspecs, relative to it, with forward slashes;
 * undefined outside git. Asking git for just those keeps the answer small: the full list of a
 * large repository would overrun what execCommand keeps of a command's output.
 */
export async function gitTrackedFiles(cwd: string, pathspecs: string[]): Promise<string[] | undefined> {
  const result = await execCommand('git', ['ls-files', '-z', '--', ...pathspecs], { cwd });
  if (result.exitCode !== 0) return undefined;
  return result.stdout.split('\0').filter(Boolean);
}

/** Whether the ignore rules (.gitignore, info/exclude, core.excludesFile) cover `path`, tracked or not. */
export async function gitIgnores(cwd: string, path: string): Promise<boolean | undefined> {
  const result = await execCommand('git', ['check-ignore', '-q', '--no-index', '--', path], { cwd });
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  return undefined;
}
