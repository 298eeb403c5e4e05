import { ApiError } from '../../../packages/shared/src/errors.js';
import type { ReleaseCommit, SentryClient } from '../../../packages/shared/src/clients/sentry.js';
import type { CheckOutcome } from '../../../packages/shared/src/report/model.js';
import { commitInfo, commitsBetween, hasCommit, isShallow, type CommitInfo } from './git.js';

/**
 * The release's commits. With the repository connected in Sentry (an integration), refs name
 * this commit and the previous release's, and Sentry computes the range itself — no local history
 * needed. When Sentry does not know the repository (400 `{"refs": ["Invalid repository names: …"]}`,
 * getsentry/sentry organization_release_details.py), the commits are sent as data from the
 * checkout: the range since the previous release when the history holds it, else — in a shallow
 * clone, or with no earlier release — this single commit, with a notice.
 */
export interface CommitsTarget {
  client: SentryClient;
  org: string;
  version: string;
  repo: string;
  sha: string;
  cwd: string;
}

export interface CommitsOutcome extends CheckOutcome {
  /** A notice for the log when only part of the range could be recorded. */
  notice?: string;
}

export async function recordCommits(target: CommitsTarget): Promise<CommitsOutcome> {
  const { client, org, version, repo, sha } = target;
  const previous = await client.previousReleaseCommit(org, version);
  try {
    await client.updateRelease(org, version, { refs: [{ repository: repo, commit: sha, ...(previous ? { previousCommit: previous } : {}) }] });
    const range = previous ? `${short(previous)}..${short(sha)}` : `up to ${short(sha)}`;
    return { status: 'pass', summary: `Commits of ${repo} ${range}: Sentry computes the range from the connected repository.` };
  } catch (error) {
    if (!isUnknownRepository(error)) throw error;
    return sendCommitsAsData(target, previous);
  }
}

async function sendCommitsAsData(target: CommitsTarget, previous: string | undefined): Promise<CommitsOutcome> {
  const { client, org, version, repo, sha, cwd } = target;
  const why = `the repository ${repo} is not connected in Sentry (Settings > Integrations)`;
  const range = previous ? await localRange(cwd, previous, sha) : undefined;
  if (range && range.length > 0) {
    await client.updateRelease(org, version, { commits: range.map((c) => asReleaseCommit(c, repo)) });
    return { status: 'pass', summary: `${range.length} commit(s) of ${repo} since ${short(previous!)}, sent from the checkout because ${why}.` };
  }
  const single = await commitInfo(cwd, sha);
  await client.updateRelease(org, version, { commits: [asReleaseCommit(single, repo)] });
  const reason = !previous ? 'no earlier release has commits' : (await isShallow(cwd)) ? 'this is a shallow clone' : `${short(previous)} is not in this checkout's history`;
  const notice = `Recorded only commit ${short(sha)} for release ${version}: ${why}, and ${reason}. Connect the repository in Sentry so it computes the range, or check out with fetch-depth: 0.`;
  return { status: 'warn', summary: `Only commit ${short(sha)} of ${repo}: ${why}, and ${reason}.`, notice };
}

/** The commits since `previous`, when the checkout holds that commit (not in a shallow clone). */
async function localRange(cwd: string, previous: string, sha: string): Promise<CommitInfo[] | undefined> {
  if ((await isShallow(cwd)) || !(await hasCommit(cwd, previous))) return undefined;
  return commitsBetween(cwd, previous, sha);
}

function isUnknownRepository(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && error.code === 'refs';
}

function asReleaseCommit(commit: CommitInfo, repo: string): ReleaseCommit {
  return {
    id: commit.id,
    repository: repo,
    ...(commit.message ? { message: commit.message } : {}),
    ...(commit.authorName ? { author_name: commit.authorName } : {}),
    ...(commit.authorEmail ? { author_email: commit.authorEmail } : {}),
    ...(commit.timestamp ? { timestamp: commit.timestamp } : {}),
  };
}

export function short(sha: string): string {
  return sha.slice(0, 7);
}
