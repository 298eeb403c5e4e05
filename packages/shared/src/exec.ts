import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './secrets.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The package manager a project uses, from its lockfile; npm when there is none. */
export function detectPackageManager(dir: string): { manager: PackageManager; lockfile?: string } {
  for (const [file, manager] of LOCKFILES) if (existsSync(join(dir, file))) return { manager, lockfile: file };
  return { manager: 'npm' };
}

/** The frozen-lockfile install command of each package manager. */
export function installCommand(manager: PackageManager, hasLockfile: boolean): string[] {
  switch (manager) {
    case 'pnpm':
      return ['pnpm', 'install', '--frozen-lockfile'];
    case 'yarn':
      return ['yarn', 'install', '--frozen-lockfile'];
    case 'bun':
      return ['bun', 'install', '--frozen-lockfile'];
    default:
      return hasLockfile ? ['npm', 'ci'] : ['npm', 'install'];
  }
}

export function runScriptCommand(manager: PackageManager, script: string): string[] {
  return manager === 'npm' ? ['npm', 'run', script] : [manager, 'run', script];
}

export interface ExecResult {
  exitCode: number;
  /** stdout and stderr interleaved as they came, redacted. */
  output: string;
  durationMs: number;
}

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each chunk as it arrives (e.g. to stream into the log). */
  onOutput?: (text: string) => void;
  /** Bytes of output kept; the beginning is dropped first. */
  maxOutput?: number;
  timeoutMs?: number;
}

/** Runs a command without a shell; never throws for a non-zero exit (a missing program is 127). */
export function execCommand(command: string, args: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  const maxOutput = options.maxOutput ?? 1_000_000;
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), options.timeoutMs) : undefined;
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onOutput?.(redact(text));
      output = (output + text).slice(-maxOutput);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const finish = (exitCode: number) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode, output: redact(output), durationMs: Math.round(performance.now() - started) });
    };
    child.on('error', (error) => {
      output += `${command}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'command not found' : error.message}\n`;
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/** The last `count` non-empty lines, for a failed command's report. */
export function lastLines(text: string, count = 30): string {
  return text.split(/\r?\n/).filter((l) => l.trim()).slice(-count).join('\n');
}
