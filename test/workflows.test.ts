import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { references } from './harness/expressions.js';
import { ROOT } from './harness/dist.js';

/**
 * The wiring of the chain, checked from the files themselves: in the reusable workflows, the
 * all-in-one action.yml and the examples, every deploy-kit action used exists, every `with:` key
 * (or INPUT_* variable of a step running a dist/ entry) is an input it declares, every
 * steps.X.outputs.Y / needs.X.outputs.Y / jobs.X.outputs.Y names an output that step, job or
 * action really has, and every inputs.X / secrets.X is declared. actionlint cannot see any of
 * this: it knows neither our action.yml files nor what a bash step writes to GITHUB_OUTPUT.
 */
interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Meta {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  runs?: { using: string; steps?: Step[] };
}
interface Job {
  needs?: string | string[];
  outputs?: Record<string, unknown>;
  steps?: Step[];
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | string;
  [key: string]: unknown;
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, unknown>; secrets?: Record<string, unknown>; outputs?: Record<string, { value: string }> } | null>;
  jobs: Record<string, Job>;
}

const read = <T>(path: string): T => parse(readFileSync(path, 'utf8')) as T;
const workflowsDir = join(ROOT, '.github', 'workflows');
const examplesDir = join(ROOT, 'examples');
const REUSABLE = ['deploy.yml', 'preflight.yml', 'rollback.yml'];

/** The action.yml of a deploy-kit action by its path in this repository ('' for the all-in-one one). */
function actionMeta(path: string): Meta {
  const file = join(ROOT, path, 'action.yml');
  if (!existsSync(file)) throw new Error(`${path || '.'}/action.yml does not exist`);
  return read<Meta>(file);
}

/** Problems of one step list: `scope` says what inputs.X, secrets.X and needs.X may name. */
function checkSteps(where: string, steps: Step[], scope: { inputs: string[]; secrets?: string[]; needs?: Record<string, string[]> }): string[] {
  const problems: string[] = [];
  const outputsOf = new Map<string, string[]>();
  for (const [index, step] of steps.entries()) {
    const at = `${where} step ${step.id ?? index}`;
    const text = JSON.stringify(step);
    for (const [name] of references(text, 'inputs')) if (!scope.inputs.includes(name!)) problems.push(`${at}: inputs.${name} is not declared`);
    for (const [name] of references(text, 'secrets')) if (scope.secrets && name !== 'GITHUB_TOKEN' && !scope.secrets.includes(name!)) problems.push(`${at}: secrets.${name} is not declared`);
    for (const [job, kind, name] of references(text, 'needs')) {
      if (!scope.needs?.[job!]) problems.push(`${at}: needs.${job} is not a needed job`);
      else if (kind === 'outputs' && !scope.needs[job!]!.includes(name!)) problems.push(`${at}: needs.${job}.outputs.${name} is not an output of job ${job}`);
    }
    for (const [id, kind, name] of references(text, 'steps')) {
      const outputs = outputsOf.get(id!);
      if (!outputs) problems.push(`${at}: steps.${id} is not an earlier step`);
      else if (kind === 'outputs' && !outputs.includes(name!)) problems.push(`${at}: steps.${id}.outputs.${name} is not an output of that step`);
    }
    const { action, outputs, inputsGiven } = whatStepRuns(step);
    if (action !== undefined) {
      try {
        const declared = Object.keys(actionMeta(action).inputs ?? {});
        for (const input of inputsGiven) if (!declared.includes(input)) problems.push(`${at}: '${input}' is not an input of ${action}`);
      } catch (error) {
        problems.push(`${at}: ${(error as Error).message}`);
      }
    }
    if (step.id) outputsOf.set(step.id, outputs);
  }
  return problems;
}

