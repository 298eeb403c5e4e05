import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { childEnvironment } from './child-env.js';
import type { LighthouseLocation } from './loader.js';

/**
 * Lighthouse runs in its own Node process. Its trace processing keeps a CPU busy for seconds,
 * which would stall this process's timers and sockets; a hang can be killed on a deadline; and it
 * is loaded with a plain run-time import() of its entry file, out of the bundler's sight (ncc
 * never sees the code below: it is a string handed to `node --input-type=module -e`).
 *
 * The child reads its instructions as JSON on stdin (they hold the bypass header, so not argv or
 * the environment, which is stripped of the action's inputs and secrets: see child-env.ts), launches Chrome once, runs Lighthouse `runs` times and writes one JSON line
 * per run on stdout: scores, runtime error, version and the HTML report. Nothing touches disk.
 */
const CHILD_SOURCE = `
let input = '';
for await (const chunk of process.stdin) input += chunk;
const options = JSON.parse(input);
const emit = (message) => new Promise((resolve) => process.stdout.write(JSON.stringify(message) + '\\n', resolve));
let chrome;
process.on('SIGTERM', async () => { await chrome?.kill(); process.exit(143); });
try {
  const lighthouseModule = await import(options.lighthouseUrl);
  const { launch } = await import(options.chromeLauncherUrl);
  chrome = await launch({ chromePath: options.chromePath, chromeFlags: options.chromeFlags });
  const config = options.desktop ? lighthouseModule.desktopConfig : undefined;
  for (let run = 1; run <= options.runs; run++) {
    const result = await lighthouseModule.default(options.url, { ...options.flags, port: chrome.port }, config);
    const scores = {};
    for (const [id, category] of Object.entries(result?.lhr.categories ?? {})) scores[id] = category.score;
    await emit({
      type: 'run', run, scores,
      runtimeError: result?.lhr.runtimeError ?? null,
      version: result?.lhr.lighthouseVersion ?? null,
      html: Array.isArray(result?.report) ? result.report[0] : result?.report ?? '',
    });
  }
} catch (error) {
  await emit({ type: 'error', message: String(error?.message ?? error) });
  process.exitCode = 1;
} finally {
  await chrome?.kill();
}
`;

export interface ProcessInput {
  url: string;
  runs: number;
  desktop: boolean;
  chromePath: string;
  chromeFlags: string[];
  /** Lighthouse flags (onlyCategories, extraHeaders...); the port is added by the child. */
  flags: Record<string, unknown>;
}

export interface RunOutput {
  run: number;
  scores: Record<string, number | null>;
  runtimeError: { code: string; message: string } | null;
  version: string | null;
  html: string;
}

type ChildMessage = ({ type: 'run' } & RunOutput) | { type: 'error'; message: string };

function parseMessage(line: string): ChildMessage | undefined {
  try {
    const message = JSON.parse(line) as Partial<ChildMessage> | null;
    return message?.type === 'run' || message?.type === 'error' ? (message as ChildMessage) : undefined;
  } catch {
    return undefined;
  }
}

export class LighthouseProcessError extends Error {
  override readonly name = 'LighthouseProcessError';
}

export function runLighthouseProcess(
  location: LighthouseLocation,
  input: ProcessInput,
  options: { timeoutMs: number; onRun?: (run: RunOutput) => void; env?: NodeJS.ProcessEnv },
): Promise<RunOutput[]> {
  return new Promise((resolve, reject) => {
    const env = childEnvironment(options.env);
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SOURCE], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const runs: RunOutput[] = [];
    let failure: string | undefined;
    let pending = '';
    let stderr = '';
    const timer = setTimeout(() => {
      failure = `Lighthouse did not finish ${input.runs} run(s) within ${Math.round(options.timeoutMs / 1000)} s and was stopped`;
      child.kill('SIGTERM');
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        const message = parseMessage(line);
        // A library printing to stdout is a diagnostic, not a reason to crash this process.
        if (!message) stderr = `${stderr}${line}\n`.slice(-4000);
        else if (message.type === 'error') failure ??= message.message;
        else {
          runs.push(message);
          options.onRun?.(message);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new LighthouseProcessError(`Could not start Node for Lighthouse: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!failure && code === 0 && runs.length === input.runs) return resolve(runs);
      const tail = stderr.trim().split('\n').slice(-5).join('\n');
      reject(new LighthouseProcessError(`${failure ?? `Lighthouse exited with code ${code} after ${runs.length} of ${input.runs} run(s)`}${tail ? `\n${tail}` : ''}`));
    });
    // A child that dies at once closes its stdin; the close handler reports why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify({
      ...input,
      lighthouseUrl: pathToFileURL(location.lighthouse).href,
      chromeLauncherUrl: pathToFileURL(location.chromeLauncher).href,
    }));
  });
}
