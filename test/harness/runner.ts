import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, type ActionDefinition, type RunResult } from '../../packages/shared/src/run.js';
import type { InputSpecs } from '../../packages/shared/src/inputs.js';

/**
 * Runs an action in this process the way the runner does: INPUT_* variables, GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY files, an event payload file. Everything the action printed or wrote
 * comes back, so tests can assert on it (and search it for secrets).
 */
export interface RunnerRun {
  result: RunResult;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  /** The step failed (core.setFailed was called). */
  failed: boolean;
  /**
   * Everything written: stdout, summary, outputs, and every file under RUNNER_TEMP — less the
   * `::add-mask::` commands, which the runner consumes and never shows.
   */
  everything: string;
}

export interface RunnerOptions {
  env?: Record<string, string | undefined>;
  event?: Record<string, unknown>;
  eventName?: string;
}

export function inputEnv(inputs: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
}

export async function runLikeRunner<S extends InputSpecs>(
  def: ActionDefinition<S>,
  inputs: Record<string, string | undefined>,
  options: RunnerOptions = {},
): Promise<RunnerRun> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-run-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), event: join(dir, 'event.json') };
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, ''), writeFile(files.event, JSON.stringify(options.event ?? {}))]);
  const env: Record<string, string | undefined> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    RUNNER_TEMP: dir,
    ...inputEnv(inputs),
    ...options.env,
  };
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  let result: RunResult;
  try {
    result = await runAction(def);
  } finally {
    process.stdout.write = write;
    process.env = saved;
  }
  const failed = process.exitCode === 1;
  process.exitCode = 0;
  const [outputText, summary] = await Promise.all([readFile(files.output, 'utf8'), readFile(files.summary, 'utf8')]);
  const stdout = chunks.join('');
  const written = await readAll(dir);
  const shown = stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  return { result, outputs: parseOutputFile(outputText), summary, stdout, failed, everything: [shown, written].join('\n') };
}

/** Reads GITHUB_OUTPUT's `name<<delimiter` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '');
    outputs[name!] = value.join('\n');
  }
  return outputs;
}

async function readAll(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}
