/**
 * deploy benchmark: a prebuilt output of 5,000 files is deployed, 10 files change, and the second
 * deploy must upload exactly those 10 (counted by the Vercel emulator). Prints, for each deploy,
 * the step's wall time, the time the API was busy answering (the emulator runs in a child process
 * with a fixed latency per request, so its own work is not counted as the step's) and the step's
 * own overhead; for the first, the connections it opened and the CPU time of both processes (the
 * machine's cores are shared between them), and the hashing throughput.
 *
 *   node --import ./bench/register-ts.mjs bench/deploy/index.ts
 *
 * Environment: BENCH_FILES (default 5000), BENCH_CHANGED (10), BENCH_LATENCY_MS (20).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger } from '../../packages/shared/src/logger.js';
import { forkEmulator } from '../emulator-child.js';
import { runAction, type RunResult } from '../../packages/shared/src/run.js';
import { tuningFromEnv } from '../../packages/shared/src/tuning.js';
import { deployAction } from '../../actions/deploy/src/action.js';
import { collectPrebuilt } from '../../actions/deploy/src/files/collect.js';
import { hashFiles } from '../../actions/deploy/src/files/hash.js';

const FILES = Number(process.env['BENCH_FILES'] ?? 5000);
const CHANGED = Number(process.env['BENCH_CHANGED'] ?? 10);
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 20);
/** The performance issue's goal for the first deploy of the default 5,000 files at 20 ms. */
const FIRST_DEPLOY_GOAL_S = 5;

interface EmulatorInfo {
  url: string;
  token: string;
  teamId: string;
  projectId: string;
}
interface EmulatorStats {
  uploads: number;
  busy: [number, number][];
  violations: unknown[];
  connections: number;
  cpuMs: number;
}

const silent: Logger = { info() {}, debug() {}, notice() {}, warning() {}, error() {}, group: (_title, fn) => fn() };
const epochMs = () => performance.timeOrigin + performance.now();
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Static pages and assets of varied sizes, plus a few large bundles: every file distinct. */
async function writeOutput(root: string): Promise<{ bytes: number; pages: string[] }> {
  const out = join(root, '.vercel/output');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'config.json'), '{ "version": 3 }\n');
  await writeFile(join(out, 'builds.json'), JSON.stringify({ target: 'preview', builds: [] }));
  let bytes = 0;
  const pages: string[] = [];
  for (let i = 0; i < FILES - 2; i++) {
    const large = i % 50 === 0;
    const size = large ? 200_000 + ((i * 7919) % 800_000) : 2048 + ((i * 104_729) % 14_336);
    const name = large ? `static/_next/static/chunks/${i}.js` : `static/docs/${Math.floor(i / 100)}/page-${i}.html`;
    const path = join(out, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, randomBytes(size));
    bytes += size;
    if (!large) pages.push(path);
  }
  return { bytes, pages };
}


/** Total length of the union of intervals, clipped to [from, to]. */
function busyWithin(intervals: [number, number][], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

async function deploy(info: EmulatorInfo): Promise<{ result: RunResult; ms: number; started: number; ended: number; cpuMs: number }> {
  const inputs: Record<string, string> = {
    'vercel-token': info.token,
    'vercel-org-id': info.teamId,
    'vercel-project-id': info.projectId,
    'api-url': info.url,
    prebuilt: 'true',
  };
  const cpu = process.cpuUsage();
  const started = epochMs();
  const result = await runAction(deployAction, { local: true, source: (name) => inputs[name], log: silent, print: () => {} });
  const ended = epochMs();
  const used = process.cpuUsage(cpu);
  if (result.status !== 'success') throw new Error(`deploy failed: ${result.message}`);
  return { result, ms: ended - started, started, ended, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'deploy-bench-'));
  process.env['GITHUB_WORKSPACE'] = root;
  process.env['DEPLOY_KIT_POLL_MS'] = '5';
  process.env['DEPLOY_KIT_RETRY_MS'] = '50';
  const emulator = await forkEmulator<EmulatorInfo>(join(import.meta.dirname, 'emulator-process.ts'), [String(LATENCY_MS)]);
  try {
    const { bytes, pages } = await writeOutput(root);
    console.log(`deploy bench: ${FILES.toLocaleString('en-US')} files, ${mb(bytes).toFixed(1)} MB of prebuilt output; ${LATENCY_MS} ms API latency per request (emulator in a child process); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPU(s)`);

    // deployAction imports its code when it runs; here that code is TypeScript compiled on import, so
    // it is loaded before the clock starts (loading the built action is the startup bench's figure).
    await import('../../actions/deploy/src/deploy.js');
    await emulator.ask('instant');
    const beforeFirst = await emulator.ask<EmulatorStats>('stats');
    const first = await deploy(emulator.info);
    const afterFirst = await emulator.ask<EmulatorStats>('stats');
    const took = (id: string) => ((first.result.report.checks.find((c) => c.id === id)?.durationMs ?? NaN) / 1000).toFixed(2);
    const firstApi = busyWithin(afterFirst.busy, first.started, first.ended);
    const goal = first.ms / 1000 < FIRST_DEPLOY_GOAL_S ? 'met' : 'not met';
    console.log(`first deploy:  ${afterFirst.uploads.toLocaleString('en-US')} files uploaded, step wall time ${(first.ms / 1000).toFixed(2)} s (hashing ${took('files')} s, creating and uploading ${took('upload')} s, up to ${tuningFromEnv().uploadConcurrency} at a time); goal < ${FIRST_DEPLOY_GOAL_S} s: ${goal}`);
    console.log(`  waiting on the API      ${firstApi.toFixed(0)} ms (at least one request in flight)`);
    console.log(`  step's own overhead     ${(first.ms - firstApi).toFixed(0)} ms`);
    console.log(`  connections opened      ${afterFirst.connections - beforeFirst.connections}`);
    console.log(`  CPU time                ${first.cpuMs.toFixed(0)} ms in the step's process, ${(afterFirst.cpuMs - beforeFirst.cpuMs).toFixed(0)} ms in the emulator's`);

    const changed = pages.slice(0, CHANGED);
    for (const path of changed) await writeFile(path, randomBytes(4096));
    await emulator.ask('instant');
    const second = await deploy(emulator.info);
    const stats = await emulator.ask<EmulatorStats>('stats');
    const uploaded = stats.uploads - afterFirst.uploads;
    const api = busyWithin(stats.busy, second.started, second.ended);
    const hashing = second.result.report.checks.find((c) => c.id === 'files')?.durationMs ?? NaN;
    const ok = uploaded === CHANGED && stats.violations.length === 0;
    console.log(`second deploy: ${CHANGED} files changed, ${uploaded} uploaded (counted by the emulator) ${ok ? 'OK' : 'MISMATCH'}`);
    console.log(`  step wall time          ${second.ms.toFixed(0)} ms`);
    console.log(`  waiting on the API      ${api.toFixed(0)} ms`);
    console.log(`  step's own overhead     ${(second.ms - api).toFixed(0)} ms (hashing ${hashing} ms of it)`);
    console.log(`  hashing throughput      ${(mb(bytes) / (hashing / 1000)).toFixed(0)} MB/s in the step`);

    const files = (await collectPrebuilt(root, join(root, '.vercel/output'))).files;
    const alone = await hashFiles(files, 16);
    console.log(`standalone hashing:      ${mb(alone.bytes).toFixed(1)} MB in ${alone.durationMs.toFixed(0)} ms = ${(mb(alone.bytes) / (alone.durationMs / 1000)).toFixed(0)} MB/s (warm page cache)`);
    if (!ok) process.exitCode = 1;
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
