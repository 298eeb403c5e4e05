/**
 * The secret scan's single pass (literal-matcher.ts) against the two regular expressions it
 * replaced (regex-secret-scan.ts), in one run, on the real tree of whole-process.ts (every
 * JS/TS/JSON/MD file of this project's node_modules):
 *
 *   node --import ./bench/register-ts.mjs bench/scan/secret-matcher.ts [--runs 5]
 *
 * 1. Same findings: both scan every file, the ones over the action's 2 MiB limit included, and
 *    their hits (rule, offset, length, message, secret) must be identical; differences are
 *    printed and the exit code is 1.
 * 2. Speed: both scan the files the action scans (up to 2 MiB) from memory, alternating, `--runs`
 *    times; the medians are printed in MB/s (UTF-8 bytes of the files).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Hit } from '../../actions/preflight/src/scan/hit.js';
import { scanSecrets } from '../../actions/preflight/src/scan/secret-scan.js';
import { DEFAULT_MAX_FILE_BYTES, forEachTextFile } from '../../actions/preflight/src/scan/read-files.js';
import { scanSecretsWithRegexes } from './regex-secret-scan.js';
import { REAL_TREE_SOURCE, realTreeFiles } from './whole-process.js';

type SecretScan = (text: string, path: string) => Hit[];

const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const place = (hit: Hit) => `${hit.rule}@${hit.offset}+${hit.length}`;

class Comparison {
  files = 0;
  hits = 0;
  readonly byRule = new Map<string, number>();
  readonly differences: string[] = [];

  compare(path: string, text: string): void {
    const before = scanSecretsWithRegexes(text, path);
    const after = scanSecrets(text, path);
    this.files++;
    this.hits += after.length;
    for (const hit of after) this.byRule.set(hit.rule, (this.byRule.get(hit.rule) ?? 0) + 1);
    if (!isDeepStrictEqual(before, after)) this.differences.push(`${path}: regexes ${before.map(place).join(' ') || 'none'}; single pass ${after.map(place).join(' ') || 'none'}`);
  }
}

function secondsToScan(scan: SecretScan, texts: [string, string][]): number {
  const started = performance.now();
  for (const [path, text] of texts) scan(text, path);
  return (performance.now() - started) / 1000;
}

const files = realTreeFiles();
const scanned: [string, string][] = [];
const limited = forEachTextFile(REAL_TREE_SOURCE, files, DEFAULT_MAX_FILE_BYTES, (path, text) => scanned.push([path, text]));
const comparison = new Comparison();
for (const [path, text] of scanned) comparison.compare(path, text);
const large = forEachTextFile(REAL_TREE_SOURCE, limited.skippedLarge, Number.MAX_SAFE_INTEGER, (path, text) => comparison.compare(path, text));

console.log(`Real tree: ${files.length} JS/TS/JSON/MD files of ${REAL_TREE_SOURCE}, ${((limited.bytes + large.bytes) / 1e6).toFixed(1)} MB`);
console.log(`\nSame findings: ${comparison.files} text files compared (${large.files} over 2 MiB), ${comparison.hits} hits, ${comparison.differences.length} files with different hits`);
console.log(`  ${[...comparison.byRule].sort().map(([rule, n]) => `${rule} ${n}`).join(', ') || 'no hits'}`);
for (const difference of comparison.differences) console.log(`  DIFFERENT ${difference}`);

const megabytes = limited.bytes / 1e6;
const seconds: Record<'regexes' | 'single pass', number[]> = { regexes: [], 'single pass': [] };
for (let run = 0; run < runs; run++) {
  seconds.regexes.push(secondsToScan(scanSecretsWithRegexes, scanned));
  seconds['single pass'].push(secondsToScan(scanSecrets, scanned));
  console.log(`run ${run + 1}: regexes ${seconds.regexes[run]!.toFixed(2)} s, single pass ${seconds['single pass'][run]!.toFixed(2)} s`);
}
console.log(`\nSecret scan (scanSecrets), median of ${runs} runs over ${scanned.length} files up to 2 MiB, ${megabytes.toFixed(1)} MB:`);
for (const [name, values] of Object.entries(seconds)) {
  console.log(`${name.padEnd(12)} ${median(values).toFixed(2).padStart(6)} s ${(megabytes / median(values)).toFixed(1).padStart(7)} MB/s`);
}
console.log(`speed-up: ${(median(seconds.regexes) / median(seconds['single pass'])).toFixed(2)}x`);
process.exitCode = comparison.differences.length > 0 ? 1 : 0;
