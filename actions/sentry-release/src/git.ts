import { execCommand } from '../../../packages/shared/src/exec.js';

/**
 * What sentry-release reads from the checkout, through the shared exec helper. Every read is
 * bounded (output kept, commits listed) and none throws: a missing git, a directory that is not
 * a repository or an unknown commit answer `undefined`/`false`.
 */
export interface CommitInfo {
  id: string;
  authorName?: string;
  authorEmail?: string;
  timestamp?: string;
  message?: string;
}

/** Commits listed at most when the range since the previous release is sent as data. */
export const MAX_COMMITS = 200;
const SEP = '\x1f';
const FORMAT = ['%H', '%an', '%ae', '%aI', '%s'].join('%x1f');

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  const res = await execCommand('git', args, { cwd, maxOutput: 200_000, timeoutMs: 30_000 });
  return res.exitCode === 0 ? res.stdout.trim() : undefined;
}

export async function headCommit(cwd: string): Promise<string | undefined> {
  return git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD']);
}

/** True in a shallow clone (actions/checkout's default fetch-depth: 1). */
export async function isShallow(cwd: string): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
}

export async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return (await git(cwd, ['cat-file', '-e', `${sha}^{commit}`])) !== undefined;
}

export async function commitInfo(cwd: string, sha: string): Promise<CommitInfo> {
  const out = await git(cwd, ['log', '-1', `--format=${FORMAT}`, sha, '--']);
  return (out && parseCommit(out)) || { id: sha };
}

/** Commits after `from` up to `to`, newest first, at most MAX_COMMITS; undefined when git cannot list them. */
export async function commitsBetween(cwd: string, from: string, to: string): Promise<CommitInfo[] | undefined> {
  const out = await git(cwd, ['log', `--max-count=${MAX_COMMITS}`, `--format=${FORMAT}`, `${from}..${to}`, '--']);
  if (out === undefined) return undefined;
  return out.split('\n').filter(Boolean).map(parseCommit).filter((c): c is CommitInfo => c !== undefined);
}

function parseCommit(line: string): CommitInfo | undefined {
  const [id, authorName, authorEmail, timestamp, message] = line.split(SEP);
  if (!id || !/^[0-9a-f]{40}$/.test(id)) return undefined;
  return { id, authorName, authorEmail, timestamp, message };
}
