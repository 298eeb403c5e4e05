import * as core from './workflow-commands.js';
import { appendFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG_PATH, emptyConfig, loadConfig, type LoadedConfig } from './config.js';
import { useDeprecationLogger } from './deprecation.js';
import { ApiError, ConfigurationError, SkipError, errorMessage } from './errors.js';
import { githubClient, githubToken, statusOf } from './github/client.js';
import { readRunContext, sourceLinks, type RunContext } from './github/context.js';
import { publishReportCheckRun } from './github/report-check-run.js';
import { upsertStickySection, type SectionRenderer } from './github/sticky-comment.js';
import { readInputs, runnerInputSource, type InputSource, type InputSpecs, type InputsOf } from './inputs.js';
import { runnerLogger, terminalLogger, type Logger } from './logger.js';
import { emitAnnotations } from './report/annotations.js';
import { writeJsonReport } from './report/json.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from './report/markdown.js';
import { Report, type RunStatus } from './report/model.js';
import { renderTerminal } from './report/terminal.js';
import { redact, registerSecretEnvironment } from './secrets.js';
import { CancelledError, step, withCancellation } from './step.js';

export type OutputValue = string | number | boolean | undefined;
export type Outputs = Record<string, OutputValue>;

export interface ActionContext<I> {
  inputs: I;
  /** The file the `config` input names, read before main runs (empty for actions without that input). */
  config: LoadedConfig;
  report: Report;
  run: RunContext;
  log: Logger;
  /** True when run by the local `deploy-kit` command rather than a runner. */
  local: boolean;
}

export interface ActionResult {
  outputs?: Outputs;
  /** The findings already reached the PR as a check run's annotations: do not repeat them as step annotations. */
  annotationsPublished?: boolean;
  /** Set when the step must fail: one or two lines saying what failed and what to do. */
  failed?: string;
}

export interface ActionDefinition<S extends InputSpecs> {
  /** The folder name and contract name, e.g. `slack-notify`. */
  name: string;
  /** The report's heading, e.g. "Slack notification". */
  title: string;
  inputs: S;
  main(ctx: ActionContext<InputsOf<S>>): Promise<ActionResult>;
  /**
   * The notice of an action that cannot run on a pull request from a fork (which gets no secrets):
   * such a run is skipped with it before the inputs are read, so its required secrets are not asked for.
   */
  skipOnFork?: string;
  /** Post the report as this action's section of the sticky PR comment. */
  prComment?: boolean;
  /** Set the `report-path` output (the JSON report is written for every action, where upload-artifact finds it). */
  jsonReport?: boolean;
  /** Publish the report as a check run of this name (findings as its annotations). */
  checkRun?: string;
  /**
   * SIGINT/SIGTERM cancel the step instead of ending the process: main gets CancelledError from
   * whatever it awaits, cleans up within the grace, and the report says "cancelled".
   */
  cancellable?: boolean;
}

export interface RunOptions {
  local?: boolean;
  source?: InputSource;
  log?: Logger;
  /** Where the local CLI prints the report. */
  print?: (text: string) => void;
  /** Local runs: write the Markdown the job summary and PR comment would get to this file. */
  summaryPath?: string;
}

export interface RunResult {
  status: RunStatus;
  outputs: Outputs;
  message?: string;
  report: Report;
  annotationsPublished?: boolean;
}

/**
 * Every entry point: parse inputs, run, render the report everywhere it belongs, set outputs,
 * and turn errors into a failed step with a message meant for the person reading it.
 */
export async function runAction<S extends InputSpecs>(def: ActionDefinition<S>, options: RunOptions = {}): Promise<RunResult> {
  const local = options.local ?? false;
  const log = options.log ?? (local ? terminalLogger() : runnerLogger);
  const report = new Report(def.name, def.title);
  useDeprecationLogger(log);
  const run = readRunContext();
  let result: RunResult;
  let inputs: InputsOf<S> | undefined;
  step.reset();
  registerSecretEnvironment(process.env);
  try {
    if (def.skipOnFork && run.isForkPullRequest) throw new SkipError(def.skipOnFork);
    const parsed = await readInputs(def.inputs, options.source ?? runnerInputSource);
    inputs = parsed;
    step.begin(stepTimeout(parsed));
    const config = await configOf(parsed, run.workspace);
    const main = () => def.main({ inputs: parsed, config, report, run, log, local });
    const { outputs = {}, failed, annotationsPublished } = await (def.cancellable ? withCancellation(main) : main());
    result = { status: failed ? 'failure' : 'success', outputs, message: failed, report, annotationsPublished };
  } catch (error) {
    result = { status: 'failure', outputs: {}, message: failureMessage(def.name, error, log), report };
    if (error instanceof SkipError) {
      report.skippedReason = error.message;
      result = { status: 'skipped', outputs: {}, report };
      log.notice(error.message);
    }
  }
  if (result.status === 'failure') addFailingRow(report, result.message ?? 'failed');
  await publish(def, result, run, log, inputs, { ...options, local });
  return result;
}

/** The config file when the action has a `config` input: a missing or broken file is an input error before main runs. */
async function configOf(inputs: unknown, workspace: string): Promise<LoadedConfig> {
  const path = (inputs as Record<string, unknown>)['config'];
  return typeof path === 'string' ? loadConfig(path, workspace) : emptyConfig(DEFAULT_CONFIG_PATH);
}

/** The step's `timeout` input, when it has one: the deadline every request and wait keeps to. */
function stepTimeout(inputs: unknown): number | undefined {
  const timeout = (inputs as Record<string, unknown>)['timeout'];
  return typeof timeout === 'number' && timeout > 0 ? timeout : undefined;
}

