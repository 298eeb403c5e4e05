/**
 * startup benchmark: the wall time of each built action, `node dist/<action>/index.js`, from
 * spawn to exit at its first input error (the runner's environment, no inputs, a `config` input
 * naming a missing file), against `node -e 0` measured in the same rounds, interleaved, so that
 * the difference is what loading the action costs. Beside the wall time, each process's own CPU
 * time (cpu-at-exit.cjs, preloaded into the baseline too), which a busy machine distorts less.
 * Needs a build (`npm run build`).
 *
 *   node --import ./bench/register-ts.mjs bench/startup/index.ts
 *
 * Environment: BENCH_RUNS (default 21), BENCH_DIST (default dist/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { median } from '../../packages/shared/src/smoke/stats.js';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(process.env['BENCH_DIST'] ?? join(root, 'dist'));
const RUNS = Number(process.env['BENCH_RUNS'] ?? 21);

function runnerEnv(work: string): NodeJS.ProcessEnv {
  for (const f of ['output', 'summary']) writeFileSync(join(work, f), '');
  writeFileSync(join(work, 'event.json'), '{}');
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    GITHUB_EVENT_PATH: join(work, 'event.json'),
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: work,
    'INPUT_CONFIG': 'missing-deploy-kit.yml',
    // slack-notify and sentry-release read no config before their other inputs: a bad boolean stops them too.
    'INPUT_FAIL-ON-ERROR': 'maybe',
  };
}

const CPU_PROBE = join(import.meta.dirname, 'cpu-at-exit.cjs');

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** Wall time of one process, spawn to exit, and its CPU time; fails unless it stopped at an `::error::`. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string, expectError: boolean): Sample {
  const started = performance.now();
  const res = spawnSync(process.execPath, ['--require', CPU_PROBE, ...args], { env, cwd, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const wallMs = performance.now() - started;
  if (expectError && !/^::error::/m.test(res.stdout)) throw new Error(`${args.join(' ')} did not stop at an input error:\n${res.stdout}\n${res.stderr}`.slice(0, 2000));
  return { wallMs, cpuMs: Number(String(res.output[3]).trim()) };
}

function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

function main(): void {
  if (!existsSync(join(dist, 'package.json'))) throw new Error(`${relative(root, dist)}/ is not built: run \`npm run build\` first.`);
  const actions = readdirSync(dist, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dist, d.name, 'index.js')) && existsSync(join(root, d.name, 'action.yml')))
    .map((d) => d.name)
    .sort();
  const work = mkdtempSync(join(tmpdir(), 'deploy-kit-startup-'));
  try {
    const env = runnerEnv(work);
    const samples = new Map<string, Sample[]>([['node -e 0', []], ...actions.map((a) => [a, []] as [string, Sample[]])]);
    for (let round = 0; round < RUNS; round++) {
      samples.get('node -e 0')!.push(timeProcess(['-e', '0'], env, work, false));
      for (const action of actions) samples.get(action)!.push(timeProcess([join(dist, action, 'index.js')], env, work, true));
    }
    const wall = (name: string) => median(samples.get(name)!.map((x) => x.wallMs));
    const cpu = (name: string) => median(samples.get(name)!.map((x) => x.cpuMs));
    const base = { wall: wall('node -e 0'), cpu: cpu('node -e 0') };
    const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
    console.log(`startup bench: Node ${process.version}, medians of ${RUNS} interleaved runs; dist/ is ${(sizeOf(dist) / 1024 / 1024).toFixed(2)} MB; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPU(s)`);
    console.log(`  ${''.padEnd(16)} ${'wall'.padStart(8)} ${'over node -e 0'.padStart(16)} ${'CPU'.padStart(9)} ${'over node -e 0'.padStart(16)}`);
    console.log(`  ${'node -e 0'.padEnd(16)} ${ms(base.wall).padStart(8)} ${''.padStart(16)} ${ms(base.cpu).padStart(9)}`);
    for (const action of actions) {
      const [w, c] = [wall(action), cpu(action)];
      console.log(`  ${action.padEnd(16)} ${ms(w).padStart(8)} ${`+${(w - base.wall).toFixed(0)} ms`.padStart(16)} ${ms(c).padStart(9)} ${`+${(c - base.cpu).toFixed(0)} ms`.padStart(16)}`);
    }
    console.log('  (each action runs to its first input error: no inputs, a config input naming a missing file)');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
