import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execCommand, lastLines } from '../../exec.js';
import { childEnvironment } from './child-env.js';

/**
 * Where Lighthouse comes from. It is never bundled into dist/ (tens of megabytes that read their
 * own files by path at run time): it is taken from the action's own dependencies when there are
 * some (a clone with devDependencies, `npx deploy-kit` installed in a project), and otherwise
 * installed on demand with npm into a directory of RUNNER_TEMP. Either way the result is the
 * entry files of lighthouse and chrome-launcher, which the Lighthouse process imports.
 */
export interface LighthouseLocation {
  lighthouse: string;
  chromeLauncher: string;
  source: 'dependencies' | 'installed';
}

/** Lighthouse 13 needs Node >= 22.19; 12.8 is the last line that runs on Node 20. */
export function pinnedVersions(nodeVersion = process.versions.node): { lighthouse: string; chromeLauncher: string } {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  const modern = major > 22 || (major === 22 && minor >= 19);
  return { lighthouse: modern ? '13.5.0' : '12.8.2', chromeLauncher: '1.2.1' };
}

export type Installer = (dir: string, versions: { lighthouse: string; chromeLauncher: string }) => Promise<void>;

export const npmInstall: Installer = async (dir, versions) => {
  const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', dir,
    `lighthouse@${versions.lighthouse}`, `chrome-launcher@${versions.chromeLauncher}`];
  const result = await execCommand('npm', args, { env: childEnvironment(), timeoutMs: 300_000 });
  if (result.exitCode !== 0) {
    throw new Error(
      `Installing Lighthouse ${versions.lighthouse} with npm failed (exit ${result.exitCode}):\n${lastLines(result.output, 15)}\n` +
        "Check the runner reaches registry.npmjs.org (or your npm registry), or set lighthouse: 'false'.",
    );
  }
};

/** The entry file of a package as Node would find it from `dir`; undefined when it is not there. */
export function resolveFrom(dir: string, name: string): string | undefined {
  try {
    return createRequire(join(dir, 'deploy-kit-resolve.js')).resolve(name);
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The running entry point's folder: dist/<action>/, dist/ for the CLI, the test runner in tests. */
export function entryDirectory(): string {
  return dirname(process.argv[1] ?? process.cwd());
}

export interface LocateOptions {
  /** Where the action's own dependencies are searched from (Node's node_modules lookup). */
  searchFrom?: string;
  /** Where to install when they lack Lighthouse. */
  installDir: string;
  install?: Installer;
  onInstall?: (message: string) => void;
}

function locateIn(dir: string): { lighthouse: string; chromeLauncher: string } | undefined {
  const lighthouse = resolveFrom(dir, 'lighthouse');
  const chromeLauncher = resolveFrom(dir, 'chrome-launcher');
  return lighthouse && chromeLauncher ? { lighthouse, chromeLauncher } : undefined;
}

export async function locateLighthouse(options: LocateOptions): Promise<LighthouseLocation> {
  const own = locateIn(options.searchFrom ?? entryDirectory());
  if (own) return { ...own, source: 'dependencies' };
  const dir = options.installDir;
  if (!existsSync(join(dir, 'node_modules', 'lighthouse', 'package.json'))) {
    const versions = pinnedVersions();
    options.onInstall?.(`Installing lighthouse@${versions.lighthouse} and chrome-launcher@${versions.chromeLauncher} into ${dir} (not bundled with the action).`);
    await mkdir(dir, { recursive: true });
    await (options.install ?? npmInstall)(dir, versions);
  }
  const installed = locateIn(dir);
  if (!installed) throw new Error(`Lighthouse is still missing from ${dir} after installing it: delete that folder and run again.`);
  return { ...installed, source: 'installed' };
}
