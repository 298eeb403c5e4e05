import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { condition, interpolateText, type ExpressionContext } from './expressions.js';
import { spawnProgram } from './dist.js';
import { parseOutputFile } from './runner.js';

/**
 * Runs deploy-kit's own reusable workflows (.github/workflows/*.yml) and the all-in-one composite
 * action.yml here, the way the runner does, since `act` needs a Docker engine this machine lacks:
 * jobs in `needs` order with their `if:`, steps with `if:` and status functions, `run:` steps in
 * `bash --noprofile --norc -eo pipefail`, `uses: ./.deploy-kit/<action>` resolved to this checkout
 * (node24 actions: `node <main>` with INPUT_* from `with:` and the action.yml defaults; composite
 * actions: their steps, recursively), a GITHUB_OUTPUT file per step, expressions evaluated by
 * expressions.ts. Actions from elsewhere (actions/checkout, setup-node, pnpm/action-setup, …) are
 * not run: they are recorded with their evaluated `with:` (upload-artifact's paths, cache keys)
 * for the test to assert on.
 */
export interface StepRecord {
  job: string;
  id: string;
  name: string;
  /** The deploy-kit action the step ran (its folder), when it ran one. */
  action?: string;
  uses?: string;
  with: Record<string, string>;
  outcome: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  /** The repository under test (GITHUB_WORKSPACE). */
  workspace: string;
  /** This deploy-kit checkout: what `./.deploy-kit/…` and the composite's GITHUB_ACTION_PATH resolve to. */
  root: string;
  eventName: string;
  event: Record<string, unknown>;
  /** github context values: repository, sha, ref, ref_name, head_ref, actor, token, … */
  github: Record<string, string>;
  inputs?: Record<string, unknown>;
  secrets?: Record<string, string>;
  /** Added to every step's environment (emulator URLs, OIDC request variables, poll intervals). */
  env?: Record<string, string>;
  runnerTemp?: string;
  onStep?: (event: { phase: 'start' | 'end'; step: StepRecord }) => void;
}

export interface JobResult {
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  steps: StepRecord[];
  summary: string;
}

export interface WorkflowResult {
  jobs: Record<string, JobResult>;
  outputs: Record<string, string>;
  steps: StepRecord[];
  summary: string;
}

interface StepSpec {
  id?: string;
  name?: string;
  if?: unknown;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  run?: string;
  shell?: string;
}

interface Scope {
  job: string;
  options: RunOptions;
  contexts: Record<string, unknown>;
  summaryParts: string[];
  records: StepRecord[];
  env: Record<string, string>;
}

const DEPLOY_KIT_CHECKOUT = './.deploy-kit/';

function readYaml(path: string): Record<string, unknown> {
  return parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

async function baseEnv(options: RunOptions, temp: string): Promise<Record<string, string>> {
  const eventPath = join(temp, 'event.json');
  await writeFile(eventPath, JSON.stringify(options.event));
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_REPOSITORY: options.github['repository'] ?? '',
    GITHUB_SHA: options.github['sha'] ?? '',
    GITHUB_REF: options.github['ref'] ?? '',
    GITHUB_HEAD_REF: options.github['head_ref'] ?? '',
    GITHUB_ACTOR: options.github['actor'] ?? 'octocat',
    GITHUB_RUN_ID: options.github['run_id'] ?? '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    ...options.env,
  };
}

function githubContext(options: RunOptions, extra: Record<string, string> = {}): Record<string, unknown> {
  return { event_name: options.eventName, event: options.event, run_attempt: '1', workspace: options.workspace, ...options.github, ...extra };
}

function exprContext(scope: Scope, failed: boolean): ExpressionContext {
  return { contexts: scope.contexts, failed, workspace: scope.options.workspace };
}

