import { commitShaOf, type Deployment } from '../../../packages/shared/src/clients/vercel.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import { cell, formatDuration } from '../../../packages/shared/src/report/markdown.js';
import type { Check, Report } from '../../../packages/shared/src/report/model.js';
import type { RollbackStatus } from './rollback.js';
import type { Choice } from './target.js';
import type { PromotionOutcome } from './wait.js';

/** The rollback's lines in the job summary: what moved where, why, and who asked. */
export interface Story {
  choice: Choice;
  url: string;
  reason?: string;
  run: RunContext;
  status: RollbackStatus;
}

/** "dpl_abc (web-abc.vercel.app), created 2024-05-01T10:00:00.000Z, commit 1a2b3c4". */
export function describeDeployment(d: Deployment): string {
  const sha = commitShaOf(d);
  const parts = [
    `${d.id} (${d.url})`,
    d.createdAt !== undefined ? `created ${new Date(d.createdAt).toISOString()}` : undefined,
    sha ? `commit ${sha.slice(0, 7)}` : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

export function targetCheck(choice: Choice): Check {
  const how = choice.listed === undefined ? "named by 'to'" : `the newest READY production deployment before the current one (${choice.listed} listed)`;
  return {
    id: 'target',
    title: 'Target',
    status: 'pass',
    summary: `${describeDeployment(choice.target)}: ${how}${choice.serving ? `; production serves ${choice.serving.id} now` : '; nothing serves production now'}`,
  };
}

export function promotionCheck(outcome: PromotionOutcome, endpoint: string, accepted: number, failed: string | undefined): Check {
  const took = formatDuration(outcome.waitedMs);
  return {
    id: 'promotion',
    title: `Promotion (${endpoint})`,
    status: failed ? 'fail' : 'pass',
    summary: failed ?? `Vercel answered ${accepted}; production serves the target after ${took} (${outcome.polls} status poll(s))`,
    durationMs: outcome.waitedMs,
  };
}

export function addStory(report: Report, story: Story): void {
  const { choice } = story;
  const from = choice.serving ? `\`${choice.serving.id}\`` : 'nothing';
  const target = `\`${choice.target.id}\``;
  const headline: Record<RollbackStatus, string> = {
    'dry-run': `**Dry run:** would promote ${target} to production (${story.url}), replacing ${from}. Nothing was changed.`,
    unchanged: `**Production** (${story.url}) already serves ${target}: nothing was promoted.`,
    'rolled-back': `**Production** (${story.url}) rolled back from ${from} to ${target}.`,
    unhealthy: `**Production** (${story.url}) rolled back from ${from} to ${target}, but the smoke checks fail.`,
    failed: `**Rollback failed:** production (${story.url}) was not moved to ${target}; it served ${from} before.`,
  };
  const inspect = choice.target.inspectorUrl ? ` · [Inspect](${choice.target.inspectorUrl})` : '';
  report.addNote([headline[story.status], `**Target:** ${cell(describeDeployment(choice.target))}${inspect}`, ...who(story)].join('  \n'));
}

/** A rollback that stopped before a target was promoted (refused, or an API error): still who and why. */
export function addStoppedStory(report: Report, story: Pick<Story, 'reason' | 'run'>): void {
  report.addNote(["**Rollback stopped:** the step's error says why.", ...who(story)].join('  \n'));
}

function who(story: Pick<Story, 'reason' | 'run'>): string[] {
  const { run } = story;
  return [
    `**Reason:** ${story.reason ? cell(story.reason) : '(none given)'}`,
    `**By:** ${run.actor ? `@${run.actor}` : 'unknown'}${run.runUrl ? ` · [workflow run](${run.runUrl})` : ''}`,
  ];
}
