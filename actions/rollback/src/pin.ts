import type { Deployment, Project, VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { errorMessage } from '../../../packages/shared/src/errors.js';
import { githubClient, githubToken } from '../../../packages/shared/src/github/client.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import { step } from '../../../packages/shared/src/step.js';

/**
 * What a rollback rolls back from, pinned so that a run acts once: `from` when given, else the
 * deployment that served production when the run was dispatched — the workflow run's
 * `created_at` (GET /repos/{owner}/{repo}/actions/runs/{run_id},
 * https://docs.github.com/en/rest/actions/workflow-runs#get-a-workflow-run) set against the
 * project's last alias job (`lastAliasRequest.requestedAt` / `fromDeploymentId`). A second run
 * queued behind the first finds production moved since its dispatch and changes nothing.
 */
export interface Pin {
  /** The deployment production must still serve for the run to act; undefined when it is unknown (production moved to a deployment created after dispatch). */
  id?: string;
  /** How it was chosen, for the summary. */
  how: string;
}

const DISPATCH_LOOKUP_MS = 10_000;

export async function pinFrom(
  from: string | undefined,
  context: { client: VercelClient; project: Project; serving: Deployment | undefined; run: RunContext; tokenInput?: string; log: Logger },
): Promise<Pin> {
  const { client, project, serving, run, log } = context;
  if (from) {
    const id = from.startsWith('dpl_') ? from : (await client.getDeployment(from)).id;
    return { id, how: "given as 'from'" };
  }
  const dispatched = await dispatchTime(run, context.tokenInput, log);
  if (dispatched === undefined) return { id: serving?.id, how: 'serving when the run started (the time it was dispatched could not be read from GitHub)' };
  const at = new Date(dispatched).toISOString();
  const job = project.lastAliasRequest;
  if (job?.requestedAt !== undefined && job.requestedAt > dispatched) {
    return {
      id: job.fromDeploymentId ?? undefined,
      how: `serving when the run was dispatched (${at}); since then a ${job.type ?? 'promotion'} at ${new Date(job.requestedAt).toISOString()} pointed production at ${job.toDeploymentId}`,
    };
  }
  if (serving?.createdAt !== undefined && serving.createdAt > dispatched) {
    return { how: `serving when the run was dispatched (${at}); production now serves ${serving.id}, deployed after that` };
  }
  return { id: serving?.id, how: `serving when the run was dispatched (${at})` };
}

/** The workflow run's creation time (ms), or undefined when GitHub cannot tell (no token, a local run). */
async function dispatchTime(run: RunContext, tokenInput: string | undefined, log: Logger): Promise<number | undefined> {
  const token = githubToken(tokenInput);
  if (!token || !run.owner || !run.repo || !run.runId) return undefined;
  try {
    const res = await (await githubClient(token, run.apiUrl)).request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
      owner: run.owner,
      repo: run.repo,
      run_id: Number(run.runId),
      request: { signal: AbortSignal.any([AbortSignal.timeout(step.cap(DISPATCH_LOOKUP_MS)), step.signal]) },
    });
    const created = Date.parse(res.data.created_at);
    return Number.isNaN(created) ? undefined : created;
  } catch (error) {
    log.info(`The run's dispatch time could not be read from GitHub (${errorMessage(error)}); pinning the deployment serving now.`);
    return undefined;
  }
}
