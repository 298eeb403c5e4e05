import { describeScope, type Deployment, type Project, type VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { ApiError, ConfigurationError } from '../../../packages/shared/src/errors.js';

/**
 * Which deployment production goes back to: the one `to` names, or by default the newest READY
 * production deployment created before the one serving now — found by listing the project's
 * READY production deployments page by page, newest first, and stopping at the first that fits.
 * A target production cannot simply be pointed at is refused here, before anything changes.
 */
const PAGE_SIZE = 50;

export interface Choice {
  target: Deployment;
  /** The production deployment serving now, when there is one. */
  serving?: Deployment;
  /** Deployments read from the list before the target was found (default choice only). */
  listed?: number;
}

/** The deployment behind the project's production target, read in full (its createdAt, alias, meta). */
export async function servingDeployment(client: VercelClient, project: Project): Promise<Deployment | undefined> {
  const id = project.targets?.['production']?.id;
  return id ? client.getDeployment(id) : undefined;
}

export async function chooseTarget(client: VercelClient, project: Project, serving: Deployment | undefined, to: string | undefined): Promise<Choice> {
  if (to) {
    const target = await explicitTarget(client, to);
    refuseUnfit(target, project);
    return { target, serving };
  }
  const { target, listed } = await previousProduction(client, project, serving);
  refuseUnfit(target, project);
  return { target, serving, listed };
}

async function explicitTarget(client: VercelClient, to: string): Promise<Deployment> {
  try {
    return await client.getDeployment(to);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new ConfigurationError(
        `Input 'to' "${to}": Vercel has no deployment with this id or URL in ${describeScope(client.scope)} (404). ` +
          "Copy the id (dpl_…) or URL from the project's Deployments page; if the project belongs to a team, set 'vercel-org-id' to it.",
        'to',
      );
    }
    throw error;
  }
}

async function previousProduction(client: VercelClient, project: Project, serving: Deployment | undefined): Promise<{ target: Deployment; listed: number }> {
  if (!serving) {
    throw new ConfigurationError(
      `Vercel project ${project.name} has no production deployment serving now, so there is no "previous" one to go back to. Pass 'to' with the deployment to promote.`,
      'to',
    );
  }
  let listed = 0;
  let passedServing = false;
  for await (const d of client.deployments({ projectId: project.id, target: 'production', state: 'READY', limit: PAGE_SIZE })) {
    listed++;
    if (d.id === serving.id) {
      passedServing = true;
      continue;
    }
    if (createdBefore(d.createdAt, serving.createdAt, passedServing)) return { target: await client.getDeployment(d.id), listed };
  }
  throw new ConfigurationError(
    `Vercel project ${project.name} has no READY production deployment older than the one serving now (${serving.id}${when(serving.createdAt)}), so there is nothing to roll back to. ` +
      "Pass 'to' with a specific deployment, or fix forward with a new deploy.",
    'to',
  );
}

/** Older than the serving deployment: by creation time when both are known, else by list position (newest first). */
function createdBefore(candidate: number | undefined, serving: number | undefined, passedServing: boolean): boolean {
  if (candidate !== undefined && serving !== undefined) return candidate < serving;
  return passedServing;
}

/** Throws the refusal, with what to do instead, for a target production cannot be pointed at. */
export function refuseUnfit(target: Deployment, project: Project): void {
  const problem = unfitReason(target, project);
  if (problem) throw new ConfigurationError(problem, 'to');
}

export function unfitReason(d: Deployment, project: Project): string | undefined {
  const url = `https://${d.url}`;
  if (d.projectId && d.projectId !== project.id) {
    return `Deployment ${d.id} (${url}) belongs to another Vercel project (${d.projectId}), not ${project.name} (${project.id}): promoting it would put another app on this project's domains. Pick a deployment from ${project.name}'s Deployments page, or check 'vercel-project-id'.`;
  }
  if (d.target !== 'production') {
    return (
      `Deployment ${d.id} (${url}) is a preview deployment: it was built with preview environment variables, and Vercel promotes a preview only by rebuilding it as a new production deployment, which is not a rollback. ` +
      `To ship its code, deploy its commit to production (deploy-kit deploy with environment: production) or run \`vercel promote ${url}\` to rebuild it for production; then roll back to that deployment if needed.`
    );
  }
  if (d.readyState !== 'READY') {
    return `Deployment ${d.id} (${url}) is ${d.readyState}, not READY: only a deployment that finished building can serve production. Pick a READY one from the Deployments page, or leave 'to' empty to take the newest READY production deployment before the current one.`;
  }
  return undefined;
}

function when(createdAt: number | undefined): string {
  return createdAt === undefined ? '' : `, created ${new Date(createdAt).toISOString()}`;
}
