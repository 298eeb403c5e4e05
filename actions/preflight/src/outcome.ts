import type { Report } from '../../../packages/shared/src/report/model.js';

/** What the step's result is: `fail-on` error fails on errors; warning fails on warnings too. */
export interface Outcome {
  status: 'success' | 'failure';
  /** The check run's conclusion: warnings that do not fail the step show as neutral. */
  conclusion: 'success' | 'failure' | 'neutral';
  /** The step's failure message, when it fails. */
  failed?: string;
}

export function decideOutcome(report: Report, failOn: 'error' | 'warning'): Outcome {
  const fails = report.errors > 0 || (failOn === 'warning' && report.warnings > 0);
  if (!fails) return { status: 'success', conclusion: report.warnings > 0 ? 'neutral' : 'success' };
  return { status: 'failure', conclusion: 'failure', failed: failureMessage(report, failOn) };
}

function failureMessage(report: Report, failOn: 'error' | 'warning'): string {
  const parts: string[] = [];
  const failedChecks = report.checks.filter((c) => c.status === 'fail').map((c) => c.title.replace(/ \(.*\)$/, ''));
  if (failedChecks.length > 0) parts.push(`failed: ${failedChecks.join(', ')}`);
  const errorFindings = report.count('error');
  if (errorFindings > 0) parts.push(`${errorFindings} error finding(s) (${rulesOf(report, 'error')})`);
  if (failOn === 'warning' && report.warnings > 0) parts.push(`${report.warnings} warning(s), and fail-on is warning`);
  return (
    `Preflight did not pass — ${parts.join('; ')}.\n` +
    'The job summary lists each problem with its file, line or command output: fix them, or adjust the policy inputs (audit-level, todo-policy, console-allow, fail-on).'
  );
}

function rulesOf(report: Report, severity: 'error' | 'warning'): string {
  const rules = [...new Set(report.findings.filter((f) => f.severity === severity).map((f) => f.rule))];
  return rules.length > 4 ? `${rules.slice(0, 4).join(', ')}, …` : rules.join(', ');
}
