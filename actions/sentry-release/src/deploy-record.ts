import type { SentryClient } from '../../../packages/shared/src/clients/sentry.js';
import type { CheckOutcome } from '../../../packages/shared/src/report/model.js';

/**
 * A deploy of the release to `environment` (POST …/releases/{version}/deploys/, fields as
 * sentry-cli's Deploy: environment, url, dateStarted, dateFinished, projects), with the
 * deployment's URL (e.g. deploy's `url` output). The start is when this step began, unless the
 * job recorded an earlier one.
 */
export interface DeployTarget {
  client: SentryClient;
  org: string;
  version: string;
  projects: string[];
  environment: string;
  url?: string;
  startedAt: Date;
}

export async function recordDeploy(target: DeployTarget): Promise<CheckOutcome> {
  const finishedAt = new Date();
  await target.client.createDeploy(target.org, target.version, {
    environment: target.environment,
    ...(target.url ? { url: target.url } : {}),
    dateStarted: target.startedAt.toISOString(),
    dateFinished: finishedAt.toISOString(),
    projects: target.projects,
  });
  return { status: 'pass', summary: `Deployed to ${target.environment}${target.url ? ` at ${target.url}` : ''}.` };
}
