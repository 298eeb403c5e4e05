/**
 * The secret scan of what each commit of the event's range added. A secret committed in one
 * commit of a pull request and deleted in the next never reaches the tree at HEAD, yet it stays
 * in the repository's history (and in every fork and clone): it is reported with the commit
 * that added it. A secret still in the file at HEAD is left to the tree scan (one finding, not two).
 *
 * The range: push — `before..after` (or the pushed commits when `before` is all zeros, a new
 * branch); pull_request — `base.sha..head.sha` from GITHUB_EVENT_PATH
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads). The commits must be in the
 * clone: actions/checkout fetches one commit unless `fetch-depth: 0`.
 */
import { execCommand } from '../../../../packages/shared/src/exec.js';
import type { Finding } from '../../../../packages/shared/src/report/model.js';
import { ALLOW_MARKER } from './file-scan.js';
import { isScannablePath } from './list-files.js';
import type { ScanPolicy } from './policy.js';
import { DEFAULT_MAX_FILE_BYTES, forEachTextFile } from './read-files.js';
import { scanSecrets } from './secret-scan.js';

/** A range longer than this is scanned from its newest commits: a force-push of a long branch is not a reason to scan for minutes. */
export const MAX_HISTORY_COMMITS = 250;
/** Output of one `git show`, in characters; a larger commit (vendored code, generated files) is scanned as far as this. */
const MAX_COMMIT_DIFF = 16 * 1024 * 1024;
const ZERO_SHA = /^0+$/;

export type HistoryRange = { base: string; head: string } | { commits: string[] };

/** The event's range, or why there is none. */
export function eventRange(eventName: string | undefined, payload: Record<string, unknown>): HistoryRange | { none: string } {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = payload['pull_request'] as { base?: { sha?: string }; head?: { sha?: string } } | undefined;
    if (pr?.base?.sha && pr.head?.sha) return { base: pr.base.sha, head: pr.head.sha };
    return { none: 'the pull_request event has no base and head commits' };
  }
  if (eventName === 'push') {
    const before = payload['before'];
    const after = payload['after'];
    if (typeof before === 'string' && typeof after === 'string' && !ZERO_SHA.test(before) && !ZERO_SHA.test(after)) return { base: before, head: after };
    const commits = (payload['commits'] as { id?: string }[] | undefined)?.map((c) => c.id).filter((id): id is string => typeof id === 'string') ?? [];
    if (commits.length > 0) return { commits };
    return { none: 'the push event names no commits' };
  }
  return { none: `a ${eventName ?? 'local'} run has no range of commits (only push and pull_request do)` };
}

export interface HistoryResult {
  findings: Finding[];
  commits: number;
  /** Non-zero when the range has more than MAX_HISTORY_COMMITS commits: its older ones were not scanned (at least this many). */
  skipped: number;
  /** Short ids of commits whose diff could not be read whole (git failed, or past MAX_COMMIT_DIFF): not, or only partly, scanned. */
  unread: string[];
  /** Set when the range could not be read: what to do instead. */
  unavailable?: string;
}

export async function scanHistory(root: string, range: HistoryRange, policy: ScanPolicy): Promise<HistoryResult> {
  const commits = await commitsOf(root, range);
  if ('unavailable' in commits) return { findings: [], commits: 0, skipped: 0, unread: [], unavailable: commits.unavailable };
  const findings: Finding[] = [];
  const unread: string[] = [];
  for (const sha of commits.list) {
    const scanned = await scanCommit(root, sha, policy);
    findings.push(...scanned.findings);
    if (!scanned.whole) unread.push(sha.slice(0, 7));
  }
  return { findings, commits: commits.list.length, skipped: commits.skipped, unread };
}

async function commitsOf(root: string, range: HistoryRange): Promise<{ list: string[]; skipped: number } | { unavailable: string }> {
  // --max-count is applied before --reverse: the newest commits, oldest first, and git's output stays small.
  const limit = `--max-count=${MAX_HISTORY_COMMITS + 1}`;
  const args = 'commits' in range ? ['rev-list', '--no-walk=unsorted', ...range.commits] : ['rev-list', '--reverse', limit, `${range.base}..${range.head}`];
  const result = await execCommand('git', args, { cwd: root });
  if (result.exitCode !== 0) {
    return { unavailable: 'the commits of the event are not in this clone: set `fetch-depth: 0` on actions/checkout (or scan-history: false)' };
  }
  const list = result.stdout.split('\n').filter(Boolean);
  const kept = list.slice(-MAX_HISTORY_COMMITS);
  return { list: kept, skipped: list.length - kept.length };
}

interface AddedFile {
  path: string;
  /** The added lines' text, joined, and the line number (in the commit's version of the file) of each. */
  lines: string[];
  numbers: number[];
}

async function scanCommit(root: string, sha: string, policy: ScanPolicy): Promise<{ findings: Finding[]; whole: boolean }> {
  const result = await execCommand(
    'git',
    // core.quotePath=false: a path with non-ASCII characters comes as itself, not as "b/caf\303\251.ts".
    ['-c', 'core.quotePath=false', 'show', '--format=%h%x00%s', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', '--relative', sha, '--', '.'],
    { cwd: root, maxOutput: MAX_COMMIT_DIFF },
  );
  if (result.exitCode !== 0) return { findings: [], whole: false };
  const [header = '', ...rest] = result.stdout.split('\n');
  const [short = sha.slice(0, 7), subject = ''] = header.split('\0');
  const findings: Finding[] = [];
  for (const file of addedLines(rest)) {
    if (!isScannablePath(file.path)) continue;
    const text = file.lines.join('\n');
    const starts = lineStarts(file.lines);
    for (const hit of scanSecrets(text, file.path)) {
      if (policy.isAllowed(hit.rule, file.path, hit.secret)) continue;
      const index = lineIndexAt(starts, hit.offset);
      if (file.lines[index]?.includes(ALLOW_MARKER)) continue;
      if (stillInTree(root, file.path, hit.secret ?? text.slice(hit.offset, hit.offset + hit.length))) continue;
      findings.push({
        severity: hit.severity,
        rule: hit.rule,
        message: `${hit.message} Added in commit ${short}${subject ? ` ("${subject.slice(0, 80)}")` : ''} and removed since: it stays in the git history, so rotate it even though the tree no longer has it.`,
        file: file.path,
        line: file.numbers[index],
      });
    }
  }
  return { findings, whole: !result.truncated };
}

/** Parses `git show --unified=0`: each file's `+` lines with their line numbers in the new version. */
export function addedLines(diff: readonly string[]): AddedFile[] {
  const files: AddedFile[] = [];
  let current: AddedFile | undefined;
  let next = 0;
  for (const line of diff) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4);
      current = path === '/dev/null' ? undefined : { path: path.replace(/^b\//, ''), lines: [], numbers: [] };
      if (current) files.push(current);
    } else if (line.startsWith('@@')) {
      next = Number(/\+(\d+)/.exec(line)?.[1] ?? 0);
    } else if (current && line.startsWith('+')) {
      current.lines.push(line.slice(1));
      current.numbers.push(next++);
    }
  }
  return files.filter((f) => f.lines.length > 0);
}

function lineStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return starts;
}

function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Whether the file in the working tree (HEAD's checkout) still holds the secret: then the tree scan reports it. */
function stillInTree(root: string, path: string, secret: string): boolean {
  let found = false;
  forEachTextFile(root, [path], DEFAULT_MAX_FILE_BYTES, (_path, text) => {
    found = text.includes(secret);
  });
  return found;
}
