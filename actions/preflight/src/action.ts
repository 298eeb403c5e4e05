import { posix, relative, sep } from 'node:path';
import type { ActionContext, ActionDefinition, ActionResult } from '../../../packages/shared/src/run.js';
import type { Report } from '../../../packages/shared/src/report/model.js';
import { auditDependencies, auditTitle } from './audit/check.js';
import { publishReportCheckRun } from './check-run.js';
import type { CheckId, CheckWithFindings } from './checks.js';
import { runProjectCommands } from './commands.js';
import { checkEnvFiles } from './env-files.js';
import { gitPrefix } from './git.js';
import { preflightInputs, type PreflightInputs } from './inputs.js';
import { decideOutcome } from './outcome.js';
import { readProject } from './project.js';
import { scanSources } from './scan-check.js';
import { resolveSettings, type Settings } from './settings.js';

type Context = ActionContext<PreflightInputs>;

/**
 * preflight: the pre-deployment gate. Runs the project's lint, type-check, build and test
 * scripts, scans the tracked sources for leftovers and secrets, audits dependencies and
 * checks env files, then reports on the pull request (check run, sticky comment, summary).
 */
async function main({ inputs, report, run, log, local }: Context): Promise<ActionResult> {
  const settings = await resolveSettings(inputs, run.workspace);
  const project = readProject(settings.workdir, settings.workspace);
  const prefix = (await gitPrefix(settings.workdir)) ?? workspacePrefix(settings);
  log.info(`Package manager: ${project.manager}${project.yarnBerry ? ' (berry)' : ''}, ${project.lockfile ? `lockfile ${project.lockfile}` : 'no lockfile'}.`);

  await runProjectCommands(project, settings, report, log);
  const checks: [CheckId, string, () => Promise<CheckWithFindings>][] = [
    ['scan', 'Source and secret scan', () => scanSources(settings)],
    ['audit', auditTitle(project, settings), () => auditDependencies(project, settings)],
    ['env-files', 'Env files', () => checkEnvFiles(settings.workdir, settings.envFilesAllow)],
  ];
  for (const [id, title, fn] of checks) {
    if (settings.checks.includes(id)) await runCheck(report, settings, prefix, id, title, fn);
  }

  const outcome = decideOutcome(report, settings.failOn);
  const annotationsPublished = !local && (await publishReportCheckRun(report, run, { name: settings.checkName, token: settings.token, conclusion: outcome.conclusion }, log));
  return { outputs: { status: outcome.status, errors: report.errors, warnings: report.warnings }, failed: outcome.failed, annotationsPublished };
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

/** Outside git, paths are made relative to the workspace instead. */
function workspacePrefix(settings: Settings): string {
  const path = relative(settings.workspace, settings.workdir).split(sep).join('/');
  return path ? `${path}/` : '';
}

export const preflightAction = {
  name: 'preflight',
  title: 'Preflight',
  inputs: preflightInputs,
  main,
  prComment: true,
  jsonReport: true,
} satisfies ActionDefinition<typeof preflightInputs>;
