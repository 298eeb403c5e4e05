import { VENDOR, commitShaOf, describeScope, failureReason, vercelClientFor, type Deployment, type Project, type VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { ApiError, ConfigurationError, errorMessage } from '../../../packages/shared/src/errors.js';
import { githubToken } from '../../../packages/shared/src/github/client.js';
import type { ActionContext, ActionResult } from '../../../packages/shared/src/run.js';
import type { SmokeEnvironment, SmokeSection } from '../../../packages/shared/src/smoke/index.js';
import { formatLimit } from '../../../packages/shared/src/duration.js';
import { tuningFromEnv, type Tuning } from '../../../packages/shared/src/tuning.js';
import { GitHubDeploymentRecord } from '../../../packages/shared/src/github/deployment.js';
import { rollbackRecordRequest, rolledBackDescription, type RollbackFacts } from './github-deployment.js';
import type { RollbackInputs } from './inputs.js';
import { productionUrl } from './production-url.js';
import { ENDPOINT, requestPromotion } from './promote.js';
import { promotionFailure } from './promotion-failure.js';
import { addStoppedStory, addStory, describeDeployment, promotionCheck, targetCheck } from './report.js';
import { readSmokeSection, smokeProduction } from './smoke.js';
import { chooseTarget, servingDeployment, type Choice } from './target.js';
import { waitUntilServing } from './wait.js';
import { pinFrom, type Pin } from './pin.js';
import { CancelledError } from '../../../packages/shared/src/step.js';

/**
 * rollback: choose the deployment production goes back to, promote it through the Vercel API
 * (or only say what would happen, with dry-run), wait until production serves it, then run the
 * smoke-test checks against production. The `status` output tells a following step (Slack) what
 * happened, also when the step fails:
 * - rolled-back: production serves the target and the smoke checks pass (or are off);
 * - unchanged: production already served the target; nothing was promoted; the checks pass;
 * - unhealthy: production serves the target but the smoke checks fail;
 * - failed: production was not moved to the target (refused, or the promotion did not complete);
 * - dry-run: nothing was changed.
 */
export type RollbackStatus = 'rolled-back' | 'unchanged' | 'unhealthy' | 'failed' | 'dry-run';

interface Progress {
  from?: string;
  to?: string;
  url?: string;
  /** The Lighthouse HTML report of the smoke checks, when Lighthouse ran. */
  lighthouseReport?: string;
}

export function rollbackMain(environment: SmokeEnvironment) {
  return async function rollback(ctx: ActionContext<RollbackInputs>): Promise<ActionResult> {
    const progress: Progress = {};
    try {
      return await perform(ctx, environment, progress);
    } catch (error) {
      // Refusals and API errors still tell the next step (Slack) that the rollback failed.
      if (error instanceof ConfigurationError || error instanceof ApiError || error instanceof CancelledError) {
        if (ctx.report.notes.length === 0) addStoppedStory(ctx.report, { reason: ctx.inputs.reason, run: ctx.run });
        return { outputs: outputsOf(progress, 'failed'), failed: error.message };
      }
      throw error;
    }
  };
}

/** What one run knows once the target is chosen. */
interface Plan {
  ctx: ActionContext<RollbackInputs>;
  client: VercelClient;
  project: Project;
  choice: Choice;
  /** Production already serves the target. */
  unchanged: boolean;
  progress: Progress;
}

async function perform(ctx: ActionContext<RollbackInputs>, environment: SmokeEnvironment, progress: Progress): Promise<ActionResult> {
  const { inputs, run, log } = ctx;
  const section = inputs['smoke-test'] ? readSmokeSection(ctx.config) : undefined;
  const tuning = tuningFromEnv();
  const client = vercelClientFor({ token: inputs['vercel-token'], orgId: inputs['vercel-org-id'], apiUrl: inputs['api-url'] }, log, tuning);
  const project = await client.getProject(inputs['vercel-project-id']);
  const serving = await servingDeployment(client, project);
  log.info(`Vercel project ${project.name} (${project.id}) of ${describeScope(client.scope)}: production serves ${serving ? describeDeployment(serving) : 'nothing'}.`);
  const pin = await pinFrom(inputs.from, { client, project, serving, run, tokenInput: inputs['github-token'], log });
  progress.from = pin.id;
  if (serving?.id !== pin.id) return productionMoved(ctx, pin, project, serving, progress);
  ctx.report.addCheck({ id: 'from', title: 'From', status: 'pass', summary: `${pin.id ?? 'nothing'}: ${pin.how}` });
  const choice = await choose(ctx, client, project, serving);
  progress.to = choice.target.id;
  const plan: Plan = { ctx, client, project, choice, unchanged: serving?.id === choice.target.id, progress };
  return inputs['dry-run'] ? dryRun(plan) : rollBack(plan, tuning, section, environment);
}

/**
 * Production no longer serves what this run was to roll back from (an earlier run of the same
 * rollback, or a deploy, moved it): acting now would move production a second time, so nothing
 * changes and the step succeeds with status `unchanged`.
 */
function productionMoved(ctx: ActionContext<RollbackInputs>, pin: Pin, project: Project, serving: Deployment | undefined, progress: Progress): ActionResult {
  const now = serving ? serving.id : 'nothing';
  const message = `Production no longer serves ${pin.id ?? 'the deployment it served when this run was dispatched'} (${pin.how}); it serves ${now}. Nothing was changed: roll back again with 'from: ${now}' if that is still wanted.`;
  ctx.log.notice(message);
  ctx.report.addCheck({ id: 'from', title: 'From', status: 'skip', summary: message });
  progress.url = productionUrl(ctx.inputs.url, project, serving);
  return { outputs: outputsOf(progress, 'unchanged') };
}

function dryRun(plan: Plan): ActionResult {
  const { ctx, progress } = plan;
  progress.url = productionUrl(ctx.inputs.url, plan.project, plan.choice.serving, plan.choice.target);
  ctx.log.notice(`Dry run: ${dryRunPlan(plan.choice, ctx.inputs.method, plan.unchanged)} Nothing was changed.`);
  addStory(ctx.report, { choice: plan.choice, reason: ctx.inputs.reason, run: ctx.run, url: progress.url, status: 'dry-run' });
  return { outputs: outputsOf(progress, 'dry-run') };
}

async function rollBack(plan: Plan, tuning: Tuning, section: SmokeSection | undefined, environment: SmokeEnvironment): Promise<ActionResult> {
  const { ctx, choice, progress } = plan;
  const { inputs, run, log, report } = ctx;
  const facts: RollbackFacts = { ref: commitShaOf(choice.target) ?? run.sha, from: choice.serving?.id, to: choice.target.id, reason: inputs.reason, actor: run.actor };
  const record = inputs['github-deployment'] ? await GitHubDeploymentRecord.start(run, githubToken(inputs['github-token']), rollbackRecordRequest(facts), log) : undefined;
  const story = { choice, reason: inputs.reason, run };
  try {
    let current = plan.project;
    if (plan.unchanged) {
      log.notice(`Production already serves ${choice.target.id}: nothing to promote. The smoke checks still run.`);
    } else {
      const promoted = await promote(plan, tuning);
      current = promoted.project;
      if (promoted.failed) {
        progress.url = productionUrl(inputs.url, current, choice.serving);
        addStory(report, { ...story, url: progress.url, status: 'failed' });
        await record?.finish('failure', { logUrl: run.runUrl, description: `Rollback to ${choice.target.id} did not complete` });
        return { outputs: outputsOf(progress, 'failed'), failed: promoted.failed };
      }
    }
    progress.url = productionUrl(inputs.url, current, choice.target, choice.serving);
    const unhealthy = await smokeFailure(ctx, environment, section, progress);
    const status: RollbackStatus = unhealthy ? 'unhealthy' : plan.unchanged ? 'unchanged' : 'rolled-back';
    addStory(report, { ...story, url: progress.url, status });
    await record?.finish(unhealthy ? 'failure' : 'success', {
      environmentUrl: progress.url,
      logUrl: run.runUrl,
      description: unhealthy ? `Production serves ${choice.target.id}, but the smoke checks fail` : rolledBackDescription(facts),
    });
    return { outputs: outputsOf(progress, status), failed: unhealthy ? unhealthyMessage(plan, unhealthy) : undefined };
  } catch (error) {
    await record?.finish('error', { logUrl: run.runUrl, description: `Rollback stopped: ${errorMessage(error)}` });
    throw error;
  }
}

function unhealthyMessage(plan: Plan, smokeFailed: string): string {
  const moved = plan.unchanged ? '' : ` (rolled back from ${plan.choice.serving?.id ?? 'nothing'})`;
  return `Production now serves ${plan.choice.target.id}${moved}, but it is not healthy: ${smokeFailed} Production stays there: roll back further with 'to', or fix forward.`;
}

/** The target, with a failed `Target` check in the summary when it is refused. */
async function choose(ctx: ActionContext<RollbackInputs>, client: VercelClient, project: Project, serving: Deployment | undefined): Promise<Choice> {
  try {
    const choice = await chooseTarget(client, project, serving, ctx.inputs.to);
    ctx.report.addCheck(targetCheck(choice));
    ctx.log.info(`Target: ${describeDeployment(choice.target)}.`);
    return choice;
  } catch (error) {
    if (error instanceof ConfigurationError) ctx.report.addCheck({ id: 'target', title: 'Target', status: 'fail', summary: error.message });
    throw error;
  }
}

async function promote(plan: Plan, tuning: Tuning): Promise<{ project: Project; failed?: string }> {
  const { ctx, client, project } = plan;
  const { inputs, log, report } = ctx;
  const target = plan.choice.target;
  const accepted = await requestPromotion(client, project, target, inputs.method, inputs.reason);
  const request = `${inputs.method === 'promote' ? 'promotion of' : 'Instant Rollback to'} ${target.id}`;
  log.info(`Vercel ${accepted.status === 202 ? 'queued' : 'accepted'} the ${request} (${accepted.status}); waiting up to ${formatLimit(inputs.timeout)} for production to serve it.`);
  const outcome = await waitUntilServing(client, project.id, target.id, { before: project.lastAliasRequest, timeoutMs: inputs.timeout, tuning, log }).catch(
    (error: unknown) => {
      throw lostTrack(error, request);
    },
  );
  const failed = promotionFailure(outcome, target.id, inputs.timeout);
  report.addCheck(promotionCheck(outcome, ENDPOINT[inputs.method], accepted.status, failed));
  return { project: outcome.project, failed };
}

/** Vercel took the request but following it failed: production may still be moving, so say where to look. */
function lostTrack(error: unknown, request: string): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(
    `Vercel accepted the ${request}, but deploy-kit lost track of it: ${failureReason(error)}. ` +
      'It may still complete: check `vercel promote status` or the Deployments page before running the rollback again.',
    VENDOR,
    error.status,
    error.code,
  );
}

