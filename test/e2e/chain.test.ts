import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { parse } from 'yaml';
import { interpolateText } from '../harness/expressions.js';
import { ROOT } from '../harness/dist.js';
import { runComposite, runWorkflow, type StepRecord } from '../harness/workflow.js';
import { startStages, type Stages } from '../harness/stages.js';
import { BAD_COMMIT, breakHealthRoute, DEPLOY_KIT_REPO, DEPLOY_KIT_SHA, GITHUB_TOKEN, GOOD_COMMIT, pullRequestContext, pushContext, startWorld, type World } from '../harness/world.js';

/**
 * The chain as users run it: deploy-kit's reusable deploy workflow and its all-in-one action,
 * run here by the workflow runner of test/harness (act needs Docker, absent here) with the built
 * dist/ entry points, outputs of each step feeding the next, against the emulators and the example
 * app served for real (production behind an HTTPS edge that follows the emulated project).
 */
jest.setTimeout(90_000);

const DEPLOY_WORKFLOW = join(ROOT, '.github', 'workflows', 'deploy.yml');
const ROLLBACK_WORKFLOW = join(ROOT, '.github', 'workflows', 'rollback.yml');
const previousCommit = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

let world: World;
let stages: Stages;
let good: string;
let broken: string;
beforeAll(async () => {
  world = await startWorld();
  stages = await startStages(world);
  good = await world.checkout(GOOD_COMMIT);
  broken = await world.checkout(BAD_COMMIT, breakHealthRoute);
  await Promise.all([world.serve(good, GOOD_COMMIT), world.serve(good, previousCommit), world.serve(broken, BAD_COMMIT)]);
});
afterAll(async () => {
  await stages.close();
  await world.close();
});

/** What the workflow's deploy stages need that the tests give every run. */
function vercelInputs(): Record<string, unknown> {
  return { ...world.deployInputs(), checks: 'lint,scan,env-files', ...stages.inputs };
}

function secrets(): Record<string, string> {
  return { VERCEL_TOKEN: world.vercel.token, SLACK_WEBHOOK_URL: world.slack.webhookUrl, ...stages.secrets };
}

/** The same stages, spelled as the all-in-one action's inputs. */
function compositeStages(): Record<string, string> {
  const { inputs, secrets: given } = stages;
  return {
    'database-url': given['DATABASE_URL'] ?? '',
    'migrate-backup': String(inputs['migrate-backup'] ?? true),
    'sentry-auth-token': given['SENTRY_AUTH_TOKEN'] ?? '',
    'sentry-org': String(inputs['sentry-org'] ?? ''),
    'sentry-projects': String(inputs['sentry-projects'] ?? ''),
    'sentry-url': String(inputs['sentry-url'] ?? 'https://sentry.io'),
  };
}

function step(steps: StepRecord[], job: string, id: string): StepRecord {
  const found = steps.find((s) => s.job === job && s.id === id);
  if (!found) throw new Error(`no step ${job}.${id}`);
  return found;
}

/** Everything a person could see: step logs (less the ::add-mask:: commands the runner consumes) and summaries. */
function shown(steps: StepRecord[], summary: string): string {
  return [...steps.map((s) => `${s.stdout}\n${s.stderr}`), summary].join('\n').split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
}

function expectNoSecret(text: string): void {
  for (const secret of [world.vercel.token, world.slack.webhookUrl.split('/').pop()!, GITHUB_TOKEN]) expect(text).not.toContain(secret);
}

function seedProduction(commit: string): string {
  return world.vercel.seedDeployment({ target: 'production', createdAt: Date.now() - 3_600_000, serving: true, meta: { githubCommitSha: commit } }).id;
}

