import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execCommand, lastLines } from '../../exec.js';

/**
 * Lighthouse is not bundled into dist/: it is tens of megabytes and reads its own files by path at
 * run time. It is imported from the action's own node_modules when there is one (development,
 * the local CLI run from a clone), and otherwise installed on demand with npm into a directory of
 * RUNNER_TEMP and imported from there.
 */
export type LighthouseRunner = (url: string, flags: Record<string, unknown>, config?: unknown) => Promise<LighthouseRunnerResult | undefined>;

export interface LighthouseRunnerResult {
  lhr: {
    categories: Record<string, { score: number | null; title?: string }>;
    runtimeError?: { code: string; message: string };
    lighthouseVersion?: string;
  };
  report: string | string[];
}

export interface LaunchedChrome {
  port: number;
  kill(): unknown;
}

export interface LighthouseModules {
  lighthouse: LighthouseRunner;
  desktopConfig: unknown;
  launch: (options: { chromePath: string; chromeFlags: string[] }) => Promise<LaunchedChrome>;
  /** Where it came from, for the log. */
  source: 'dependencies' | 'installed';
}

/** Lighthouse 13 needs Node >= 22.19; 12.8 is the last line that runs on Node 20. */
export function pinnedVersions(nodeVersion = process.versions.node): { lighthouse: string; chromeLauncher: string } {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  const modern = major > 22 || (major === 22 && minor >= 19);
  return { lighthouse: modern ? '13.5.0' : '12.8.2', chromeLauncher: '1.2.1' };
}

/**
 * `import()` of a specifier webpack cannot see through, marked webpackIgnore: ncc emits a plain
 * run-time import() for Node to resolve, instead of bundling the package or replacing the call
 * with a "Cannot find module" stub.
 */
function importAtRunTime(specifier: string): Promise<Record<string, unknown>> {
  return import(/* webpackIgnore: true */ specifier) as Promise<Record<string, unknown>>;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(String((error as Error).message));
}

export type Installer = (dir: string, versions: { lighthouse: string; chromeLauncher: string }) => Promise<void>;

export const npmInstall: Installer = async (dir, versions) => {
  const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', dir,
    `lighthouse@${versions.lighthouse}`, `chrome-launcher@${versions.chromeLauncher}`];
  const result = await execCommand('npm', args, { timeoutMs: 300_000 });
  if (result.exitCode !== 0) {
    throw new Error(
      `Installing Lighthouse ${versions.lighthouse} with npm failed (exit ${result.exitCode}):\n${lastLines(result.output, 15)}\n` +
        "Check the runner reaches registry.npmjs.org (or your npm registry), or set lighthouse: 'false'.",
    );
  }
};

function shapeOf(lighthouse: Record<string, unknown>, launcher: Record<string, unknown>, source: LighthouseModules['source']): LighthouseModules {
  if (typeof lighthouse['default'] !== 'function' || typeof launcher['launch'] !== 'function') {
    throw new Error(`The ${source === 'installed' ? 'installed' : 'bundled'} lighthouse / chrome-launcher packages do not export lighthouse() and launch(): an unsupported version?`);
  }
  return {
    lighthouse: lighthouse['default'] as LighthouseRunner,
    desktopConfig: lighthouse['desktopConfig'],
    launch: launcher['launch'] as LighthouseModules['launch'],
    source,
  };
}

export interface LoadOptions {
  /** Where to install when the action's own dependencies lack Lighthouse. */
  installDir: string;
  install?: Installer;
  /** Imports a bare specifier from the action's own dependencies. */
  importOwn?: (specifier: string) => Promise<Record<string, unknown>>;
  onInstall?: (message: string) => void;
}

export async function loadLighthouse(options: LoadOptions): Promise<LighthouseModules> {
  const importOwn = options.importOwn ?? importAtRunTime;
  try {
    const [lighthouse, launcher] = await Promise.all([importOwn('lighthouse'), importOwn('chrome-launcher')]);
    return shapeOf(lighthouse, launcher, 'dependencies');
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
  }
  const versions = pinnedVersions();
  const dir = options.installDir;
  if (!existsSync(join(dir, 'node_modules', 'lighthouse', 'package.json'))) {
    options.onInstall?.(`Installing lighthouse@${versions.lighthouse} and chrome-launcher@${versions.chromeLauncher} into ${dir} (not bundled with the action).`);
    await mkdir(dir, { recursive: true });
    await (options.install ?? npmInstall)(dir, versions);
  }
  const require = createRequire(join(dir, 'package.json'));
  const [lighthouse, launcher] = await Promise.all(
    ['lighthouse', 'chrome-launcher'].map((name) => importAtRunTime(pathToFileURL(require.resolve(name)).href)),
  );
  return shapeOf(lighthouse!, launcher!, 'installed');
}
