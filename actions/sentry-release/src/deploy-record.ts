import type { SentryClient } from '../../../packages/shared/src/clients/sentry.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { CheckOutcome } from '../../../packages/shared/src/report/model.js';
import { STARTED_AT_VARIABLE, startOfDeploy } from '../../../packages/shared/src/started-at.js';

/**
 * A deploy of the release to `environment` (POST …/releases/{version}/deploys/, fields as
 * sentry-cli's Deploy: environment, url, dateStarted, dateFinished, projects), with the
 * deployment's URL (e.g. deploy's `url` output). The start is the job's DEPLOY_KIT_STARTED_AT
 * when it set one, else when this step began.
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

/** When the deploy started: DEPLOY_KIT_STARTED_AT (set by an early step of the job), else `stepStart`. */
export function deployStart(env: NodeJS.ProcessEnv, stepStart: Date, log: Logger): Date {
  const start = startOfDeploy(env, undefined);
  if (start && 'problem' in start) log.warning(`${STARTED_AT_VARIABLE} is not a time (Unix seconds or an ISO 8601 date): the deploy record starts when this step began.`);
  return start && 'startedAt' in start && start.startedAt <= stepStart.getTime() ? new Date(start.startedAt) : stepStart;
}
