import { execCommand, lastLines, runScriptCommand, type ExecResult } from '../../../packages/shared/src/exec.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Report } from '../../../packages/shared/src/report/model.js';
import { SCRIPT_CHECKS, type ScriptCheckId } from './checks.js';
import { dependenciesInstalled, projectInstallCommand, type Project } from './project.js';
import { maskSecretsInOutput } from './scan/mask-output.js';
import { chooseScript, SCRIPT_TITLES } from './scripts.js';
import type { Settings } from './settings.js';

/**
 * The project's own commands: an optional frozen-lockfile install, then lint, type-check,
 * build and test through the package manager. Each is a check with its duration; a failure
 * carries the last lines of its output.
 */
const OUTPUT_LINES = 30;

export async function runProjectCommands(project: Project, settings: Settings, report: Report, log: Logger): Promise<void> {
  const scriptChecks = SCRIPT_CHECKS.filter((id) => settings.checks.includes(id));
  if (scriptChecks.length === 0) return;
  const installed = await install(project, settings, report, log);
  for (const id of scriptChecks) {
    if (!installed) {
      report.addCheck({ id, title: SCRIPT_TITLES[id], status: 'skip', summary: 'Not run: installing dependencies failed.' });
      continue;
    }
    await runScriptCheck(project, settings, id, report, log);
  }
}

/** Returns false when an install ran and failed. */
async function install(project: Project, settings: Settings, report: Report, log: Logger): Promise<boolean> {
  if (settings.install === 'false') return true;
  if (settings.install === 'auto' && dependenciesInstalled(project)) {
    log.info('Dependencies are installed already (node_modules exists): install skipped (install: auto).');
    return true;
  }
  const [command, ...args] = projectInstallCommand(project);
  const shown = [command, ...args].join(' ');
  const check = await report.timeCheck('install', `Install dependencies (${shown})`, async () => {
    const result = await runLogged(command!, args, project.root, shown, log);
    if (result.exitCode === 0) return { status: 'pass', summary: project.lockfile ? `Installed from ${project.lockfile}.` : 'Installed (no lockfile).' };
    return failed(shown, result, project.lockfile ? `if ${project.lockfile} is out of date, run \`${installHint(project)}\` locally and commit the lockfile` : 'see its output below');
  });
  return check.status !== 'fail';
}

function installHint(project: Project): string {
  return project.manager === 'npm' ? 'npm install' : `${project.manager} install`;
}

async function runScriptCheck(project: Project, settings: Settings, id: ScriptCheckId, report: Report, log: Logger): Promise<void> {
  const setting = settings.scripts[id];
  const choice = chooseScript(project, id, setting);
  if ('missing' in choice) {
    reportMissing(id, choice, setting.configured || settings.required.has(id), settings, report, log);
    return;
  }
  const [command, ...args] = runScriptCommand(project.manager, choice.script);
  const shown = [command, ...args].join(' ');
  await report.timeCheck(id, `${SCRIPT_TITLES[id]} (${shown})`, async () => {
    const result = await runLogged(command!, args, project.workdir, shown, log);
    if (result.exitCode === 0) return { status: 'pass', summary: `\`${shown}\` passed.` };
    return failed(shown, result, `run \`${shown}\` locally to reproduce`);
  });
}

function reportMissing(
  id: ScriptCheckId,
  choice: { missing: string; fix: string },
  mustRun: boolean,
  settings: Settings,
  report: Report,
  log: Logger,
): void {
  const title = SCRIPT_TITLES[id];
  if (mustRun) {
    const why = settings.required.has(id) ? `'required-checks' requires ${id}` : `the config file names its script`;
    report.addCheck({ id, title, status: 'fail', summary: `${choice.missing}, but ${why}: ${choice.fix}.` });
    return;
  }
  log.notice(`${title} skipped: ${choice.missing}. To run it, ${choice.fix}.`);
  report.addCheck({ id, title, status: 'skip', summary: `Skipped: ${choice.missing}.` });
}

function failed(shown: string, result: ExecResult, next: string): { status: 'fail'; summary: string; detail: string } {
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

/** Runs a command in a log group, its output streamed into the log line by line, secrets masked. */
function runLogged(command: string, args: string[], cwd: string, shown: string, log: Logger): Promise<ExecResult> {
  return log.group(shown, async () => {
    let pending = '';
    const result = await execCommand(command, args, {
      cwd,
      onOutput: (text) => {
        const lines = (pending + text).split(/\r?\n/);
        pending = lines.pop() ?? '';
        for (const line of lines) log.info(maskSecretsInOutput(line));
      },
    });
    if (pending) log.info(maskSecretsInOutput(pending));
    return result;
  });
}
