import * as core from './workflow-commands.js';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, ConfigurationError, SkipError, errorMessage } from './errors.js';
import { githubClient, githubToken, statusOf } from './github/client.js';
import { readRunContext, type RunContext } from './github/context.js';
import { upsertStickySection } from './github/sticky-comment.js';
import { readInputs, runnerInputSource, type InputSource, type InputSpecs, type InputsOf } from './inputs.js';
import { runnerLogger, terminalLogger, type Logger } from './logger.js';
import { emitAnnotations } from './report/annotations.js';
import { writeJsonReport } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { Report, type RunStatus } from './report/model.js';
import { renderTerminal } from './report/terminal.js';
import { redact } from './secrets.js';

export type OutputValue = string | number | boolean | undefined;
export type Outputs = Record<string, OutputValue>;

export interface ActionContext<I> {
  inputs: I;
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
  /** Post the report as this action's section of the sticky PR comment. */
  prComment?: boolean;
  /** Write the JSON report and set the `report-path` output. */
  jsonReport?: boolean;
}

export interface RunOptions {
  local?: boolean;
  source?: InputSource;
  log?: Logger;
  /** Where the local CLI prints the report. */
  print?: (text: string) => void;
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
  const run = readRunContext();
  let result: RunResult;
  let inputs: InputsOf<S> | undefined;
  try {
    inputs = readInputs(def.inputs, options.source ?? runnerInputSource);
    const { outputs = {}, failed, annotationsPublished } = await def.main({ inputs, report, run, log, local });
    result = { status: failed ? 'failure' : 'success', outputs, message: failed, report, annotationsPublished };
  } catch (error) {
    result = { status: 'failure', outputs: {}, message: failureMessage(def.name, error, log), report };
    if (error instanceof SkipError) {
      report.skippedReason = error.message;
      result = { status: 'skipped', outputs: {}, report };
      log.notice(error.message);
    }
  }
  await publish(def, result, run, log, inputs, local, options.print);
  return result;
}

function failureMessage(action: string, error: unknown, log: Logger): string {
  if (error instanceof ConfigurationError || error instanceof ApiError) return error.message;
  if (error instanceof SkipError) return '';
  log.debug(error instanceof Error && error.stack ? error.stack : String(error));
  return (
    `deploy-kit ${action} stopped on an unexpected error: ${errorMessage(error)}\n` +
    'This is a bug in deploy-kit, not in your configuration: please open an issue with this log at https://github.com/deploy-kit/deploy-kit/issues'
  );
}

async function publish<S extends InputSpecs>(
  def: ActionDefinition<S>,
  result: RunResult,
  run: RunContext,
  log: Logger,
  inputs: InputsOf<S> | undefined,
  local: boolean,
  print: (text: string) => void = (t) => process.stdout.write(`${t}\n`),
): Promise<void> {
  const { report } = result;
  if (def.jsonReport) result.outputs['report-path'] = await writeJsonReport(report, result.status, reportPath(def.name));
  if (local) {
    print(renderTerminal(report, process.stdout.isTTY === true));
    for (const [name, value] of Object.entries(result.outputs)) if (value !== undefined) print(redact(`${name}=${value}`));
    if (result.message) print(redact(`\nFailed: ${result.message}`));
    if (result.status === 'failure') process.exitCode = 1;
    return;
  }
  const left = result.annotationsPublished ? 0 : emitAnnotations(report, log);
  if (left > 0) report.addNote(`${left} more finding(s) are listed above; annotations show the first 10 errors and 10 warnings.`);
  const markdown = renderMarkdown(report);
  await writeSummary(markdown, log);
  if (def.prComment) await postComment(def.name, markdown, run, log, inputs);
  for (const [name, value] of Object.entries(result.outputs)) if (value !== undefined) core.setOutput(name, redact(String(value)));
  if (result.status === 'failure') core.setFailed(redact(result.message ?? 'failed'));
}

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

async function postComment(section: string, markdown: string, run: RunContext, log: Logger, inputs: unknown): Promise<void> {
  const token = githubToken((inputs as Record<string, unknown> | undefined)?.['github-token'] as string | undefined);
  if (!run.prNumber || !run.owner || !run.repo || !token) return;
  try {
    await upsertStickySection(await githubClient(token, run.apiUrl), { owner: run.owner, repo: run.repo, issueNumber: run.prNumber }, section, markdown);
  } catch (error) {
    const status = statusOf(error);
    const why = status === 403 || status === 404
      ? 'the token cannot write pull request comments (fork pull requests get a read-only token; grant `pull-requests: write`)'
      : errorMessage(error);
    log.notice(`The pull request comment was not updated: ${why}. The job summary has the full report.`);
  }
}
