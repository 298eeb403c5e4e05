import { cleanTerminalOutput, execCommand, lastLines, runScriptCommand, type ExecResult } from '../../../packages/shared/src/exec.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import { timed, type Check, type CheckOutcome, type Report } from '../../../packages/shared/src/report/model.js';
import { SCRIPT_CHECKS, type ScriptCheckId } from './checks.js';
import { describeInstallCause, diagnoseInstall } from './diagnose/install-failure.js';
import { exampleEnvNames, findMissingEnv } from './diagnose/missing-env.js';
import type { CommandEnvironment } from './environment/index.js';
import { dependenciesInstalled, projectInstallCommand, type Project } from './project.js';
import { maskSecretsInOutput } from './scan/mask-output.js';
import { chooseScript, SCRIPT_TITLES } from './scripts.js';
import type { Settings } from './settings.js';

/**
 * The project's own commands: an optional frozen-lockfile install, then lint, type-check and
 * test side by side (each command's output kept in its own log group), then the build alone.
 * Each is a check with its duration; a failure carries the cleaned last lines of its output and,
 * when the output shows it, the cause: missing environment variables, a failed install script,
 * the network or the lockfile.
 */
const OUTPUT_LINES = 30;
/** Checks that read the sources only, so they can run at the same time; the build writes and runs alone. */
const PARALLEL: readonly ScriptCheckId[] = ['lint', 'type-check', 'test'];

export interface CommandContext {
  project: Project;
  settings: Settings;
  report: Report;
  log: Logger;
  environment: CommandEnvironment;
}

export async function runProjectCommands(context: CommandContext): Promise<void> {
  const { settings, report } = context;
  const scriptChecks = SCRIPT_CHECKS.filter((id) => settings.checks.includes(id));
  if (scriptChecks.length === 0) return;
  if (!(await install(context))) {
    for (const id of scriptChecks) report.addCheck({ id, title: SCRIPT_TITLES[id], status: 'skip', summary: 'Not run: installing dependencies failed.' });
    return;
  }
  await runSideBySide(context, scriptChecks.filter((id) => PARALLEL.includes(id)));
  if (scriptChecks.includes('build')) report.addCheck(await runScriptCheck(context, 'build', true));
}