/** Runs one step list (a job's or a composite action's); returns whether any step failed. */
async function runSteps(steps: StepSpec[], scope: Scope): Promise<boolean> {
  let failed = false;
  const stepsContext: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> = {};
  scope.contexts['steps'] = stepsContext;
  for (const [index, spec] of steps.entries()) {
    const id = spec.id ?? `__step${index}`;
    const action = spec.uses?.startsWith(DEPLOY_KIT_CHECKOUT) ? spec.uses.slice(DEPLOY_KIT_CHECKOUT.length) : undefined;
    const record: StepRecord = { job: scope.job, id, name: spec.name ?? spec.uses ?? id, uses: spec.uses, action, with: {}, outcome: 'skipped', outputs: {}, stdout: '', stderr: '', durationMs: 0 };
    const ctx = exprContext(scope, failed);
    if (!condition(spec.if, ctx)) {
      stepsContext[id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      scope.records.push(record);
      continue;
    }
    scope.options.onStep?.({ phase: 'start', step: record });
    const started = performance.now();
    const env = { ...scope.env, ...mapValues(spec.env ?? {}, (v) => interpolateText(v, ctx)) };
    if (spec.run !== undefined) await runScript(interpolateText(spec.run, ctx), env, scope, record);
    else await runUses(spec, ctx, env, scope, record);
    record.durationMs = Math.round(performance.now() - started);
    if (record.outcome === 'failure') failed = true;
    stepsContext[id] = { outcome: record.outcome, conclusion: record.outcome, outputs: record.outputs };
    scope.records.push(record);
    scope.options.onStep?.({ phase: 'end', step: record });
  }
  return failed;
}

function mapValues<T, U>(record: Record<string, T>, fn: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

async function stepFiles(scope: Scope): Promise<{ output: string; summary: string }> {
  const dir = await mkdtemp(join(String(scope.env['RUNNER_TEMP']), '_step-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') };
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, '')]);
  return files;
}

async function finishStep(exitCode: number, files: { output: string; summary: string }, scope: Scope, record: StepRecord): Promise<void> {
  const [output, summary] = await Promise.all([readFile(files.output, 'utf8'), readFile(files.summary, 'utf8')]);
  record.outputs = { ...record.outputs, ...parseOutputFile(output), ...simpleOutputs(output) };
  if (summary) scope.summaryParts.push(summary);
  record.outcome = exitCode === 0 ? 'success' : 'failure';
}

