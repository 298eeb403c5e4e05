import type { Deployment, Project, VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { ApiError } from '../../../packages/shared/src/errors.js';
import type { Method } from './inputs.js';

/**
 * Asks Vercel to point the production domains at the target, without a rebuild:
 * - `promote`: POST /v10/projects/{projectId}/promote/{deploymentId} (projectsRequestPromote; "Point
 *   production traffic to a given deployment", https://vercel.com/docs/rest-api/projects/point-production-traffic-to-a-given-deployment):
 *   any READY production deployment of the project; 201 done or 202 queued.
 * - `rollback`: POST /v1/projects/{projectId}/rollback/{deploymentId}?description= (projectsRequestRollback;
 *   https://vercel.com/docs/rest-api/projects/points-all-production-domains-for-a-project-to-the-given-deploy):
 *   Vercel's Instant Rollback, recorded with the reason; only to deployments that served production
 *   before, and on the Hobby plan only to the previous one (https://vercel.com/docs/instant-rollback,
 *   https://vercel.com/docs/cli/rollback) — the documented 402 answer.
 * Either way the change is asynchronous: wait.ts follows it to the end.
 */
export const ENDPOINT: Record<Method, string> = {
  promote: 'POST /v10/projects/{projectId}/promote/{deploymentId}',
  rollback: 'POST /v1/projects/{projectId}/rollback/{deploymentId}',
};

export async function requestPromotion(client: VercelClient, project: Project, target: Deployment, method: Method, reason: string | undefined): Promise<{ status: number }> {
  try {
    const before = project.lastAliasRequest;
    return method === 'promote' ? await client.promote(project.id, target.id, before) : await client.rollback(project.id, target.id, reason || undefined, before);
  } catch (error) {
    throw refusal(error, target, method);
  }
}

function refusal(error: unknown, target: Deployment, method: Method): unknown {
  if (!(error instanceof ApiError)) return error;
  const said = error.vendorMessage;
  const what = `Vercel refused to ${method === 'promote' ? 'promote' : 'roll production back to'} ${target.id} (${error.status}${error.code ? ` ${error.code}` : ''}${said ? `: ${said}` : ''})`;
  const fix = (() => {
    if (error.status === 402 && method === 'rollback') {
      return "the plan allows an Instant Rollback only to the immediately previous production deployment. Use method: promote, or pass that deployment as 'to'.";
    }
    if (error.status === 409) return 'another promotion or rollback of this project is in progress. Wait for it to finish (`vercel promote status`), then run the rollback again.';
    if (error.status === 400 || error.status === 422) {
      return method === 'rollback'
        ? 'Instant Rollback takes only deployments that served production before. Use method: promote for a production deployment that never did.'
        : "check that the deployment is a READY production deployment of this project on its Deployments page, or pick another with 'to'.";
    }
    return undefined;
  })();
  return fix ? new ApiError(`${what}: ${fix}`, error.vendor, error.status, error.code) : error;
}
