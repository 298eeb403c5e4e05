import { ApiError, ConfigurationError, errorMessage } from '../../../packages/shared/src/errors.js';
import { CancelledError } from '../../../packages/shared/src/step.js';
import { TERMINAL_STATES, VENDOR, describeScope, failureReason, vercelClientFor, type Deployment, type Project, type VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { githubToken } from '../../../packages/shared/src/github/client.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import { GitHubDeploymentRecord } from '../../../packages/shared/src/github/deployment.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Report } from '../../../packages/shared/src/report/model.js';
import type { ActionContext, ActionResult } from '../../../packages/shared/src/run.js';
import { tuningFromEnv, type Tuning } from '../../../packages/shared/src/tuning.js';
import { assignAliases, resolveAliases } from './alias.js';
import { hashFiles, type Hashed } from './files/hash.js';
import type { DeployInputs } from './inputs.js';
import { collectDeploymentFiles, type Layout } from './layout.js';
import { settle } from './outcome.js';
import { addLinks, filesCheck, uploadCheck } from './report.js';
import { deploymentBody } from './request.js';
import { confirmServing } from './serving.js';
import { repoPathOf, resolveSettings, type DeploySettings } from './settings.js';
import { createWithUploads } from './upload.js';
import { deployKitVersion } from './version.js';
import { waitForDeployment, type WaitOptions, type WaitOutcome } from './wait.js';

/**
 * deploy: the files (prebuilt output or source) hashed, only what Vercel lacks uploaded, the
 * deployment created and waited on until it serves, aliases pointed at it, and the result in the
 * outputs, the summary, the sticky PR comment and (optionally) a GitHub Deployment.
 */
export async function deploy(ctx: ActionContext<DeployInputs>): Promise<ActionResult> {
  const { inputs, run, log, report } = ctx;
  const settings = await resolveSettings(inputs, run, ctx.config);
  const tuning = tuningFromEnv();
  const client = vercelClientFor({ token: settings.token, orgId: settings.orgId, apiUrl: inputs['api-url'] }, log, tuning);
  const project = await client.getProject(settings.projectId);
  log.info(`Deploying Vercel project ${project.name} (${project.id}) of ${describeScope(client.scope)} to ${settings.target}.`);
  const aliases = resolveAliases(inputs.alias ?? [], run);
  for (const skipped of aliases.skipped) log.notice(`Alias ${skipped} left out.`);
  const previousId = await servingProduction(client, project);
  const { layout, hashed } = await prepareFiles(settings, project, inputs.prebuilt, run.workspace, tuning, log);
  report.addCheck(filesCheck(layout, hashed));

  const production = settings.target === 'production';
  const github = inputs['github-deployment'] ? await startGitHubRecord(run, inputs['github-token'], production, log) : undefined;
  const inFlight: { deployment?: Deployment; createSentAt?: number } = {};
  try {
    inFlight.createSentAt = Date.now();
    const created = await createDeployment(ctx, client, { settings, project, hashed, tuning });
    inFlight.deployment = created;
    const waited = await follow(client, created, { production, timeoutMs: inputs.timeout, tuning, log });
    inFlight.deployment = waited.deployment;
    const settled = await settle(client, waited, inputs.timeout, log);
    report.addCheck({ id: 'build', title: 'Vercel build', ...settled.check });
    const result = settled.failed
      ? { url: undefined, failed: settled.failed }
      : await publishAndConfirm(ctx, client, project, settled.deployment, aliases.domains, production);
    addLinks(report, settled.deployment, result.url, previousId, production);
    await github?.finish(result.failed ? 'failure' : 'success', {
      environmentUrl: result.url,
      logUrl: settled.deployment.inspectorUrl ?? run.runUrl,
      description: result.failed ?? 'Vercel deployment ready',
    });
    return { outputs: outputsOf(settled.deployment, result.url, previousId), failed: result.failed };
  } catch (error) {
    if (error instanceof CancelledError) {
      const building = inFlight.deployment ?? (await createdUnanswered(client, project, run, inFlight.createSentAt));
      await cancelInFlight(client, building, report, log);
      await github?.finish('error', { logUrl: run.runUrl, description: 'Cancelled: the job was cancelled before the deployment finished' });
      throw error;
    }
    await github?.finish('error', { logUrl: run.runUrl, description: `deploy-kit stopped: ${errorMessage(error)}` });
    throw error;
  }
}