/** The deploy-kit action a step runs (by `uses:` or by running its dist/ entry), the inputs it gives and the outputs it can have. */
function whatStepRuns(step: Step): { action?: string; inputsGiven: string[]; outputs: string[] } {
  const local = /^\.\/\.deploy-kit\/(.+)$/.exec(step.uses ?? '');
  const published = /^OWNER\/deploy-kit(?:\/([^@]+))?@/.exec(step.uses ?? '');
  const dist = /node "\$GITHUB_ACTION_PATH\/dist\/([a-z-]+)\/index\.js"/.exec(step.run ?? '');
  const action = local?.[1] ?? (published ? (published[1] ?? '') : dist?.[1]);
  if (action !== undefined) {
    const inputsGiven = dist ? Object.keys(step.env ?? {}).filter((k) => k.startsWith('INPUT_')).map((k) => k.slice(6).toLowerCase()) : Object.keys(step.with ?? {});
    let outputs: string[] = [];
    try {
      outputs = Object.keys(actionMeta(action).outputs ?? {});
    } catch {
      // Reported by the caller.
    }
    return { action, inputsGiven, outputs };
  }
  // A script step: the `name=` it writes (to GITHUB_OUTPUT), in the step or in the script file it runs.
  const file = /bash "\$GITHUB_ACTION_PATH\/([\w.-]+\.sh)"/.exec(step.run ?? '')?.[1];
  const text = `${step.run ?? ''}\n${file ? readFileSync(join(ROOT, '.github', 'actions', 'setup-node', file), 'utf8') : ''}`;
  return { inputsGiven: [], outputs: [...new Set([...text.matchAll(/(?:^|[\s"'`{;]|\\n)([a-z][a-z0-9-]*)=/gm)].map((m) => m[1]!))] };
}

function checkWorkflow(file: string): string[] {
  const workflow = read<Workflow>(file);
  const call = workflow.on['workflow_call'] ?? undefined;
  const dispatch = workflow.on['workflow_dispatch'] ?? undefined;
  const inputs = Object.keys({ ...call?.inputs, ...dispatch?.inputs });
  const secrets = Object.keys(call?.secrets ?? {});
  const problems: string[] = [];
  const jobOutputs: Record<string, string[]> = Object.fromEntries(Object.entries(workflow.jobs).map(([id, job]) => [id, Object.keys(job.outputs ?? {})]));
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const where = `${relative(ROOT, file)} job ${id}`;
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    const needsScope = Object.fromEntries(needs.map((n) => [n, jobOutputs[n] ?? []]));
    if (job.uses) problems.push(...checkWorkflowCall(where, job));
    const steps = job.steps ?? [];
    problems.push(...checkSteps(where, steps, { inputs, secrets: call ? secrets : undefined, needs: needsScope }));
    // Job-level expressions (if, concurrency, outputs) see needs and the job's steps.
    const { steps: _steps, ...jobLevel } = job;
    const stepIds = new Map(steps.filter((s) => s.id).map((s) => [s.id!, whatStepRuns(s).outputs]));
    for (const [step, kind, name] of references(JSON.stringify(jobLevel), 'steps')) {
      if (!stepIds.has(step!)) problems.push(`${where}: steps.${step} is not a step of the job`);
      else if (kind === 'outputs' && !stepIds.get(step!)!.includes(name!)) problems.push(`${where}: steps.${step}.outputs.${name} is not an output of that step`);
    }
    for (const [job2, kind, name] of references(JSON.stringify(jobLevel), 'needs')) {
      if (!needsScope[job2!]) problems.push(`${where}: needs.${job2} is not a needed job`);
      else if (kind === 'outputs' && !needsScope[job2!]!.includes(name!)) problems.push(`${where}: needs.${job2}.outputs.${name} is not an output`);
    }
  }
  for (const [name, output] of Object.entries(call?.outputs ?? {})) {
    for (const [job, kind, out] of references(output.value, 'jobs')) {
      if (!jobOutputs[job!]) problems.push(`${file}: output ${name}: jobs.${job} is not a job`);
      else if (kind === 'outputs' && !jobOutputs[job!]!.includes(out!)) problems.push(`${file}: output ${name}: jobs.${job}.outputs.${out} is not an output`);
    }
  }
  return problems;
}

/** A job calling one of our reusable workflows: its `with:` and `secrets:` are what that workflow declares. */
function checkWorkflowCall(where: string, job: Job): string[] {
  const match = /^OWNER\/deploy-kit\/\.github\/workflows\/([^@]+)@/.exec(job.uses ?? '');
  if (!match) return [];
  const file = join(workflowsDir, match[1]!);
  if (!existsSync(file)) return [`${where}: ${match[1]} is not a reusable workflow of deploy-kit`];
  const call = read<Workflow>(file).on['workflow_call']!;
  const problems = Object.keys(job.with ?? {}).filter((k) => !(k in (call.inputs ?? {}))).map((k) => `${where}: '${k}' is not an input of ${match[1]}`);
  if (typeof job.secrets === 'object') problems.push(...Object.keys(job.secrets).filter((k) => !(k in (call.secrets ?? {}))).map((k) => `${where}: secret '${k}' is not declared by ${match[1]}`));
  for (const [name, spec] of Object.entries(call.inputs ?? {})) if ((spec as { required?: boolean }).required && !(name in (job.with ?? {}))) problems.push(`${where}: the required input '${name}' of ${match[1]} is missing`);
  return problems;
}

function checkComposite(path: string): string[] {
  const meta = actionMeta(path);
  const where = `${path || '.'}/action.yml`;
  const problems = checkSteps(where, meta.runs?.steps ?? [], { inputs: Object.keys(meta.inputs ?? {}) });
  const ids = new Map((meta.runs?.steps ?? []).filter((s) => s.id).map((s) => [s.id!, whatStepRuns(s).outputs]));
  for (const [name, output] of Object.entries(meta.outputs ?? {})) {
    for (const [id, , out] of references(String((output as { value: string }).value), 'steps')) {
      if (!ids.get(id!)?.includes(out!)) problems.push(`${where}: output ${name}: steps.${id}.outputs.${out} is not an output of that step`);
    }
  }
  return problems;
}

const yamlIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => join(dir, f));

describe('the chain is wired to actions, inputs and outputs that exist', () => {
  it.each([...REUSABLE.map((f) => join(workflowsDir, f)), ...yamlIn(examplesDir)])('%s', (file) => {
    expect(checkWorkflow(file)).toEqual([]);
  });

  it.each(['', '.github/actions/setup-node'])('the composite action %s/action.yml', (path) => {
    expect(checkComposite(path)).toEqual([]);
  });

  it("hands action.yml's github-token to every stage that declares one (a dist/ entry gets no action.yml default)", () => {
    const missing = (actionMeta('').runs?.steps ?? [])
      .map((step) => ({ step, action: whatStepRuns(step).action }))
      .filter(({ action }) => action !== undefined && 'github-token' in (actionMeta(action).inputs ?? {}))
      .filter(({ step }) => step.env?.['INPUT_GITHUB-TOKEN'] !== '${{ inputs.github-token }}')
      .map(({ action }) => action);
    expect(missing).toEqual([]);
  });

  it('runs every stage of the chain, in order, in deploy.yml and in action.yml', () => {
    const chain = ['preflight', 'env-check', 'migrate', 'deploy', 'smoke-test', 'rollback', 'sentry-release', 'slack-notify'];
    const deploy = read<Workflow>(join(workflowsDir, 'deploy.yml'));
    // The preflight job's own Slack message (sent only when preflight stops the deploy) is not a stage of the chain.
    const stages = Object.entries(deploy.jobs).flatMap(([id, job]) => (job.steps ?? []).filter((s) => !(id === 'preflight' && s.id === 'slack')));
    const inWorkflow = stages.map((s) => whatStepRuns(s).action).filter((a): a is string => a !== undefined && !a.startsWith('.github'));
    expect(inWorkflow).toEqual(chain);
    const inAction = (actionMeta('').runs?.steps ?? []).map((s) => whatStepRuns(s).action).filter((a) => a !== undefined);
    expect(inAction).toEqual(chain);
  });

  it('catches a with: key the action does not declare and an output no step sets (the checker can fail)', () => {
    const steps: Step[] = [
      { id: 'deploy', uses: './.deploy-kit/deploy', with: { 'vercel-tokn': 'x' } },
      { id: 'smoke', uses: './.deploy-kit/smoke-test', with: { url: '${{ steps.deploy.outputs.adress }}' } },
      { uses: './.deploy-kit/no-such-action' },
    ];
    expect(checkSteps('t', steps, { inputs: [] })).toEqual([
      "t step deploy: 'vercel-tokn' is not an input of deploy",
      't step smoke: steps.deploy.outputs.adress is not an output of that step',
      't step 2: no-such-action/action.yml does not exist',
    ]);
  });

  it('runs the OIDC lookup of the pinned deploy-kit commit identically in the three reusable workflows', () => {
    const lookups = REUSABLE.map((f) => read<Workflow>(join(workflowsDir, f))).map((w) => Object.values(w.jobs)[0]!.steps!.find((s) => s.id === 'deploy-kit'));
    expect(lookups[0]?.run).toContain('job_workflow_sha');
    expect(lookups[1]).toEqual(lookups[0]);
    expect(lookups[2]).toEqual(lookups[0]);
  });

  it('gives deploy.yml the same preflight job as preflight.yml (besides which secrets it has and the Slack message when preflight fails)', () => {
    const fromDeploy = read<Workflow>(join(workflowsDir, 'deploy.yml')).jobs['preflight']!.steps!.filter((s) => s.id !== 'secrets' && s.id !== 'slack');
    expect(fromDeploy).toEqual(read<Workflow>(join(workflowsDir, 'preflight.yml')).jobs['preflight']!.steps);
  });

  it('holds no expression in a run: script except through env: (untrusted values)', () => {
    const scripts = [...REUSABLE.map((f) => read<Workflow>(join(workflowsDir, f))).flatMap((w) => Object.values(w.jobs).flatMap((j) => j.steps ?? [])), ...(actionMeta('').runs?.steps ?? [])]
      .map((s) => s.run)
      .filter((run): run is string => run !== undefined);
    expect(scripts.length).toBeGreaterThan(5);
    expect(scripts.filter((run) => run.includes('${{'))).toEqual([]);
  });
});