/** Runs the checks at once, adds them in the canonical order, and notes the wall time saved. */
async function runSideBySide(context: CommandContext, ids: ScriptCheckId[]): Promise<void> {
  const started = performance.now();
  const checks = await Promise.all(ids.map((id) => runScriptCheck(context, id, ids.length === 1)));
  const wall = performance.now() - started;
  for (const check of checks) context.report.addCheck(check);
  const ran = checks.filter((c) => c.status !== 'skip' && c.durationMs !== undefined);
  if (ran.length < 2) return;
  const serial = ran.reduce((sum, c) => sum + (c.durationMs ?? 0), 0);
  const names = ran.map((c) => c.title.replace(/ \(.*\)$/, '').toLowerCase());
  context.report.addNote(
    `${names.join(', ')} ran in parallel: ${seconds(wall)} wall time for ${seconds(serial)} of commands, ${seconds(Math.max(0, serial - wall))} saved.`,
  );
  context.log.info(`Parallel ${names.join(', ')}: ${seconds(wall)} wall, ${seconds(serial)} serial.`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Returns false when an install ran and failed. */
async function install({ project, settings, report, log, environment }: CommandContext): Promise<boolean> {
  if (settings.install === 'false') return true;
  if (settings.install === 'auto' && dependenciesInstalled(project)) {
    log.info('Dependencies are installed already (node_modules exists): install skipped (install: auto).');
    return true;
  }
  const [command, ...args] = projectInstallCommand(project);
  const shown = [command, ...args].join(' ');
  const check = await report.timeCheck('install', `Install dependencies (${shown})`, async () => {
    const result = await runCommand(command!, args, project.root, shown, log, environment, true);
    if (result.exitCode === 0) return { status: 'pass', summary: project.lockfile ? `Installed from ${project.lockfile}.` : 'Installed (no lockfile).' };
    const cause = describeInstallCause(diagnoseInstall(cleanTerminalOutput(result.output)), project.lockfile, installHint(project));
    return failed(shown, result, cause);
  });
  return check.status !== 'fail';
}

function installHint(project: Project): string {
  return project.manager === 'npm' ? 'npm install' : `${project.manager} install`;
}

async function runScriptCheck(context: CommandContext, id: ScriptCheckId, stream: boolean): Promise<Check> {
  const { project, settings, log, environment } = context;
  const setting = settings.scripts[id];
  const choice = chooseScript(project, id, setting);
  if ('missing' in choice) return missingCheck(id, choice, setting.configured || settings.required.has(id), settings, log);
  const [command, ...args] = 'script' in choice ? runScriptCommand(project.manager, choice.script) : choice.command;
  const shown = 'script' in choice ? [command, ...args].join(' ') : choice.shown;
  const label = 'script' in choice ? shown : `${shown}: no type-check script, tsconfig.json found`;
  return timed(id, `${SCRIPT_TITLES[id]} (${label})`, async () => {
    const result = await runCommand(command!, args, project.workdir, shown, log, environment, stream);
    if (result.exitCode === 0) return { status: 'pass', summary: `\`${shown}\` passed.` };
    return failed(shown, result, (await missingEnvAdvice(result, project.workdir)) ?? `run \`${shown}\` locally to reproduce`);
  });
}

/** When the output shows missing variables: which ones, and the three ways to pass them. */
async function missingEnvAdvice(result: ExecResult, workdir: string): Promise<string | undefined> {
  const example = await exampleEnvNames(workdir);
  const missing = findMissingEnv(cleanTerminalOutput(result.output), example.names);
  if (!missing) return undefined;
  const listed = example.file ? ` (${example.file} lists the ${example.names.length} variables the app reads)` : '';
  return (
    `it needs environment variables it did not get: ${missing.names.join(', ')} (recognised from ${missing.marks.join(', ')}). ` +
    `Pass them with the env-file input (a dotenv file written from secrets in an earlier step), the step's env:, ` +
    `or pull the Vercel project's variables with vercel-token, vercel-project-id and environment${listed}`
  );
}

function missingCheck(id: ScriptCheckId, choice: { missing: string; fix: string }, mustRun: boolean, settings: Settings, log: Logger): Check {
  const title = SCRIPT_TITLES[id];
  if (mustRun) {
    const why = settings.required.has(id) ? `'required-checks' requires ${id}` : `the config file names its script`;
    return { id, title, status: 'fail', summary: `${choice.missing}, but ${why}: ${choice.fix}.` };
  }
  log.notice(`${title} skipped: ${choice.missing}. To run it, ${choice.fix}.`);
  return { id, title, status: 'skip', summary: `Skipped: ${choice.missing}.` };
}

function failed(shown: string, result: ExecResult, next: string): CheckOutcome {
  return { status: 'fail', summary: failureSummary(shown, result, next), detail: maskSecretsInOutput(lastLines(result.output, OUTPUT_LINES)) };
}

function failureSummary(shown: string, result: ExecResult, next: string): string {
  const program = shown.split(' ')[0]!;
  if (result.notFound) {
    return `${program} is not installed on this runner: add its setup step (actions/setup-node, pnpm/action-setup, oven-sh/setup-bun) before preflight.`;
  }
  if (result.exitCode === 127) {
    return `\`${shown}\` exited with code 127: a program it calls was not found (see its output): make sure it is in devDependencies and that dependencies are installed (install: auto or true).`;
  }
  return `\`${shown}\` exited with code ${result.exitCode}: ${next}.`;
}

/**
 * Runs a command with the project's environment, secrets masked. Streamed into a log group line
 * by line when it runs alone; run beside others, its output is logged in one group when it ends,
 * so no two commands' lines mix.
 */
async function runCommand(command: string, args: string[], cwd: string, shown: string, log: Logger, environment: CommandEnvironment, stream: boolean): Promise<ExecResult> {
  if (!stream) {
    const result = await execCommand(command, args, { cwd, env: environment.env });
    await log.group(`${shown} (exit ${result.exitCode}, ${seconds(result.durationMs)})`, async () => {
      for (const line of cleanTerminalOutput(result.output).split('\n')) if (line) log.info(maskSecretsInOutput(line));
    });
    return result;
  }
  return log.group(shown, async () => {
    let pending = '';
    const result = await execCommand(command, args, {
      cwd,
      env: environment.env,
      onOutput: (text) => {
        const lines = (pending + text).split(/\r?\n/);
        pending = lines.pop() ?? '';
        for (const line of lines) log.info(maskSecretsInOutput(cleanTerminalOutput(line)));
      },
    });
    if (pending) log.info(maskSecretsInOutput(cleanTerminalOutput(pending)));
    return result;
  });
}