/**
 * A failed step whose report shows no failing check (an error thrown after the first checks
 * passed) gets one, so the headline, the PR comment and the JSON report say failed too.
 */
function addFailingRow(report: Report, message: string): void {
  const cancelled = step.cancelled;
  if (!cancelled && report.checks.some((c) => c.status === 'fail')) return;
  report.addCheck({ id: cancelled ? 'cancelled' : 'outcome', title: cancelled ? 'Cancelled' : 'Step', status: 'fail', summary: redact(message.split('\n')[0] ?? message) });
}

function failureMessage(action: string, error: unknown, log: Logger): string {
  if (error instanceof ConfigurationError || error instanceof ApiError || error instanceof CancelledError) return error.message;
  if (error instanceof SkipError) return '';
  log.debug(error instanceof Error && error.stack ? error.stack : String(error));
  return `deploy-kit ${action} stopped on an unexpected error: ${errorMessage(error)}\n${bugReportHint()}`;
}

/**
 * Where to report a bug: the issues of the repository the workflow took the action from
 * (GITHUB_ACTION_REPOSITORY, set by the runner for an action from another repository), never
 * a guessed address.
 */
export function bugReportHint(env: NodeJS.ProcessEnv = process.env): string {
  const lead = 'This is a bug in deploy-kit, not in your configuration: please open an issue with this log';
  const repository = env['GITHUB_ACTION_REPOSITORY'];
  if (repository && /^[\w.-]+\/[\w.-]+$/.test(repository)) {
    return `${lead} at ${(env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/$/, '')}/${repository}/issues`;
  }
  return `${lead} in the deploy-kit repository your workflow uses (the OWNER/deploy-kit of its \`uses:\` line).`;
}

async function publish<S extends InputSpecs>(
  def: ActionDefinition<S>,
  result: RunResult,
  run: RunContext,
  log: Logger,
  inputs: InputsOf<S> | undefined,
  options: RunOptions,
): Promise<void> {
  const { report } = result;
  const written = await writeJsonReport(report, result.status, reportPath(def.name));
  const jsonPath = def.jsonReport ? written : undefined;
  if (jsonPath) result.outputs['report-path'] = jsonPath;
  const render = (maxLength?: number) => renderMarkdown(report, { maxLength, reportPath: jsonPath, links: options.local ? undefined : sourceLinks(run) });
  if (options.local) {
    await printLocally(result, render, log, options);
    return;
  }
  const token = githubToken((inputs as Record<string, unknown> | undefined)?.['github-token'] as string | undefined);
  if (def.checkRun && !result.annotationsPublished) {
    const conclusion = result.status === 'failure' ? 'failure' : result.status === 'skipped' ? 'skipped' : 'success';
    result.annotationsPublished = await publishReportCheckRun(report, run, { name: def.checkRun, token, conclusion, reportPath: jsonPath }, log);
  }
  const left = result.annotationsPublished ? 0 : emitAnnotations(report, log);
  if (left > 0) report.addNote(`${left} more finding(s) are listed above; annotations show the first 10 errors and 10 warnings.`);
  await writeSummary(render(), log);
  if (def.prComment) await postComment(def.name, render, run, log, token);
  for (const [name, value] of Object.entries(result.outputs)) if (value !== undefined) core.setOutput(name, redact(String(value)));
  if (result.status === 'failure') core.setFailed(redact(result.message ?? 'failed'));
}

/** The local command: the terminal report, the outputs, and with `--summary` the Markdown a runner would post. */
async function printLocally(result: RunResult, render: (maxLength?: number) => string, log: Logger, options: RunOptions): Promise<void> {
  const print = options.print ?? ((t: string) => process.stdout.write(`${t}\n`));
  print(renderTerminal(result.report, process.stdout.isTTY === true));
  for (const [name, value] of Object.entries(result.outputs)) if (value !== undefined) print(redact(`${name}=${value}`));
  if (options.summaryPath) {
    try {
      await writeFile(options.summaryPath, `${render(GITHUB_COMMENT_LIMIT - 1_000)}\n`);
      log.info(`The job summary and pull request comment section: ${options.summaryPath}`);
    } catch (error) {
      log.warning(`Could not write --summary ${options.summaryPath}: ${errorMessage(error)}`);
    }
  }
  if (result.message) print(redact(`\nFailed: ${result.message}`));
  if (result.status === 'failure') process.exitCode = 1;
}

/** `$RUNNER_TEMP/deploy-kit/<action>-report.json`: one folder for `actions/upload-artifact` to upload. */
function reportPath(action: string): string {
  return join(process.env['RUNNER_TEMP'] ?? tmpdir(), 'deploy-kit', `${action}-report.json`);
}

/** Appended directly: core.summary caches the file path of its first use in the process. */
async function writeSummary(markdown: string, log: Logger): Promise<void> {
  const path = process.env['GITHUB_STEP_SUMMARY'];
  if (!path) return;
  try {
    await appendFile(path, `${markdown}\n`);
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

async function postComment(section: string, render: SectionRenderer, run: RunContext, log: Logger, token: string | undefined): Promise<void> {
  if (!run.prNumber || !run.owner || !run.repo || !token) return;
  try {
    await upsertStickySection(await githubClient(token, run.apiUrl), { owner: run.owner, repo: run.repo, issueNumber: run.prNumber }, section, render);
  } catch (error) {
    const status = statusOf(error);
    const why = status === 403 || status === 404
      ? 'the token cannot write pull request comments (fork pull requests get a read-only token; grant `pull-requests: write`)'
      : errorMessage(error);
    log.notice(`The pull request comment was not updated: ${why}. The job summary has the full report.`);
  }
}
