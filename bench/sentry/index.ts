/**
 * sentry-release benchmark: a generated build output of 300 scripts with their source maps
 * (~40 MB, text that compresses like real bundles) is uploaded as one artifact bundle to the
 * Sentry emulator (in a child process, so its own work is not counted); then the same files go
 * up again for the next release, when the server already has every chunk but the bundle's tail.
 * Prints the throughput in MB of source files per second of the step's wall time.
 *
 *   npm run bench sentry
 *   node --import ./bench/register-ts.mjs bench/sentry/index.ts
 *
 * Environment: BENCH_MAPS (default 300), BENCH_MAP_KB (120).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../packages/shared/src/logger.js';
import { forkEmulator } from '../emulator-child.js';
import { runAction } from '../../packages/shared/src/run.js';
import { sentryReleaseAction } from '../../actions/sentry-release/src/action.js';
import { buildArtifactBundle } from '../../actions/sentry-release/src/bundle/bundle.js';
import { collectSourceFiles } from '../../actions/sentry-release/src/bundle/collect.js';

const MAPS = Number(process.env['BENCH_MAPS'] ?? 300);
const MAP_KB = Number(process.env['BENCH_MAP_KB'] ?? 120);

interface EmulatorInfo {
  url: string;
  token: string;
  org: string;
}
interface Stats {
  chunks: number;
  requests: number;
  bundles: number;
  files: number;
  violations: string[];
}

const silent: Logger = { info() {}, debug() {}, notice() {}, warning() {}, error() {}, group: (_title, fn) => fn() };
const mb = (bytes: number) => bytes / 1024 / 1024;

/** A deterministic stream of code-like words, so the output compresses like a real bundle. */
function codeLike(seed: number, bytes: number): string {
  const words = ['function', 'return', 'const', 'let', 'this', 'props', 'state', 'useEffect', 'children', 'null', '=>', '{', '}', '(', ')', ';', 'value', 'key', 'map', 'filter', 'render', 'export', 'default', 'import', 'from', '"react"', 'className', 'onClick', 'await', 'async'];
  let x = seed * 2654435761 || 1;
  const out: string[] = [];
  let length = 0;
  while (length < bytes) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const word = (x >>> 0) % 7 === 0 ? `v${(x >>> 0) % 100_000}` : words[(x >>> 0) % words.length]!;
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}

async function writeBuild(root: string): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < MAPS; i++) {
    const id = `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const dir = join(root, '.next/static/chunks', `group-${Math.floor(i / 50)}`);
    const script = `${codeLike(i + 1, (MAP_KB * 1024) / 10)}\n//# sourceMappingURL=chunk-${i}.js.map\n//# debugId=${id}\n`;
    const map = JSON.stringify({ version: 3, file: `chunk-${i}.js`, sources: [`src/module-${i}.tsx`], sourcesContent: [codeLike(i + 7, (MAP_KB * 1024) * 0.6)], mappings: codeLike(i + 13, (MAP_KB * 1024) * 0.4).replace(/ /g, ';'), debug_id: id });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `chunk-${i}.js`), script);
    await writeFile(join(dir, `chunk-${i}.js.map`), map);
    bytes += Buffer.byteLength(script) + Buffer.byteLength(map);
  }
  return bytes;
}


async function release(info: EmulatorInfo, version: string): Promise<number> {
  const inputs: Record<string, string> = { 'auth-token': info.token, org: info.org, projects: 'web', url: info.url, version, sourcemaps: '.next/static', 'url-prefix': '~/_next/static' };
  const started = performance.now();
  const result = await runAction(sentryReleaseAction, { local: true, source: (name) => inputs[name], log: silent, print: () => {} });
  const ms = performance.now() - started;
  if (result.status !== 'success') throw new Error(`sentry-release failed: ${result.message}`);
  return ms;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'sentry-bench-'));
  process.env['GITHUB_WORKSPACE'] = root;
  process.env['DEPLOY_KIT_POLL_MS'] = '5';
  const emulator = await forkEmulator<EmulatorInfo>(join(import.meta.dirname, 'emulator-process.ts'), []);
  try {
    const bytes = await writeBuild(root);
    console.log(`sentry bench: ${MAPS} scripts + ${MAPS} source maps, ${mb(bytes).toFixed(1)} MB (emulator in a child process, no added latency)`);

    // The action imports its code when it runs; here that is TypeScript compiled on import, so it is
    // loaded before the clock starts (loading the built action is the startup bench's figure).
    await import('../../actions/sentry-release/src/sentry-release.js');
    const firstMs = await release(emulator.info, 'bench-1');
    const first = await emulator.ask<Stats>('stats');
    console.log(`first release:  ${first.chunks} chunk(s) in ${first.requests} request(s), ${first.files} bundle entries; ${(firstMs / 1000).toFixed(2)} s = ${(mb(bytes) / (firstMs / 1000)).toFixed(1)} MB/s`);

    const secondMs = await release(emulator.info, 'bench-2');
    const second = await emulator.ask<Stats>('stats');
    console.log(`second release: ${second.chunks - first.chunks} chunk(s) sent, the rest already on the server; ${(secondMs / 1000).toFixed(2)} s = ${(mb(bytes) / (secondMs / 1000)).toFixed(1)} MB/s`);

    const { files } = await collectSourceFiles(root, ['.next/static'], '~/_next/static');
    const started = performance.now();
    const bundle = await buildArtifactBundle(files, { org: 'acme', projects: ['web'], release: 'bench' });
    const bundleMs = performance.now() - started;
    console.log(`bundling alone: ${mb(bundle.sourceBytes).toFixed(1)} MB → ${mb(bundle.archive.length).toFixed(1)} MB zip in ${bundleMs.toFixed(0)} ms = ${(mb(bundle.sourceBytes) / (bundleMs / 1000)).toFixed(1)} MB/s`);
    const ok = first.violations.length === 0 && second.violations.length === 0 && second.bundles === 2;
    if (!ok) {
      console.log(`MISMATCH: ${JSON.stringify(second)}`);
      process.exitCode = 1;
    }
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
