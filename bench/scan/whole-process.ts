/**
 * The scan as a user meets it, on a real tree: whole processes, start-up included.
 *
 *   node --import ./bench/register-ts.mjs bench/scan/whole-process.ts [--runs 3] [--keep] [--dist DIR]
 *
 * The tree is every JS/TS/JSON/MD file of this project's node_modules (about 23,600 files),
 * copied into a temporary git repository and committed. Folder names our scan leaves out by
 * default (node_modules, dist, build, ...) get a leading `_`, so both tools read the same files.
 * deploy-kit runs as the runner runs it: `node dist/preflight/index.js` with checks: scan
 * (built by `npm run build`; `--dist DIR` runs a build made elsewhere with `node scripts/build.mjs DIR`,
 * to measure sources without rebuilding dist/); secretlint runs its CLI (recommended preset, as its README sets
 * it up) on `**\/*`. Each runs `--runs` times, alternating; medians are printed with the ratio,
 * and each tool's secret findings by rule.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKIPPED_DIRECTORIES } from '../../actions/preflight/src/scan/list-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEXT = /\.(?:[cm]?js|[cm]?ts|tsx|jsx|json|md)$/;

export interface ProcessBenchResult {
  files: number;
  megabytes: number;
  ours: number;
  theirs: number;
  ratio: number;
}

/** Where the real tree's files come from. */
export const REAL_TREE_SOURCE = join(ROOT, 'node_modules');

/** The real tree's files: every JS/TS/JSON/MD file of node_modules, as paths relative to REAL_TREE_SOURCE. */
export function realTreeFiles(): string[] {
  return readdirSync(REAL_TREE_SOURCE, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && TEXT.test(entry.name))
    .map((entry) => relative(REAL_TREE_SOURCE, join(entry.parentPath, entry.name)));
}

/** Copies the real tree's files into `tree`, renaming folders our scan skips by default. */
function copyTree(tree: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const file of realTreeFiles()) {
    const from = join(REAL_TREE_SOURCE, file);
    const path = file.split('/').map((part, i, all) => (i < all.length - 1 && (SKIPPED_DIRECTORIES.has(part) || part.startsWith('.')) ? `_${part}` : part));
    const to = join(tree, 'modules', ...path);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    files++;
    bytes += statSync(to).size;
  }
  return { files, bytes };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ seconds: number; stdout: string; code: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - started) / 1000, stdout: Buffer.concat(chunks).toString('utf8'), code: code ?? 1 }));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function countBy(rules: string[]): string {
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return [...counts].sort().map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none';
}

export async function benchWholeProcess(runs = 3, keep = false, dist = join(ROOT, 'dist')): Promise<ProcessBenchResult> {
  const entry = join(dist, 'preflight', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
  const tree = mkdtempSync(join(tmpdir(), 'deploy-kit-real-tree-'));
  const work = mkdtempSync(join(tmpdir(), 'deploy-kit-real-tree-run-'));
  try {
    const copied = copyTree(tree);
    writeFileSync(join(tree, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: tree, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'node_modules text files');
    const megabytes = copied.bytes / 1e6;
    console.log(`Real tree: ${copied.files} JS/TS/JSON/MD files of node_modules, ${megabytes.toFixed(1)} MB, committed in ${tree}`);

    const ourEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      GITHUB_WORKSPACE: tree,
      GITHUB_OUTPUT: join(work, 'output'),
      GITHUB_STEP_SUMMARY: join(work, 'summary'),
      RUNNER_TEMP: work,
      'INPUT_CHECKS': 'scan',
      'INPUT_SCAN-HISTORY': 'false',
      'INPUT_TODO-POLICY': 'off',
      'INPUT_CONSOLE-ALLOW': 'assert,clear,count,countReset,debug,dir,dirxml,error,group,groupCollapsed,groupEnd,info,log,profile,profileEnd,table,time,timeEnd,timeLog,timeStamp,trace,warn',
    };
    const secretlint = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
    const theirArgs = [secretlint, '**/*', '--format', 'compact', '--maskSecrets', '--no-color'];
    const ours: number[] = [];
    const theirs: number[] = [];
    let ourReport = '';
    let theirOutput = '';
    for (let i = 0; i < runs; i++) {
      writeFileSync(ourEnv.GITHUB_OUTPUT, '');
      writeFileSync(ourEnv.GITHUB_STEP_SUMMARY, '');
      const a = await run(process.execPath, [entry], tree, ourEnv);
      ours.push(a.seconds);
      ourReport = readFileSync(join(work, 'deploy-kit', 'preflight-report.json'), 'utf8');
      const b = await run(process.execPath, theirArgs, tree, { PATH: process.env['PATH'], HOME: process.env['HOME'] });
      theirs.push(b.seconds);
      theirOutput = b.stdout;
      console.log(`run ${i + 1}: deploy-kit ${a.seconds.toFixed(2)} s, secretlint ${b.seconds.toFixed(2)} s`);
    }
    const ourSeconds = median(ours);
    const theirSeconds = median(theirs);
    const parsed = JSON.parse(ourReport) as { findings: { rule: string }[]; checks: { id: string; summary?: string }[] };
    const findings = parsed.findings.filter((f) => f.rule.startsWith('secret/'));
    const large = /over the size limit: (.*)\.$/.exec(parsed.checks.find((c) => c.id === 'scan')?.summary ?? '')?.[1]?.split(', ') ?? [];
    const theirLines = theirOutput.split('\n').filter((line) => /: line \d+, col \d+, /.test(line));
    const row = (name: string, seconds: number) => `${name.padEnd(12)} ${seconds.toFixed(2).padStart(7)} s ${(copied.files / seconds).toFixed(0).padStart(9)} files/s ${(megabytes / seconds).toFixed(1).padStart(8)} MB/s`;
    console.log(`\nWhole processes, median of ${runs} runs over ${copied.files} real files, ${megabytes.toFixed(1)} MB:`);
    console.log(row('deploy-kit', ourSeconds));
    console.log(row('secretlint', theirSeconds));
    console.log(`ratio (real tree, whole processes): deploy-kit is ${(theirSeconds / ourSeconds).toFixed(1)}x faster`);
    console.log(`  (deploy-kit leaves out the ${large.length} files over its 2 MiB limit, as the action does; secretlint reads them, which is where most of its findings are)`);
    console.log(`findings: deploy-kit ${findings.length} secrets: ${countBy(findings.map((f) => f.rule))}`);
    console.log(`          secretlint ${theirLines.length}: ${countBy(theirLines.map((line) => (/\(([^()]+)\)\s*$/.exec(line)?.[1] ?? 'unknown').replace(/^.* > /, '')))}`);
    return { files: copied.files, megabytes, ours: ourSeconds, theirs: theirSeconds, ratio: theirSeconds / ourSeconds };
  } finally {
    if (keep) console.log(`kept ${tree}`);
    else rmSync(tree, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const dist = option('dist');
  await benchWholeProcess(Number(option('runs') ?? 3), process.argv.includes('--keep'), dist === undefined ? undefined : resolve(dist));
}
