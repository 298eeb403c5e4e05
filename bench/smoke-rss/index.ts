/**
 * smoke-test against an endless response body: the built action (dist/smoke-test) probes a server
 * that never stops sending, and its peak resident memory (VmHWM of /proc/<pid>/status, sampled
 * until it exits) must stay under 200 MB — it once read 5.8 GB in 32 s. Needs `npm run build`.
 *
 *   node --import ./bench/register-ts.mjs bench/smoke-rss/index.ts
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator } from '../../test/emulators/server.js';
import { startFaultProxy } from '../../test/servers/fault-proxy.js';

const LIMIT_MB = 200;
const root = resolve(import.meta.dirname, '../..');
const entry = join(root, 'dist/smoke-test/index.js');
if (!existsSync(entry)) {
  console.error(`bench smoke-rss: ${entry} is missing; run \`npm run build\` first.`);
  process.exit(2);
}

const upstream = await startEmulator({});
const endless = await startFaultProxy(upstream.url);
endless.inject({ path: /.*/, fault: { kind: 'endless' }, times: Infinity });
const dir = await mkdtemp(join(tmpdir(), 'bench-smoke-rss-'));
const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), event: join(dir, 'event.json') };
await Promise.all(Object.values(files).map((f) => writeFile(f, f.endsWith('.json') ? '{}' : '')));

const started = performance.now();
const child = spawn(process.execPath, [entry], {
  cwd: dir,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    PATH: process.env['PATH'] ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    INPUT_URL: endless.url,
    INPUT_PATHS: '/',
    INPUT_REQUESTS: '1',
    // The readiness wait retries a body over the cap until it gives up: 10 s shows the same memory as the default 120 s.
    'INPUT_WAIT-FOR': '10',
  },
});
let stdout = '';
child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
child.stderr.resume();

let peakKb = 0;
const sample = async () => {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
};
const timer = setInterval(() => void sample(), 20);
const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
await endless.close();
await upstream.close();

const peakMb = peakKb / 1024;
const said = stdout.split('\n').find((l) => l.includes('body larger than')) ?? '(no body-cap message)';
console.log(`smoke-test against an endless body: peak RSS ${peakMb.toFixed(1)} MB (limit ${LIMIT_MB} MB), exit code ${exitCode}, ${seconds.toFixed(1)} s`);
if (process.env["BENCH_VERBOSE"]) console.log(stdout);
console.log(`  ${said.replace(/^::error::/, '').slice(0, 200)}`);
process.exit(peakMb > 0 && peakMb < LIMIT_MB ? 0 : 1);
