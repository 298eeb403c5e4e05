import type { Logger } from '../logger.js';
import type { Finding, Report, Severity } from './model.js';

/** GitHub shows at most 10 of each kind per step; the rest stay in the summary. */
export const ANNOTATIONS_PER_SEVERITY = 10;

/** Emits the most severe findings as annotations; returns how many were left out. */
export function emitAnnotations(report: Report, log: Logger): number {
  const shown: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  let left = 0;
  for (const finding of report.sortedFindings()) {
    if (shown[finding.severity] >= ANNOTATIONS_PER_SEVERITY) {
      left++;
      continue;
    }
    shown[finding.severity]++;
    emit(finding, log);
  }
  return left;
}

function emit(finding: Finding, log: Logger): void {
  const place = { file: finding.file, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, title: finding.rule };
  if (finding.severity === 'error') log.error(finding.message, place);
  else if (finding.severity === 'warning') log.warning(finding.message, place);
  else log.notice(finding.message, place);
}
