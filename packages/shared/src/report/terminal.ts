import { redact } from '../secrets.js';
import { formatDuration } from './markdown.js';
import type { CheckStatus, Report } from './model.js';

const LABEL: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };
const COLOUR: Record<CheckStatus, number> = { pass: 32, warn: 33, fail: 31, skip: 90 };

/** The report for a person at a terminal (the local CLI). */
export function renderTerminal(report: Report, colour = false): string {
  const paint = (status: CheckStatus, text: string) => (colour ? `\u001b[${COLOUR[status]}m${text}\u001b[0m` : text);
  const lines = [`${report.title}`, ''];
  if (report.skippedReason) lines.push(`Skipped: ${report.skippedReason}`);
  for (const check of report.checks) {
    const time = check.durationMs === undefined ? '' : ` (${formatDuration(check.durationMs)})`;
    lines.push(`  ${paint(check.status, LABEL[check.status])}  ${check.title}${time}${check.summary ? ` — ${check.summary}` : ''}`);
    if (check.detail && check.status === 'fail') lines.push(...check.detail.split('\n').map((l) => `        ${l}`));
  }
  const findings = report.sortedFindings();
  if (findings.length > 0) lines.push('');
  for (const f of findings) {
    const place = f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}  ` : '';
    lines.push(`  ${f.severity.padEnd(7)} ${place}${f.message}  [${f.rule}]`);
  }
  for (const note of report.notes) lines.push('', note);
  lines.push('', `${report.errors} error(s), ${report.warnings} warning(s)`);
  return redact(lines.join('\n'));
}
