import { execCommand } from '../../../packages/shared/src/exec.js';

/** The few git questions preflight asks, answered by the git CLI the runner has. */

/** The working directory's path from the repository root (`apps/web/`, or '' at the root); undefined outside git. */
export async function gitPrefix(cwd: string): Promise<string | undefined> {
  const result = await execCommand('git', ['rev-parse', '--show-prefix'], { cwd });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** Files git tracks under `cwd`, relative to it, with forward slashes; undefined outside git. */
export async function gitTrackedFiles(cwd: string): Promise<string[] | undefined> {
  const result = await execCommand('git', ['ls-files', '-z'], { cwd });
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
