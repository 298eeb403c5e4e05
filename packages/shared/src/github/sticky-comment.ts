import { GITHUB_COMMENT_LIMIT } from '../report/markdown.js';
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

/** A section's Markdown, rendered to fit the room the other sections leave. */
export type SectionRenderer = (maxLength: number) => string;

/** Characters kept free of the limit for the markers and line breaks. */
const MARGIN = 200;
/** A section always gets this much room, even beside an oversized older section. */
const MIN_ROOM = 2_000;

/**
 * The room this section has: GitHub's limit less the other sections. Each section is rendered
 * within its room, so the comment stays under the limit however many actions report.
 */
export function roomFor(body: string, section: string): number {
  const others = mergeSection(body, section, '').length;
  return Math.max(MIN_ROOM, GITHUB_COMMENT_LIMIT - others - MARGIN);
}

/** Creates or updates the sticky comment with this section; returns the comment id. */
export async function upsertStickySection(
  octokit: GitHubClient,
  target: StickyCommentTarget,
  section: string,
  render: SectionRenderer | string,
): Promise<number> {
  const existing = await findStickyComment(octokit, target);
  const current = existing?.body ?? '';
  const markdown = typeof render === 'string' ? render : render(roomFor(current, section));
  const body = mergeSection(current, section, redact(markdown));
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
