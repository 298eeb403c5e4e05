/**
 * preflight's repository scan: the source scan (console calls, debugger statements, TODOs in
 * JS/TS/JSX/Vue/Svelte files that are not exempt) and the secret scan (every scanned file,
 * tests, config and .env files included) over the files git tracks (list-files.ts: ignored
 * and untracked files are never read; outside a git work tree the tree is walked honouring
 * .gitignore files, and `listedBy` says so).
 *
 * - Markers: `TODO`/`FIXME` in a comment, followed by `:` or `(` or first on its comment
 *   line, not quoted in backticks. `require-issue` accepts `TODO(#123)`, `TODO(owner/repo#123)`,
 *   `TODO(PROJ-123)` or a URL later on the same line.
 * - Silencing: `deploy-kit:allow` on the finding's line, or alone in a comment on the line
 *   above, silences every finding of that line; allowlist entries (rule glob, path glob,
 *   value literal or /regex/, all given fields must match) silence matching findings.
 * - Findings never hold a secret: messages show its first four characters and its length.
 *
 * Severities: `debugger` is an error (it halts the app whenever devtools are open); `console`
 * is a warning (noise and a possible data leak in the browser console, but not a breakage —
 * `fail-on: warning` makes it fail); `todo` is a warning under `warn`, an error under `fail`
 * and, for TODOs without an issue reference, under `require-issue`. Secrets are errors, except
 * Stripe test keys (warnings).
 */
import type { Finding } from '../../../../packages/shared/src/report/model.js';
import { compilePolicy, type SecretAllowEntry } from './policy.js';
import type { TodoPolicy } from './source-scan.js';
import { listRepositoryFiles } from './list-files.js';
import { DEFAULT_MAX_FILE_BYTES, forEachTextFile } from './read-files.js';
import { scanText } from './file-scan.js';

export type { TodoPolicy } from './source-scan.js';
export type { SecretAllowEntry } from './policy.js';
export { ALLOW_MARKER } from './file-scan.js';

export interface ScanOptions {
  /** Repository working directory. */
  root: string;
  /** Console methods that may stay, default ['error', 'warn']. */
  consoleAllow: string[];
  /** Default 'warn'. */
  todoPolicy: TodoPolicy;
  /** Globs (relative to root) exempt from the source scan, default DEFAULT_EXEMPT. */
  exempt: string[];
  allowlist: SecretAllowEntry[];
}

export interface ScanResult {
  findings: Finding[];
  /** Text files scanned. */
  files: number;
  /** Bytes scanned. */
  bytes: number;
  /** How the file list was made: `git ls-files`, or walking the tree when root is not a git work tree. */
  listedBy?: 'git' | 'walk';
  /** Files over the size limit (2 MiB), not scanned. */
  skippedLarge?: string[];
}

/** Tuning for scanFiles; the default suits a repository. */
export interface ScanLimits {
  /** Files larger than this are not scanned (listed in skippedLarge); default 2 MiB. */
  maxFileBytes?: number;
}

/**
 * Test and config files, and command-line scripts and benchmarks (whose output is the console):
 * console calls and TODOs are fine there. Secrets are still looked for in them.
 */
export const DEFAULT_EXEMPT: string[] = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  '**/*.config.*',
  '**/.*rc.*',
  '**/*.min.js',
  '**/scripts/**',
  '**/bench/**',
];

export const DEFAULT_CONSOLE_ALLOW = ['error', 'warn'];

function byPlace(a: Finding, b: Finding): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Scans the given files (paths relative to options.root, forward slashes) as they are: no listing or path filtering. */
export async function scanFiles(files: readonly string[], options: ScanOptions, limits: ScanLimits = {}): Promise<ScanResult> {
  const policy = compilePolicy(options);
  const findings: Finding[] = [];
  const summary = forEachTextFile(options.root, files, limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, (path, text) => {
    for (const finding of scanText(text, path, policy)) findings.push(finding);
  });
  return { findings: findings.sort(byPlace), files: summary.files, bytes: summary.bytes, skippedLarge: summary.skippedLarge };
}

/** Scans the files git tracks under options.root (see list-files.ts for what is left out). */
export async function scanRepository(options: ScanOptions): Promise<ScanResult> {
  compilePolicy(options); // settings errors before any file is read
  const { files, listedBy } = await listRepositoryFiles(options.root);
  return { ...(await scanFiles(files, options)), listedBy };
}
