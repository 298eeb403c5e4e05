import { redact } from '../secrets.js';
import type { Check, CheckStatus, Finding, Report } from './model.js';

export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️' };
const SEVERITY_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;
/** Markdown tables past this many rows stop being read; the JSON report has them all. */
const MAX_FINDING_ROWS = 50;

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Escapes what would break a table cell or start markup. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
}

function checkRow(check: Check): string {
  return `| ${STATUS_ICON[check.status]} | ${cell(check.title)} | ${cell(check.summary ?? '')} | ${formatDuration(check.durationMs)} |`;
}

function findingRow(finding: Finding): string {
  const place = finding.file ? `\`${finding.file}${finding.line ? `:${finding.line}` : ''}\`` : '';
  return `| ${SEVERITY_ICON[finding.severity]} | ${place} | \`${finding.rule}\` | ${cell(finding.message)} |`;
}

function headline(report: Report): string {
  if (report.skippedReason) return `⏭️ Skipped: ${report.skippedReason}`;
  const status = report.worstStatus();
  const counts = `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`;
  return `${STATUS_ICON[status]} ${counts}`;
}

/** The report as Markdown: for the job summary, the sticky PR comment and the check run. */
export function renderMarkdown(report: Report, options: { headingLevel?: number } = {}): string {
  const h = '#'.repeat(options.headingLevel ?? 2);
  const lines = [`${h} ${report.title}`, '', headline(report), ''];
  if (report.checks.length > 0) {
    lines.push('| | Check | Result | Time |', '|---|---|---|---|', ...report.checks.map(checkRow), '');
    for (const check of report.checks.filter((c) => c.detail && c.status !== 'pass')) {
      lines.push(`<details><summary>${cell(check.title)}</summary>`, '', '```', check.detail!.replace(/```/g, "'''"), '```', '</details>', '');
    }
  }
  const findings = report.sortedFindings();
  if (findings.length > 0) {
    lines.push('| | Where | Rule | Message |', '|---|---|---|---|', ...findings.slice(0, MAX_FINDING_ROWS).map(findingRow));
    if (findings.length > MAX_FINDING_ROWS) lines.push('', `…and ${findings.length - MAX_FINDING_ROWS} more in the JSON report.`);
    lines.push('');
  }
  lines.push(...report.notes.flatMap((n) => [n, '']));
  return redact(lines.join('\n'));
}