/** Aliases pointed at the deployment, then production and every alias read back: success only once they serve it. */
async function publishAndConfirm(
  ctx: ActionContext<DeployInputs>,
  client: VercelClient,
  project: Project,
  d: Deployment,
  domains: string[],
  production: boolean,
): Promise<{ url?: string; failed?: string }> {
  const aliased = await publishAliases(client, d, domains, ctx.report);
  if (aliased.failed) return aliased;
  const serving = await confirmServing(client, project, d, domains, { production, ifSuperseded: ctx.inputs['if-superseded'], log: ctx.log });
  if (serving.check) ctx.report.addCheck(serving.check);
  return { url: serving.url, failed: serving.failed };
}

/**
 * A cancel that came while the create request was out: Vercel may have made the deployment (and
 * a production one would take production when READY) although no reply came. This run's
 * deployments carry its run URL in their meta; one created since the request is ours.
 */
async function createdUnanswered(client: VercelClient, project: Project, run: RunContext, sentAt: number | undefined): Promise<Deployment | undefined> {
  if (sentAt === undefined || !run.runUrl) return undefined;
  try {
    const page = await client.listDeployments({ projectId: project.id, since: sentAt - CREATE_CLOCK_SKEW_MS, limit: 100 });
    const ours = page.deployments.find((d) => d.meta?.['deployKitRunUrl'] === run.runUrl && (d.createdAt ?? sentAt) >= sentAt - CREATE_CLOCK_SKEW_MS);
    return ours ? await client.getDeployment(ours.id) : undefined;
  } catch {
    return undefined;
  }
}

