import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import { detectPackageManager, installCommand, type PackageManager } from '../../../packages/shared/src/exec.js';

/**
 * The project preflight runs in: its package.json scripts and its package manager. The
 * lockfile may sit above the working directory (a workspace root), so it is looked for from
 * the working directory up to the repository root.
 */
export interface Project {
  workdir: string;
  /** Where the lockfile is (the workspace root of a monorepo), else the working directory. */
  root: string;
  manager: PackageManager;
  /** Yarn 2+ ("berry") takes other flags than yarn 1 ("classic"). */
  yarnBerry: boolean;
  lockfile?: string;
  /** undefined when there is no package.json. */
  scripts?: Record<string, string>;
}

export function readProject(workdir: string, workspace: string): Project {
  const packageJson = readPackageJson(workdir);
  const found = findLockfile(workdir, workspace);
  const declared = declaredManager(packageJson?.packageManager);
  const manager = found.lockfile ? found.manager : (declared ?? 'npm');
  return {
    workdir,
    root: found.dir,
    manager,
    yarnBerry: manager === 'yarn' && isYarnBerry(found.dir, found.lockfile, packageJson?.packageManager),
    lockfile: found.lockfile,
    scripts: packageJson ? (packageJson.scripts ?? {}) : undefined,
  };
}

interface PackageJson {
  scripts?: Record<string, string>;
  packageManager?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export function readPackageJson(dir: string): PackageJson | undefined {
  const path = join(dir, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not a JSON object');
    return data as PackageJson;
  } catch (error) {
    throw new ConfigurationError(`${path} is not valid JSON (${(error as Error).message}): fix it so its scripts can be read.`, 'working-directory');
  }
}

function findLockfile(workdir: string, workspace: string): { dir: string; manager: PackageManager; lockfile?: string } {
  for (let dir = workdir; ; dir = dirname(dir)) {
    const found = detectPackageManager(dir);
    if (found.lockfile) return { dir, ...found };
    if (dir === workspace || relative(workspace, dir).startsWith('..') || dirname(dir) === dir) break;
  }
  return { dir: workdir, manager: 'npm' };
}

/** package.json's `packageManager` field, e.g. "pnpm@9.12.0" (Corepack). */
function declaredManager(field: string | undefined): PackageManager | undefined {
  const name = field?.split('@')[0];
  return name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : undefined;
}

function isYarnBerry(dir: string, lockfile: string | undefined, packageManager: string | undefined): boolean {
  if (existsSync(join(dir, '.yarnrc.yml'))) return true;
  if (/^yarn@[2-9]/.test(packageManager ?? '')) return true;
  if (lockfile !== 'yarn.lock') return false;
  return readFileSync(join(dir, lockfile), 'utf8').slice(0, 2000).includes('__metadata:');
}

/** The frozen-lockfile install: yarn 2+ spells it --immutable (its --frozen-lockfile is a deprecated alias). */
export function projectInstallCommand(project: Project): string[] {
  if (project.yarnBerry) return ['yarn', 'install', '--immutable'];
  return installCommand(project.manager, project.lockfile !== undefined);
}

/** Installed already: node_modules, or Yarn Plug'n'Play's loader. */
export function dependenciesInstalled(project: Project): boolean {
  return [project.workdir, project.root].some((dir) => existsSync(join(dir, 'node_modules')) || existsSync(join(dir, '.pnp.cjs')));
}
