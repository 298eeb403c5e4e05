import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { redact, registerMasksIn, registerSecretEnvironment } from './secrets.js';

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
      // Yarn 2+ spells it --immutable (--frozen-lockfile is a deprecated alias there).
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

/** What a command printed, redacted; exit 127 when the program is missing, 124 past the timeout. */
export interface CapturedOutput {
  exitCode: number;
  /** stdout alone (e.g. a tool's --json output). */
  stdout: string;
  stderr: string;
}

export interface ExecResult extends CapturedOutput {
  /** stdout and stderr interleaved as they came, for logs and reports. */
  output: string;
  durationMs: number;
  /** The program itself could not be started (not installed, not on PATH); exitCode is 127. */
  notFound: boolean;
  /** More was printed than `maxOutput` keeps: the beginning of the output was dropped. */
  truncated: boolean;
}

/** The signature of execCommand, so callers can take a fake in tests. */
export type CommandRunner = (command: string, args: string[], options?: ExecOptions) => Promise<CapturedOutput>;

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each chunk as it arrives (e.g. to stream into the log). */
  onOutput?: (text: string) => void;
  /** Characters of output kept per stream; the beginning is dropped first. */
  maxOutput?: number;
  timeoutMs?: number;
}

/** Keeps the last `max` characters of a stream without re-copying it on every chunk. */
class Tail {
  private chunks: string[] = [];
  private length = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  push(text: string): void {
    this.chunks.push(text);
    this.length += text.length;
    if (this.length > 2 * this.max) this.trim();
  }

  text(): string {
    this.trim();
    return this.chunks.join('');
  }

  private trim(): void {
    if (this.length <= this.max) return;
    const kept = this.chunks.join('').slice(-this.max);
    this.chunks = [kept];
    this.length = kept.length;
    this.truncated = true;
  }
}

/** Runs a command without a shell; never throws for a non-zero exit. */
export function execCommand(command: string, args: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  const max = options.maxOutput ?? 1_000_000;
  if (options.env) registerSecretEnvironment(options.env);
  return new Promise((resolve) => {
    const streams = { output: new Tail(max), stdout: new Tail(max), stderr: new Tail(max) };
    let timedOut = false;
    let notFound = false;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
        }, options.timeoutMs)
      : undefined;
    const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      registerMasksIn(text);
      options.onOutput?.(redact(text));
      streams[stream].push(text);
      streams.output.push(text);
    };
    child.stdout.on('data', take('stdout'));
    child.stderr.on('data', take('stderr'));
    const finish = (exitCode: number) => {
      if (timer) clearTimeout(timer);
      // A `::add-mask::` line split between two chunks is whole here.
      registerMasksIn(streams.output.text());
      resolve({
        exitCode: timedOut ? 124 : exitCode,
        output: redact(streams.output.text()),
        stdout: redact(streams.stdout.text()),
        stderr: redact(streams.stderr.text()),
        durationMs: Math.round(performance.now() - started),
        notFound,
        truncated: streams.output.truncated,
      });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      notFound = error.code === 'ENOENT';
      const line = `${command}: ${notFound ? 'command not found' : error.message}\n`;
      streams.stderr.push(line);
      streams.output.push(line);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Output as a person saw it in a terminal, for reports: colour and cursor codes (`ESC[?25l`,
 * `ESC[32m`) removed, and progress lines redrawn with a carriage return reduced to their final
 * state (what follows the last `\r` of each line).
 */
export function cleanTerminalOutput(text: string): string {
  return stripVTControlCharacters(text)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r', line.length - 2) + 1).replace(/\r$/, ''))
    .join('\n');
}

/** The last `count` non-empty lines, cleaned of terminal codes and progress redraws, for a failed command's report. */
export function lastLines(text: string, count = 30): string {
  return cleanTerminalOutput(text).split('\n').filter((l) => l.trim()).slice(-count).join('\n');
}