describe('the reusable deploy workflow', () => {
  it('deploys a preview of a pull request, smoke-tests it and puts its URL in the sticky comment', async () => {
    const previewUrl = await world.edge.preview(GOOD_COMMIT);
    const run = await runWorkflow(DEPLOY_WORKFLOW, {
      workspace: good, root: ROOT, ...pullRequestContext(GOOD_COMMIT, 7), env: world.env, secrets: secrets(),
      inputs: { ...vercelInputs(), environment: 'production', 'smoke-url': previewUrl, 'smoke-paths': '/, /api/health' },
    });

    expect(run.jobs['preflight']!.result).toBe('success');
    expect(run.jobs['deploy']!.result).toBe('success');
    expect(run.outputs['status']).toBe('success');
    // A pull request deploys a preview even when the caller asked for production.
    const deployment = world.vercel.state.deployments.find((d) => d.id === run.outputs['deployment-id'])!;
    expect(deployment.target).toBeNull();
    expect(run.outputs['url']).toMatch(/^https:\/\/.+\.vercel\.app$/);
    const comments = world.github.state.comments.filter((c) => c.issue === 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(run.outputs['url']!.replace(/^https:\/\//, ''));
    expect(run.concurrency['deploy']).toBe('deploy-kit-acme/shop-preview-feature/cart');
    // With a DATABASE_URL, a pull request gets the migration plan and nothing applied.
    expect(step(run.steps, 'deploy', 'migrate').outputs['status']).toBe('planned');
    // The actions ran at the commit the caller pinned (the OIDC token's job_workflow_sha), not a branch.
    for (const job of ['preflight', 'deploy']) {
      const checkout = run.steps.find((s) => s.job === job && s.with['path'] === '.deploy-kit')!;
      expect(checkout.with).toMatchObject({ repository: DEPLOY_KIT_REPO, ref: DEPLOY_KIT_SHA });
    }
    expect(world.oidc.audiences).toContain('deploy-kit');
    // The reports the artifact step uploads exist.
    const upload = step(run.steps, 'deploy', 'reports');
    expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
    const reports = upload.with['path']!.split('\n')[0]!;
    expect(existsSync(join(reports, 'smoke-test-report.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(reports, 'deploy-report.json'), 'utf8'))).toMatchObject({ action: 'deploy', status: 'success' });
    expectNoSecret(shown(run.steps, run.summary));
  });

  it('deploys a push to main to production inside the concurrency group of rollback.yml, and tells Slack', async () => {
    const before = seedProduction(previousCommit);
    const messages = world.slack.messages.length;
    const run = await runWorkflow(DEPLOY_WORKFLOW, {
      workspace: good, root: ROOT, ...pushContext(GOOD_COMMIT), env: world.env, secrets: secrets(),
      inputs: { ...vercelInputs(), environment: 'production' },
    });

    expect(run.outputs['status']).toBe('success');
    expect(world.vercel.project.productionDeploymentId).toBe(run.outputs['deployment-id']);
    expect(step(run.steps, 'deploy', 'deploy').outputs['previous-deployment-id']).toBe(before);
    expect(step(run.steps, 'deploy', 'rollback').outcome).toBe('skipped');
    // With a SENTRY_AUTH_TOKEN, a healthy deploy makes a release of the commit.
    expect(step(run.steps, 'deploy', 'sentry').outputs).toMatchObject({ version: GOOD_COMMIT });
    const rollback = parse(readFileSync(ROLLBACK_WORKFLOW, 'utf8')) as { jobs: { rollback: { concurrency: { group: string; 'cancel-in-progress': boolean } } } };
    const rollbackGroup = interpolateText(rollback.jobs.rollback.concurrency.group, { contexts: { github: { repository: 'acme/shop' } }, failed: false });
    expect(run.concurrency['deploy']).toBe(rollbackGroup);
    expect(world.slack.messages.slice(messages)).toHaveLength(1);
    expect(JSON.stringify(world.slack.messages.at(-1)!.body)).toMatch(/production/i);
    expectNoSecret(shown(run.steps, run.summary));
  });

  it('rolls production back when the smoke test of the new production deployment fails', async () => {
    const before = seedProduction(GOOD_COMMIT);
    const run = await runWorkflow(DEPLOY_WORKFLOW, {
      workspace: broken, root: ROOT, ...pushContext(BAD_COMMIT), env: world.env, secrets: secrets(),
      inputs: { ...vercelInputs(), environment: 'production' },
    });

    expect(step(run.steps, 'deploy', 'deploy').outcome).toBe('success');
    const smoke = step(run.steps, 'deploy', 'smoke');
    expect(smoke.outcome).toBe('failure');
    expect(smoke.stdout).toMatch(/::error::.*\/api\/health/);
    expect(step(run.steps, 'deploy', 'rollback').outputs).toMatchObject({ status: 'rolled-back', 'rolled-back-to': before, 'rolled-back-from': run.outputs['deployment-id'] });
    expect(world.vercel.project.productionDeploymentId).toBe(before);
    expect(run.jobs['deploy']!.result).toBe('failure');
    expect(step(run.steps, 'deploy', 'sentry').outcome).toBe('skipped');
    expect(run.outputs['status']).toBe('rolled-back');
    expect(JSON.stringify(world.slack.messages.at(-1)!.body)).toMatch(/roll/i);
    // Production answers healthy again, from the build that served before.
    const answer = await request(`${world.edge.url}/api/health`, { dispatcher: new Agent({ connect: { ca: world.ca } }) });
    expect(answer.statusCode).toBe(200);
    await answer.body.dump();
    expectNoSecret(shown(run.steps, run.summary));
  });

  it('stops before deploying when a migration fails, and Slack hears it', async () => {
    const withBadMigration = await world.checkout(BAD_COMMIT, async (dir) => {
      await writeFile(join(dir, 'supabase', 'migrations', '20250103000000_add_order_note.sql'), 'alter table public.orderz add column note text;\n');
    });
    const deployments = world.vercel.state.deployments.length;
    const run = await runWorkflow(DEPLOY_WORKFLOW, {
      workspace: withBadMigration, root: ROOT, ...pushContext(BAD_COMMIT), env: world.env, secrets: secrets(),
      inputs: { ...vercelInputs(), environment: 'production' },
    });

    const migrate = step(run.steps, 'deploy', 'migrate');
    expect(migrate.outcome).toBe('failure');
    expect(migrate.stdout).toMatch(/::error::.*20250103000000_add_order_note/);
    expect(step(run.steps, 'deploy', 'deploy').outcome).toBe('skipped');
    expect(world.vercel.state.deployments).toHaveLength(deployments);
    expect(run.outputs['status']).toBe('failure');
    expect(JSON.stringify(world.slack.messages.at(-1)!.body)).toMatch(/fail/i);
    expectNoSecret(shown(run.steps, run.summary));
    expect(shown(run.steps, run.summary)).not.toContain(stages.secrets['DATABASE_URL']!);
  });

  it('tells Slack when preflight stops the deploy (the deploy job never runs)', async () => {
    const committedEnv = await world.checkout(GOOD_COMMIT, (dir) => writeFile(join(dir, '.env.production'), 'API_URL=https://api.example.com\n'));
    const deployments = world.vercel.state.deployments.length;
    const messages = world.slack.messages.length;
    const run = await runWorkflow(DEPLOY_WORKFLOW, {
      workspace: committedEnv, root: ROOT, ...pushContext(GOOD_COMMIT), env: world.env, secrets: secrets(),
      inputs: { ...vercelInputs(), environment: 'production' },
    });

    expect(step(run.steps, 'preflight', 'preflight').outcome).toBe('failure');
    expect(run.jobs['deploy']!.result).toBe('skipped');
    expect(world.vercel.state.deployments).toHaveLength(deployments);
    expect(world.slack.messages.slice(messages)).toHaveLength(1);
    expect(JSON.stringify(world.slack.messages.at(-1)!.body)).toContain('Preflight stopped the deploy');
    expectNoSecret(shown(run.steps, run.summary));
  });

  it('runs preflight only on a pull request from a fork (no secrets), and says so', async () => {
    const deployments = world.vercel.state.deployments.length;
    const messages = world.slack.messages.length;
    const run = await runWorkflow(DEPLOY_WORKFLOW, {
      workspace: good, root: ROOT, ...pullRequestContext(GOOD_COMMIT, 8, true), env: world.env, secrets: {},
      inputs: { ...vercelInputs(), environment: 'preview' },
    });

    expect(run.jobs['preflight']!.result).toBe('success');
    expect(step(run.steps, 'preflight', 'preflight').outcome).toBe('success');
    expect(run.jobs['deploy']!.result).toBe('skipped');
    expect(run.outputs['status']).toBe('skipped');
    expect(run.summary).toContain('from a fork');
    expect(step(run.steps, 'preflight', 'secrets').stdout).toMatch(/::notice::.*preflight only/);
    expect(world.vercel.state.deployments).toHaveLength(deployments);
    expect(world.slack.messages).toHaveLength(messages);
  });
});

describe('the all-in-one action (action.yml)', () => {
  it('runs the chain as one step: a failed production smoke test rolls back and the status says so', async () => {
    const before = seedProduction(GOOD_COMMIT);
    const checkRuns = world.github.state.checkRuns.length;
    const run = await runComposite(join(ROOT, 'action.yml'), {
      workspace: broken, root: ROOT, ...pushContext(BAD_COMMIT), env: world.env,
      inputs: {
        environment: 'production',
        'preflight-checks': 'lint,scan,env-files',
        ...compositeStages(),
        'vercel-token': world.vercel.token,
        ...world.deployInputs(),
        'slack-webhook-url': world.slack.webhookUrl,
      },
    });

    const ran = run.steps.filter((s) => s.outcome !== 'skipped').map((s) => `${s.id}:${s.outcome}`);
    expect(ran).toEqual(['preflight:success', 'secrets:success', 'env-check:success', 'migrate:success', 'deploy:success', 'smoke:failure', 'rollback:success', 'outcome:success', 'slack:success']);
    expect(run.result).toBe('failure');
    expect(run.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back-to': before, 'previous-deployment-id': before });
    expect(world.vercel.project.productionDeploymentId).toBe(before);
    expect(existsSync(join(run.outputs['reports']!, 'rollback-report.json'))).toBe(true);
    // Each stage runs its dist/ entry (no action.yml default): the smoke test too must get github-token.
    const smokeRuns = world.github.state.checkRuns.slice(checkRuns).filter((r) => r.name === 'deploy-kit smoke-test');
    expect(smokeRuns.map((r) => r.conclusion)).toEqual(['failure']);
    expectNoSecret(shown(run.steps, run.summary));
  });

  it('stops after preflight without a Vercel token, with a notice', async () => {
    const deployments = world.vercel.state.deployments.length;
    const run = await runComposite(join(ROOT, 'action.yml'), {
      workspace: good, root: ROOT, ...pullRequestContext(GOOD_COMMIT, 9, true), env: world.env,
      inputs: { 'preflight-checks': 'lint,scan,env-files', 'slack-webhook-url': world.slack.webhookUrl },
    });

    expect(run.result).toBe('success');
    expect(run.outputs['status']).toBe('skipped');
    expect(run.summary).toContain('from a fork');
    expect(step(run.steps, 'composite', 'deploy').outcome).toBe('skipped');
    expect(world.vercel.state.deployments).toHaveLength(deployments);
  });
});

describe('the reusable rollback workflow (examples/rollback-production.yml)', () => {
  it('puts the deployment before the current one back, running the actions at the pinned commit', async () => {
    const before = seedProduction(GOOD_COMMIT);
    const current = world.vercel.seedDeployment({ target: 'production', createdAt: Date.now() - 60_000, serving: true, meta: { githubCommitSha: BAD_COMMIT } }).id;
    const run = await runWorkflow(ROLLBACK_WORKFLOW, {
      workspace: good, root: ROOT, eventName: 'workflow_dispatch', event: { inputs: { reason: 'Checkout is broken' } },
      github: { ...pushContext(GOOD_COMMIT).github }, env: world.env, secrets: { VERCEL_TOKEN: world.vercel.token },
      inputs: { reason: 'Checkout is broken', 'vercel-org-id': world.vercel.teamId, 'vercel-project-id': world.vercel.project.id, 'vercel-api-url': world.vercel.url, url: world.edge.url, paths: '/api/health' },
    });

    expect(run.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back-from': current, 'rolled-back-to': before });
    expect(world.vercel.project.productionDeploymentId).toBe(before);
    expect(run.concurrency['rollback']).toBe('deploy-kit-acme/shop-production');
    expect(step(run.steps, 'rollback', 'deploy-kit-checkout').with).toMatchObject({ repository: DEPLOY_KIT_REPO, ref: DEPLOY_KIT_SHA });
    expect(existsSync(join(step(run.steps, 'rollback', 'reports').with['path']!, 'rollback-report.json'))).toBe(true);
    expect(run.summary).toContain('Checkout is broken');
  });
});
