import type { Deployment, VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { errorMessage } from '../../../packages/shared/src/errors.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Check } from '../../../packages/shared/src/report/model.js';
import { formatDuration } from '../../../packages/shared/src/report/markdown.js';
import { formatLimit } from '../../../packages/shared/src/duration.js';
import type { WaitOutcome } from './wait.js';

/**
 * What a finished wait means for the step: the build check for the report and, unless the
 * deployment is READY, the one- or two-line failure with its fix. A failed build brings the last
 * lines of its log into the step's log and the summary; a deployment still building at `timeout`
 * is cancelled.
 */
export const LOG_LINES = 30;
const ACTIVE = new Set(['QUEUED', 'BUILDING', 'INITIALIZING']);

export interface Settled {
  deployment: Deployment;
  check: Omit<Check, 'id' | 'title'>;
  failed?: string;
}

export async function settle(client: VercelClient, outcome: WaitOutcome, timeoutMs: number, log: Logger): Promise<Settled> {
  const d = outcome.deployment;
  const inspect = d.inspectorUrl ? ` Inspect it: ${d.inspectorUrl}` : '';
  const took = formatDuration(Math.round(outcome.waitedMs));
  switch (outcome.kind) {
    case 'ready':
      return { deployment: d, check: { status: 'pass', summary: `READY after ${took} of waiting`, durationMs: Math.round(outcome.waitedMs) } };
    case 'failed':
      return failedBuild(client, d, log, outcome.waitedMs);
    case 'canceled':
      return {
        deployment: d,
        check: { status: 'fail', summary: 'CANCELED by something other than this step', durationMs: Math.round(outcome.waitedMs) },
        failed: `Vercel deployment ${d.id} was canceled outside this step (in the dashboard, or by a newer deployment). Re-run the job to deploy again.${inspect}`,
      };
    case 'alias-error':
      return {
        deployment: d,
        check: { status: 'fail', summary: `READY, but the production domains were not assigned: ${d.aliasError?.message ?? d.aliasError?.code}`, durationMs: Math.round(outcome.waitedMs) },
        failed: `Vercel deployment ${d.id} is READY but Vercel could not point the production domains at it (${d.aliasError?.code ?? 'alias error'}: ${d.aliasError?.message ?? 'no message'}). Check the project's Settings → Domains.${inspect}`,
      };
    case 'timeout':
      return timedOut(client, d, timeoutMs, outcome.waitedMs);
  }
}

async function failedBuild(client: VercelClient, d: Deployment, log: Logger, waitedMs: number): Promise<Settled> {
  const tail = await client.buildLogTail(d.id, LOG_LINES).catch((error: unknown) => [`(the build log could not be read: ${errorMessage(error)})`]);
  await log.group(`Vercel build log of ${d.id} (last ${LOG_LINES} lines)`, async () => {
    for (const line of tail.length > 0 ? tail : ['(the build log is empty)']) log.info(line);
  });
  const reason = (d.errorMessage ?? 'the build failed').replace(/\.$/, '');
  return {
    deployment: d,
    check: { status: 'fail', summary: `${d.readyState}${d.errorCode ? ` (${d.errorCode})` : ''}: ${reason}`, detail: tail.join('\n'), durationMs: Math.round(waitedMs) },
    failed:
      `Vercel deployment ${d.id} ended in ${d.readyState}${d.errorCode ? ` (${d.errorCode})` : ''}: ${reason}. ` +
      `The last lines of the build log are above and in the job summary${d.inspectorUrl ? `; the full log: ${d.inspectorUrl}` : ''}.`,
  };
}

async function timedOut(client: VercelClient, d: Deployment, timeoutMs: number, waitedMs: number): Promise<Settled> {
  const limit = formatLimit(timeoutMs);
  const inspect = d.inspectorUrl ? ` Inspect it: ${d.inspectorUrl}` : '';
  if (!ACTIVE.has(d.readyState)) {
    return {
      deployment: d,
      check: { status: 'fail', summary: `${d.readyState}, production domains not assigned within ${limit}`, durationMs: Math.round(waitedMs) },
      failed: `Vercel deployment ${d.id} is ${d.readyState} but its production domains were not assigned within 'timeout' (${limit}); it was left as is. Check the project's Settings → Domains.${inspect}`,
    };
  }
  try {
    const canceled = await client.cancelDeployment(d.id);
    return {
      deployment: canceled,
      check: { status: 'fail', summary: `still ${d.readyState} after ${limit}: cancelled`, durationMs: Math.round(waitedMs) },
      failed: `Vercel deployment ${d.id} was still ${d.readyState} after 'timeout' (${limit}), so deploy-kit cancelled it. Raise 'timeout' if builds take longer, or find what holds the build up.${inspect}`,
    };
  } catch (error) {
    return {
      deployment: d,
      check: { status: 'fail', summary: `still ${d.readyState} after ${limit}; cancelling failed`, durationMs: Math.round(waitedMs) },
      failed: `Vercel deployment ${d.id} was still ${d.readyState} after 'timeout' (${limit}) and deploy-kit could not cancel it (${errorMessage(error)}). Cancel it in the dashboard.${inspect}`,
    };
  }
}
