import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import type { ActionContext, ActionResult } from '../../../packages/shared/src/run.js';
import type { Report } from '../../../packages/shared/src/report/model.js';
import { auditDependencies, auditTitle } from './audit/check.js';
import { publishReportCheckRun } from './check-run.js';
import type { CheckId, CheckWithFindings } from './checks.js';
import { runProjectCommands } from './commands.js';
import { checkEnvFiles } from './env-files.js';
import { commandEnvironment, describeEnvironment } from './environment/index.js';
import { gitPrefix } from './git.js';
import type { PreflightInputs } from './inputs.js';
import { decideOutcome } from './outcome.js';
import { readProject } from './project.js';
import { scanSources } from './scan-check.js';
import { writeSarif, type SarifTool } from './sarif.js';
import { resolveSettings, type Settings } from './settings.js';

type Context = ActionContext<PreflightInputs>;

/**
 * preflight: the pre-deployment gate. Runs the project's lint, type-check, build and test
 * scripts, scans the tracked sources for leftovers and secrets, audits dependencies and
 * checks env files, then reports on the pull request (check run, sticky comment, summary).
 */
export async function preflight({ inputs, config, report, run, log, local }: Context): Promise<ActionResult> {
  const settings = await resolveSettings(inputs, run.workspace, config);
  const project = readProject(settings.workdir, settings.workspace);
  const prefix = (await gitPrefix(settings.workdir)) ?? workspacePrefix(settings);
  log.info(`Package manager: ${project.manager}${project.yarnBerry ? ' (berry)' : ''}, ${project.lockfile ? `lockfile ${project.lockfile}` : 'no lockfile'}.`);

  const environment = await commandEnvironment(settings, log);
  describeEnvironment(environment, report, log);
  await runProjectCommands({ project, settings, report, log, environment });
  const checks: [CheckId, string, () => Promise<CheckWithFindings>][] = [
    ['scan', 'Source and secret scan', () => scanSources(settings, log)],
    ['audit', auditTitle(project, settings), () => auditDependencies(project, settings)],
    ['env-files', 'Env files', () => checkEnvFiles(settings.workdir, settings.envFilesAllow)],
  ];
  for (const [id, title, fn] of checks) {
    if (settings.checks.includes(id)) await runCheck(report, settings, prefix, id, title, fn);
  }

  const sarifPath = settings.checks.includes('scan') ? await writeSarif(sarifFile(), report.sortedFindings(), sarifTool()) : undefined;
  const outcome = decideOutcome(report, settings.failOn);
  const annotationsPublished = !local && (await publishReportCheckRun(report, run, { name: settings.checkName, token: settings.token, conclusion: outcome.conclusion }, log));
  return { outputs: { status: outcome.status, errors: report.errors, warnings: report.warnings, 'sarif-path': sarifPath }, failed: outcome.failed, annotationsPublished };
}

/** Runs one check, adds its findings with repository-relative paths, and holds required checks to running. */
async function runCheck(report: Report, settings: Settings, prefix: string, id: CheckId, title: string, fn: () => Promise<CheckWithFindings>): Promise<void> {
  await report.timeCheck(id, title, async () => {
    const { check, findings } = await fn();
    for (const finding of findings) report.addFinding({ ...finding, check: id, ...(finding.file ? { file: posix.join(prefix, finding.file) } : {}) });
    if (check.status === 'skip' && settings.required.has(id)) {
      return { ...check, status: 'fail', summary: `${check.summary ?? 'Skipped.'} 'required-checks' requires ${id}.` };
    }
    return check;
  });
}

/** Beside the JSON report, where a later upload-sarif step reads it. */
function sarifFile(): string {
  return join(process.env['RUNNER_TEMP'] ?? tmpdir(), 'deploy-kit', 'preflight.sarif');
}

/** The action's repository and ref when the runner says them (GITHUB_ACTION_REPOSITORY / GITHUB_ACTION_REF). */
function sarifTool(): SarifTool {
  const repository = process.env['GITHUB_ACTION_REPOSITORY'];
  const server = process.env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  return {
    name: 'deploy-kit preflight',
    ...(process.env['GITHUB_ACTION_REF'] ? { version: process.env['GITHUB_ACTION_REF'] } : {}),
    ...(repository ? { informationUri: `${server}/${repository}` } : {}),
  };
}

/** Outside git, paths are made relative to the workspace instead. */
function workspacePrefix(settings: Settings): string {
  const path = relative(settings.workspace, settings.workdir).split(sep).join('/');
  return path ? `${path}/` : '';
}
