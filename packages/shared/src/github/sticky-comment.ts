import { redact } from '../secrets.js';
import type { GitHubClient } from './client.js';

/**
 * One comment per pull request holds every deploy-kit action's latest report, one section
 * each. The comment is found by a hidden marker (across every page of comments) and edited in
 * place, so the PR conversation gets one comment, not one per push.
 */
export const COMMENT_MARKER = '<!-- deploy-kit:sticky-comment -->';
const begin = (section: string) => `<!-- deploy-kit:section:${section} -->`;
const end = (section: string) => `<!-- deploy-kit:end:${section} -->`;

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** Creates or updates the sticky comment with this section; returns the comment id. */
export async function upsertStickySection(
  octokit: GitHubClient,
  target: StickyCommentTarget,
  section: string,
  markdown: string,
): Promise<number> {
  const existing = await findStickyComment(octokit, target);
  const body = mergeSection(existing?.body ?? '', section, redact(markdown));
  if (existing) {
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body });
    return existing.id;
  }
  const created = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body });
  return created.data.id;
}

export async function findStickyComment(octokit: GitHubClient, target: StickyCommentTarget): Promise<{ id: number; body: string } | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  const found = comments.find((c) => c.body?.includes(COMMENT_MARKER));
  return found ? { id: found.id, body: found.body ?? '' } : undefined;
}

/** Replaces (or appends) one section, keeping the others and their order. */
export function mergeSection(body: string, section: string, markdown: string): string {
  const block = `${begin(section)}\n${markdown.trim()}\n${end(section)}`;
  const current = body.includes(COMMENT_MARKER) ? body : COMMENT_MARKER;
  const start = current.indexOf(begin(section));
  const stop = current.indexOf(end(section));
  if (start >= 0 && stop > start) {
    return current.slice(0, start) + block + current.slice(stop + end(section).length);
  }
  return `${current.trimEnd()}\n${block}\n`;
}