/** How far Vercel's clock may be behind ours when looking for a deployment created since a request. */
const CREATE_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * On SIGINT/SIGTERM: our deployment, when it is still building, is cancelled (PATCH
 * /v12/deployments/{id}/cancel, https://vercel.com/docs/rest-api/deployments/cancel-a-deployment)
 * within the step's clean-up grace, and the summary says what was left where.
 */
async function cancelInFlight(client: VercelClient, d: Deployment | undefined, report: Report, log: Logger): Promise<void> {
  if (!d) {
    report.addNote('**Cancelled** before a Vercel deployment was created.');
    return;
  }
  if (d.readyState === 'READY' || TERMINAL_STATES.has(d.readyState)) {
    report.addNote(`**Cancelled.** Vercel deployment \`${d.id}\` was already ${d.readyState} and was left as is.`);
    return;
  }
  try {
    const cancelled = await client.cancelDeployment(d.id);
    log.info(`Cancelled Vercel deployment ${d.id} (${cancelled.readyState}).`);
    report.addNote(`**Cancelled.** Vercel deployment \`${d.id}\` was still building and was cancelled (${cancelled.readyState}).`);
  } catch (error) {
    report.addNote(`**Cancelled.** Vercel deployment \`${d.id}\` could not be cancelled (${errorMessage(error)}): cancel it in the dashboard${d.inspectorUrl ? `: ${d.inspectorUrl}` : ''}.`);
  }
}

function startGitHubRecord(run: RunContext, tokenInput: string | undefined, production: boolean, log: Logger): Promise<GitHubDeploymentRecord | undefined> {
  const request = {
    ref: run.sha ?? run.ref,
    environment: production ? 'Production' : 'Preview',
    production,
    description: 'Vercel deployment by deploy-kit',
    progress: 'Deploying to Vercel',
  };
  return GitHubDeploymentRecord.start(run, githubToken(tokenInput), request, log);
}

async function createDeployment(
  ctx: ActionContext<DeployInputs>,
  client: VercelClient,
  prepared: { settings: DeploySettings; project: Project; hashed: Hashed; tuning: Tuning },
): Promise<Deployment> {
  const { run, log, report } = ctx;
  const { settings, project, hashed, tuning } = prepared;
  const body = deploymentBody({
    project,
    target: settings.target,
    files: hashed.files,
    run,
    version: deployKitVersion(),
    projectSettings: settings.projectSettings,
    repoPath: repoPathOf(settings.uploadRoot, run.workspace),
  });
  const { deployment, stats } = await createWithUploads(client, body, hashed.blobs, { concurrency: tuning.uploadConcurrency, log });
  report.addCheck(uploadCheck(stats, hashed));
  log.info(`Created Vercel deployment ${deployment.id} (https://${deployment.url})${deployment.inspectorUrl ? `: ${deployment.inspectorUrl}` : ''}`);
  return deployment;
}

/** Waits on a created deployment; losing track of it is said as such, since it may still build. */
async function follow(client: VercelClient, created: Deployment, options: WaitOptions): Promise<WaitOutcome> {
  try {
    return await waitForDeployment(client, created, options);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new ApiError(
      `Vercel deployment ${created.id} was created, but deploy-kit lost track of it: ${failureReason(error)}. ` +
        `It may still build and serve: check ${created.inspectorUrl ?? "the project's Deployments page"} before deploying again.`,
      VENDOR,
      error.status,
      error.code,
    );
  }
}

/** The production deployment serving now: what a rollback returns to. Asked before creating a new one. */
async function servingProduction(client: VercelClient, project: Project): Promise<string | undefined> {
  const target = project.targets?.['production'];
  if (target) return target.id;
  const page = await client.listDeployments({ projectId: project.id, target: 'production', state: 'READY', limit: 1 });
  return page.deployments[0]?.id;
}

async function prepareFiles(settings: DeploySettings, project: Project, prebuilt: boolean, workspace: string, tuning: Tuning, log: Logger): Promise<{ layout: Layout; hashed: Hashed }> {
  const layout = await collectDeploymentFiles(settings, project, prebuilt, workspace);
  if (layout.files.length === 0) {
    throw new ConfigurationError(
      `There is nothing to deploy in ${settings.uploadRoot}: every file is left out${layout.ignoreFile ? ` (by the built-in list and ${layout.ignoreFile})` : ' by the built-in ignore list'}. Check 'working-directory'.`,
      'working-directory',
    );
  }
  const hashed = await hashFiles(layout.files, tuning.hashConcurrency);
  log.info(
    `${layout.mode === 'prebuilt' ? 'Prebuilt output' : 'Source'}: ${hashed.files.length} files, ${hashed.blobs.size} distinct` +
      `${layout.ignoreFile ? ` (${layout.ignoreFile} applied)` : ''}, hashed in ${Math.round(hashed.durationMs)} ms.`,
  );
  return { layout, hashed };
}

async function publishAliases(
  client: VercelClient,
  d: Deployment,
  domains: string[],
  report: Report,
): Promise<{ failed?: string }> {
  if (domains.length === 0) return {};
  const started = performance.now();
  const aliased = await assignAliases(client, d.id, domains);
  const failed = aliased.failures.length > 0;
  report.addCheck({
    id: 'alias',
    title: 'Aliases',
    status: failed ? 'fail' : 'pass',
    summary: failed ? aliased.failures.join('\n') : aliased.assigned.join(', '),
    durationMs: Math.round(performance.now() - started),
  });
  if (!failed) return {};
  return { failed: `Vercel deployment ${d.id} is READY, but ${aliased.failures.length} of ${domains.length} alias(es) could not be assigned: ${aliased.failures.join(' ')}` };
}

function outputsOf(d: Deployment, url: string | undefined, previousId: string | undefined): Record<string, string | undefined> {
  return {
    url,
    'deployment-id': d.id,
    'inspector-url': d.inspectorUrl ?? undefined,
    'ready-state': d.readyState,
    'previous-deployment-id': previousId,
  };
}