/** The smoke suite's failure message, or undefined when production passed (or the checks are off). */
async function smokeFailure(ctx: ActionContext<RollbackInputs>, environment: SmokeEnvironment, section: SmokeSection | undefined, progress: Progress): Promise<string | undefined> {
  if (!section) {
    ctx.report.addCheck({ id: 'smoke', title: 'Smoke checks', status: 'skip', summary: "not run: 'smoke-test' is false" });
    return undefined;
  }
  const outcome = await smokeProduction(progress.url!, ctx.inputs, section, { report: ctx.report, log: ctx.log, environment });
  progress.lighthouseReport = outcome.lighthouseReport;
  return outcome.failed;
}

function dryRunPlan(choice: Choice, method: RollbackInputs['method'], unchanged: boolean): string {
  const target = describeDeployment(choice.target);
  if (unchanged) return `production already serves ${target}; nothing would be promoted.`;
  const replacing = `replacing ${choice.serving?.id ?? 'nothing'}`;
  return method === 'promote' ? `would promote ${target} to production, ${replacing}.` : `would roll production back to ${target} (Instant Rollback), ${replacing}.`;
}

function outputsOf(progress: Progress, status: RollbackStatus): Record<string, string | undefined> {
  return { 'rolled-back-from': progress.from, 'rolled-back-to': progress.to, url: progress.url, status, 'lighthouse-report': progress.lighthouseReport ?? '' };
}