/** `name=value` lines of GITHUB_OUTPUT (what `echo "x=y" >> $GITHUB_OUTPUT` writes). */
function simpleOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  let inBlock: string | undefined;
  for (const line of text.split('\n')) {
    if (inBlock !== undefined) {
      if (line === inBlock) inBlock = undefined;
      continue;
    }
    const block = /^[^<=]+<<(.+)$/.exec(line);
    if (block) inBlock = block[1];
    else if (/^[^=]+=/.test(line)) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

async function runScript(script: string, env: Record<string, string>, scope: Scope, record: StepRecord): Promise<void> {
  const files = await stepFiles(scope);
  const result = await spawnProgram('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { ...env, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary }, scope.options.workspace);
  record.stdout = result.stdout;
  record.stderr = result.stderr;
  await finishStep(result.exitCode, files, scope, record);
}

async function runUses(spec: StepSpec, ctx: ExpressionContext, env: Record<string, string>, scope: Scope, record: StepRecord): Promise<void> {
  const uses = spec.uses ?? '';
  record.with = mapValues(spec.with ?? {}, (v) => interpolateText(v, ctx));
  if (!uses.startsWith(DEPLOY_KIT_CHECKOUT)) {
    // Another publisher's action: not run here, recorded with its inputs.
    record.outcome = 'success';
    return;
  }
  const dir = resolve(scope.options.root, uses.slice(DEPLOY_KIT_CHECKOUT.length));
  if (!existsSync(join(dir, 'action.yml'))) {
    // As the runner: "Can't find 'action.yml' … under …".
    record.stderr = `Can't find 'action.yml' under '${dir}'. Did you forget to run actions/checkout before running your local action?`;
    record.outcome = 'failure';
    return;
  }
  const meta = readYaml(join(dir, 'action.yml'));
  const declared = (meta['inputs'] ?? {}) as Record<string, { default?: unknown }>;
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) inputs[name] = record.with[name] ?? interpolateText(input.default ?? '', ctx);
  const runs = meta['runs'] as { using: string; main?: string; steps?: StepSpec[] };
  if (runs.using === 'composite') {
    await runCompositeSteps(dir, meta, inputs, scope, record);
    return;
  }
  const files = await stepFiles(scope);
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
  const result = await spawnProgram(process.execPath, [join(dir, runs.main!)], { ...env, ...inputEnv, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary }, scope.options.workspace);
  record.stdout = result.stdout;
  record.stderr = result.stderr;
  await finishStep(result.exitCode, files, scope, record);
}

async function runCompositeSteps(dir: string, meta: Record<string, unknown>, inputs: Record<string, string>, parent: Scope, record: StepRecord): Promise<void> {
  const scope: Scope = {
    ...parent,
    contexts: { ...parent.contexts, inputs, github: githubContext(parent.options, { action_path: dir }) },
    env: { ...parent.env, GITHUB_ACTION_PATH: dir },
    records: [],
  };
  const runs = meta['runs'] as { steps: StepSpec[] };
  const failed = await runSteps(runs.steps, scope);
  const outputs = (meta['outputs'] ?? {}) as Record<string, { value?: unknown }>;
  record.outputs = mapValues(outputs, (o) => interpolateText(o.value ?? '', exprContext(scope, failed)));
  record.stdout = scope.records.map((r) => r.stdout).join('');
  record.stderr = scope.records.map((r) => r.stderr).join('');
  parent.records.push(...scope.records);
  record.outcome = failed ? 'failure' : 'success';
}

async function newScope(job: string, options: RunOptions, contexts: Record<string, unknown>): Promise<Scope> {
  const temp = options.runnerTemp ?? (await mkdtemp(join(tmpdir(), 'deploy-kit-runner-')));
  await mkdir(temp, { recursive: true });
  return { job, options, contexts, summaryParts: [], records: [], env: await baseEnv(options, temp) };
}

/** Runs the composite action at `actionPath` (e.g. the root action.yml) as one step of a job. */
export async function runComposite(actionPath: string, options: RunOptions): Promise<JobResult & { stepOutputs: Record<string, string> }> {
  const meta = readYaml(actionPath);
  const declared = (meta['inputs'] ?? {}) as Record<string, { default?: unknown }>;
  const scope = await newScope('composite', options, { github: githubContext(options), runner: { os: 'Linux', temp: '' }, secrets: options.secrets ?? {} });
  (scope.contexts['runner'] as Record<string, string>)['temp'] = String(scope.env['RUNNER_TEMP']);
  const ctx = exprContext(scope, false);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) inputs[name] = options.inputs?.[name] !== undefined ? String(options.inputs[name]) : interpolateText(input.default ?? '', ctx);
  const record: StepRecord = { job: 'composite', id: 'chain', name: String(meta['name']), with: inputs, outcome: 'skipped', outputs: {}, stdout: '', stderr: '', durationMs: 0 };
  await runCompositeSteps(dirname(actionPath), meta, inputs, scope, record);
  return { result: record.outcome, outputs: record.outputs, stepOutputs: record.outputs, steps: scope.records, summary: scope.summaryParts.join('\n') };
}

interface JobSpec {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  outputs?: Record<string, unknown>;
  steps: StepSpec[];
  concurrency?: { group?: string } | string;
  permissions?: Record<string, string>;
}

