/**
 * Benchmark of preflight's repository scan against secretlint (recommended preset) on the same
 * generated tree of at least 20,000 files, in one run:
 *
 *   node --import ./bench/register-ts.mjs bench/scan/index.ts [--files 20000] [--runs 3] [--keep]
 *
 * The tree is a git repository (git init + git add) so our scan lists it with `git ls-files`
 * as in a real run; secretlint gets the same file list. Ours is timed end to end (listing,
 * reading, the source scan and the secret scan); secretlint is timed through its Node API
 * (`createEngine` + `executeOnFiles`, compact formatter, the way its CLI runs). Each tool runs
 * `--runs` times, alternating; the median is reported.
 *
 * Then the real-tree comparison of whole processes (whole-process.ts: this project's
 * node_modules text files in a git repository, `node dist/preflight/index.js` against
 * secretlint's CLI), and both ratios side by side. `--synthetic-only` skips it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@secretlint/node';
import { DEFAULT_CONSOLE_ALLOW, DEFAULT_EXEMPT, scanRepository, type ScanResult } from '../../actions/preflight/src/scan/index.js';
import { listRepositoryFiles } from '../../actions/preflight/src/scan/list-files.js';
import { generateTree } from './generate-tree.js';
import { benchWholeProcess } from './whole-process.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const fileCount = option('files', 20_000);
const runs = option('runs', 3);
const keep = process.argv.includes('--keep');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - started) / 1000, value };
}

let syntheticRatio = 0;
const root = await mkdtemp(join(tmpdir(), 'deploy-kit-scan-bench-'));
try {
  console.log(`Generating ${fileCount} files in ${root} ...`);
  const generated = await generateTree(root, fileCount);
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const { files } = await listRepositoryFiles(root);
  const absolute = files.map((file) => join(root, file));
  const planted = Object.values(generated.secrets).reduce((a, b) => a + b, 0);
  console.log(`${files.length} tracked files, ${(generated.bytes / 1e6).toFixed(1)} MB, ${planted} files with a planted secret; ${cpus().length} CPUs, Node ${process.version}\n`);

  const engine = await createEngine({
    cwd: root,
    configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
    formatter: 'compact',
    color: false,
    maskSecrets: true,
  });

  const ours: number[] = [];
  const theirs: number[] = [];
  let ourResult: ScanResult | undefined;
  let theirOutput = '';
  for (let run = 0; run < runs; run++) {
    const a = await timed(() =>
      scanRepository({ root, consoleAllow: DEFAULT_CONSOLE_ALLOW, todoPolicy: 'warn', exempt: DEFAULT_EXEMPT, allowlist: [] }),
    );
    ours.push(a.seconds);
    ourResult = a.value;
    const b = await timed(() => engine.executeOnFiles({ filePathList: absolute }));
    theirs.push(b.seconds);
    theirOutput = b.value.output;
    console.log(`run ${run + 1}: deploy-kit ${a.seconds.toFixed(2)} s, secretlint ${b.seconds.toFixed(2)} s`);
  }

  const megabytes = ourResult!.bytes / 1e6;
  const ourSeconds = median(ours);
  const theirSeconds = median(theirs);
  const secretFindings = ourResult!.findings.filter((f) => f.rule.startsWith('secret/')).length;
  const theirLines = theirOutput.split('\n').filter((line) => /: line \d+, col \d+, /.test(line));
  const theirFindings = theirLines.length;
  const count = (rules: string[]) => {
    const counts = new Map<string, number>();
    for (const rule of rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
    return [...counts].sort().map(([rule, n]) => `${rule} ${n}`).join(', ');
  };
  const row = (name: string, seconds: number) =>
    `${name.padEnd(12)} ${seconds.toFixed(2).padStart(7)} s ${(files.length / seconds).toFixed(0).padStart(9)} files/s ${(megabytes / seconds).toFixed(1).padStart(8)} MB/s`;
  console.log(`\nMedian of ${runs} runs over ${files.length} files, ${megabytes.toFixed(1)} MB:`);
  console.log(row('deploy-kit', ourSeconds));
  console.log(row('secretlint', theirSeconds));
  syntheticRatio = theirSeconds / ourSeconds;
  console.log(`ratio: deploy-kit is ${syntheticRatio.toFixed(1)}x faster (it also runs the source scan)`);
  console.log(
    `findings: deploy-kit ${secretFindings} secrets (+${ourResult!.findings.length - secretFindings} console/debugger/todo) for ${planted} planted; secretlint ${theirFindings}`,
  );
  console.log(`  planted: ${Object.entries(generated.secrets).map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  console.log(`  deploy-kit: ${count(ourResult!.findings.filter((f) => f.rule.startsWith('secret/')).map((f) => f.rule))}`);
  console.log(`  secretlint: ${count(theirLines.map((line) => (/\(([^()]+)\)\s*$/.exec(line)?.[1] ?? 'unknown').replace(/^.* > /, '')))}`);
} finally {
  if (keep) console.log(`kept ${root}`);
  else await rm(root, { recursive: true, force: true });
}

if (!process.argv.includes('--synthetic-only')) {
  console.log('\n--- real tree, whole processes');
  const real = await benchWholeProcess(runs);
  console.log(`\nratios: synthetic tree (in-process APIs) ${syntheticRatio.toFixed(1)}x; real tree (whole processes) ${real.ratio.toFixed(1)}x`);
}
