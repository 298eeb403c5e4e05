import { PollClock, type Project, type VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { pollRead } from '../../../packages/shared/src/poll.js';
import { errorMessage } from '../../../packages/shared/src/errors.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Tuning } from '../../../packages/shared/src/tuning.js';

/**
 * Follows a promotion until production serves the target. The project's `lastAliasRequest`
 * (GetProjectLastAliasRequest in @vercel/sdk models/getprojectfrompreset.ts: toDeploymentId,
 * jobStatus pending | in-progress | succeeded | failed | skipped) is the job's state, and
 * `targets.production` the deployment production serves — the two things `vercel promote status`
 * reads (vercel/vercel packages/cli/src/commands/promote/status.ts). The aliases still moving, or
 * the ones that failed, come from GET /v1/projects/{projectId}/promote/aliases
 * (projectsListPromoteAliases) and are named in the failure.
 */
export type PromotionOutcome =
  | { kind: 'serving'; project: Project; waitedMs: number; polls: number }
  | { kind: 'failed'; project: Project; waitedMs: number; polls: number; aliases: string[] }
  | { kind: 'superseded'; project: Project; waitedMs: number; polls: number; servingId: string }
  | { kind: 'skipped'; project: Project; waitedMs: number; polls: number }
  | { kind: 'timeout'; project: Project; waitedMs: number; polls: number; jobStatus?: string; aliases: string[] };

export interface WaitOptions {
  /**
   * The project's alias job as read before the request. Vercel may still show it for a moment
   * after answering; an old job to the same target must not pass for the new one.
   */
  before?: Project['lastAliasRequest'];
  timeoutMs: number;
  tuning: Pick<Tuning, 'pollMs' | 'maxPollMs'>;
  log: Logger;
}

const ALIASES_SHOWN = 10;

export async function waitUntilServing(client: VercelClient, projectId: string, targetId: string, options: WaitOptions): Promise<PromotionOutcome> {
  const clock = new PollClock(options.tuning, options.timeoutMs);
  let shown = '';
  let last: Project | undefined;
  for (let polls = 1; ; polls++) {
    // After the first answer, a poll cut by the step's timeout ends the wait with what was last seen.
    const project = last ? await pollRead(() => client.getProject(projectId)) : await client.getProject(projectId);
    const waitedMs = clock.elapsedMs();
    if (!project) return timedOut(client, projectId, last!, targetId, { waitedMs, polls }, options);
    last = project;
    const ours = ourRequest(project, targetId, options.before);
    const state = stateOf(project, ours, targetId);
    if (state !== shown) options.log.info(`Promotion of ${targetId}: ${state}`);
    shown = state;
    const progress = { project, waitedMs, polls };
    const verdict = verdictOf(project, ours, targetId);
    if (verdict?.kind === 'failed') return { ...progress, kind: 'failed', aliases: await aliasLines(client, projectId, true, options.log) };
    if (verdict) return { ...progress, ...verdict };
    if (clock.expired()) return timedOut(client, projectId, project, targetId, { waitedMs, polls }, options);
    await clock.next();
  }
}

async function timedOut(
  client: VercelClient,
  projectId: string,
  project: Project,
  targetId: string,
  progress: { waitedMs: number; polls: number },
  options: WaitOptions,
): Promise<PromotionOutcome> {
  const jobStatus = ourRequest(project, targetId, options.before)?.jobStatus;
  return { ...progress, project, kind: 'timeout', jobStatus, aliases: await aliasLines(client, projectId, false, options.log) };
}

type Verdict = { kind: 'serving' } | { kind: 'failed' } | { kind: 'superseded'; servingId: string } | { kind: 'skipped' };

type AliasRequest = NonNullable<Project['lastAliasRequest']>;

/** The project's alias job when it is the one this run asked for. */
function ourRequest(project: Project, targetId: string, before: Project['lastAliasRequest']): AliasRequest | undefined {
  const request = project.lastAliasRequest;
  if (!request || request.toDeploymentId !== targetId) return undefined;
  const old = before && before.toDeploymentId === targetId && before.requestedAt === request.requestedAt;
  return old ? undefined : request;
}

/** Where the promotion stands, or undefined while it is still moving. */
function verdictOf(project: Project, ours: AliasRequest | undefined, targetId: string): Verdict | undefined {
  const serving = project.targets?.['production']?.id;
  if (!ours) {
    // A project that reports no alias job at all is judged by what production serves.
    return !project.lastAliasRequest && serving === targetId ? { kind: 'serving' } : undefined;
  }
  switch (ours.jobStatus) {
    case 'succeeded':
      return serving && serving !== targetId ? { kind: 'superseded', servingId: serving } : { kind: 'serving' };
    case 'failed':
      return { kind: 'failed' };
    case 'skipped':
      return serving === targetId ? { kind: 'serving' } : { kind: 'skipped' };
    default:
      return undefined;
  }
}

function stateOf(project: Project, ours: AliasRequest | undefined, targetId: string): string {
  if (ours) return ours.jobStatus;
  if (project.targets?.['production']?.id === targetId) return 'production serves it';
  return 'waiting for Vercel to start the alias job';
}

/** "web.example.com (in-progress)" for each alias not done (or each failed one), best effort. */
async function aliasLines(client: VercelClient, projectId: string, failedOnly: boolean, log: Logger): Promise<string[]> {
  try {
    const { aliases } = await client.promoteAliases(projectId, { limit: 100, ...(failedOnly ? { failedOnly: true } : {}) });
    const open = aliases.filter((a) => failedOnly || a.status !== 'completed');
    const lines = open.slice(0, ALIASES_SHOWN).map((a) => `${a.alias} (${a.status})`);
    if (open.length > ALIASES_SHOWN) lines.push(`and ${open.length - ALIASES_SHOWN} more`);
    return lines;
  } catch (error) {
    log.debug(`The promotion's aliases could not be listed: ${errorMessage(error)}`);
    return [];
  }
}