/** The `on.workflow_call.inputs` of a reusable workflow with the caller's values over the defaults, typed. */
export function callInputs(workflow: Record<string, unknown>, given: Record<string, unknown> = {}): Record<string, unknown> {
  const declared = ((workflow['on'] as Record<string, { inputs?: Record<string, { default?: unknown; type?: string; required?: boolean }> }>)['workflow_call']?.inputs ?? {});
  const unknown = Object.keys(given).filter((k) => !(k in declared));
  if (unknown.length > 0) throw new Error(`The workflow declares no input ${unknown.join(', ')}`);
  return Object.fromEntries(Object.entries(declared).map(([name, spec]) => {
    if (spec.required && given[name] === undefined) throw new Error(`The workflow's input ${name} is required`);
    return [name, given[name] ?? spec.default ?? (spec.type === 'boolean' ? false : spec.type === 'number' ? 0 : '')];
  }));
}

/** Runs a reusable workflow's jobs in `needs` order, as a caller's `uses:` would. */
export async function runWorkflow(workflowPath: string, options: RunOptions): Promise<WorkflowResult & { concurrency: Record<string, string> }> {
  const workflow = readYaml(workflowPath);
  const jobs = workflow['jobs'] as Record<string, JobSpec>;
  const inputs = callInputs(workflow, options.inputs);
  const results: Record<string, JobResult> = {};
  const concurrency: Record<string, string> = {};
  const allSteps: StepRecord[] = [];
  const summaries: string[] = [];
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const next = pending.findIndex((id) => needsOf(jobs[id]!).every((n) => n in results));
    if (next < 0) throw new Error(`Jobs ${pending.join(', ')} need jobs that never run`);
    const [id] = pending.splice(next, 1) as [string];
    const job = jobs[id]!;
    const needs = Object.fromEntries(needsOf(job).map((n) => [n, { result: results[n]!.result, outputs: results[n]!.outputs }]));
    const scope = await newScope(id, options, { github: githubContext(options), inputs, secrets: options.secrets ?? {}, needs, runner: { os: 'Linux' } });
    (scope.contexts['runner'] as Record<string, string>)['temp'] = String(scope.env['RUNNER_TEMP']);
    const needsFailed = Object.values(needs).some((n) => n.result !== 'success');
    const ctx = exprContext(scope, needsFailed);
    if (job.concurrency) concurrency[id] = interpolateText(typeof job.concurrency === 'string' ? job.concurrency : job.concurrency.group, ctx);
    if (!condition(job.if, ctx)) {
      results[id] = { result: 'skipped', outputs: {}, steps: [], summary: '' };
      continue;
    }
    scope.contexts['job'] = { status: 'success' };
    const failed = await runStepsWithJobStatus(job.steps, scope);
    const outputs = mapValues(job.outputs ?? {}, (v) => interpolateText(v, exprContext(scope, failed)));
    results[id] = { result: failed ? 'failure' : 'success', outputs, steps: scope.records, summary: scope.summaryParts.join('\n') };
    allSteps.push(...scope.records);
    summaries.push(...scope.summaryParts);
  }
  const call = (workflow['on'] as Record<string, { outputs?: Record<string, { value?: unknown }> }>)['workflow_call'];
  const outCtx: ExpressionContext = { contexts: { jobs: results, inputs, github: githubContext(options) }, failed: false };
  const outputs = mapValues(call?.outputs ?? {}, (o) => interpolateText(o.value ?? '', outCtx));
  return { jobs: results, outputs, steps: allSteps, summary: summaries.join('\n'), concurrency };
}

/** Keeps `job.status` current for steps that read it, as the runner does. */
async function runStepsWithJobStatus(steps: StepSpec[], scope: Scope): Promise<boolean> {
  const job = scope.contexts['job'] as { status: string };
  const records = scope.records;
  const tracking = {
    ...scope,
    options: {
      ...scope.options,
      onStep: (event: { phase: 'start' | 'end'; step: StepRecord }) => {
        if (event.phase === 'end' && event.step.outcome === 'failure') job.status = 'failure';
        scope.options.onStep?.(event);
      },
    },
    records,
  };
  return runSteps(steps, tracking);
}

function needsOf(job: JobSpec): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}
