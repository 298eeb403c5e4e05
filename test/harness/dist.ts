import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputEnv, parseOutputFile } from './runner.js';

/**
 * Runs a built entry point (dist/<name>/index.js) in a child process exactly as the runner
 * does: `node` (24, as in the npm scripts) with INPUT_* variables and the GITHUB_* files.
 * Steps can be chained: pass one step's outputs into the next one's inputs.
 */
export interface DistRun {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
}

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function runDist(
  name: string,
  inputs: Record<string, string | undefined>,
  options: { env?: Record<string, string>; event?: Record<string, unknown>; eventName?: string; cwd?: string; onStart?: (child: ChildProcess) => void } = {},
): Promise<DistRun> {
  const dir = await mkdtemp(join(tmpdir(), `deploy-kit-${name}-`));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), event: join(dir, 'event.json') };
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, ''), writeFile(files.event, JSON.stringify(options.event ?? {}))]);
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_WORKSPACE: options.cwd ?? dir,
    RUNNER_TEMP: dir,
    ...(Object.fromEntries(Object.entries(inputEnv(inputs)).filter(([, v]) => v !== undefined)) as Record<string, string>),
    ...options.env,
  };
  const { exitCode, stdout, stderr } = await spawnNode([join(ROOT, 'dist', name, 'index.js')], env, options.cwd ?? dir, options.onStart);
  const [outputText, summary] = await Promise.all([readFile(files.output, 'utf8'), readFile(files.summary, 'utf8')]);
  return { exitCode, outputs: parseOutputFile(outputText), summary, stdout, stderr };
}

export function spawnNode(args: string[], env: NodeJS.ProcessEnv, cwd: string, onStart?: (child: ChildProcess) => void): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return spawnProgram(process.execPath, args, env, cwd, onStart);
}

/** Runs a program (found on PATH when not a path) and collects its output. */
export function spawnProgram(program: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, onStart?: (child: ChildProcess) => void): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    onStart?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
  });
}
