import { redact } from '../secrets.js';
import { fileUrl, groupFindings, placeText, type FindingGroup, type SourceLinks } from './finding-groups.js';
import { gaugeTable } from './gauges.js';
import type { Check, CheckStatus, Finding, Report } from './model.js';

export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️' };
const SEVERITY_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

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
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r\n?|\n/g, '<br>');
}

/**
 * Text shown as code inside a table cell (a file name, a rule): line breaks, which would end the
 * row, are shown as ⏎; a `|`, which would end the cell, is escaped; a backtick gets a longer fence.
 */
export function codeCell(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, '⏎').replace(/\|/g, '\\|');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

function checkRow(check: Check): string {
  return `| ${STATUS_ICON[check.status]} | ${cell(check.title)} | ${cell(check.summary ?? '')} | ${formatDuration(check.durationMs)} |`;
}

function headline(report: Report): string {
  if (report.skippedReason) return `⏭️ Skipped: ${report.skippedReason}`;
  const status = report.worstStatus();
  const counts = `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`;
  return `${STATUS_ICON[status]} ${counts}`;
}

/** GitHub refuses an issue comment body over 65,536 characters (and a check run summary over 65,535). */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** The job summary takes up to 1 MiB per step; the report stays well below. */
const SUMMARY_LIMIT = 512 * 1024;
/** Findings tables past this many rows stop being read; the rest are counted. */
const MAX_GROUP_ROWS = 50;
/** Places listed in one grouped row; the rest are counted. */
const PLACES_PER_GROUP = 10;
/** Room kept for the closing "N more" line. */
const TAIL_RESERVE = 600;

export interface RenderOptions {
  headingLevel?: number;
  /** The longest Markdown wanted; what does not fit is counted in an explicit "N more" line. */
  maxLength?: number;
  /** Link findings to their file and line at this commit. */
  links?: SourceLinks;
  /** Where the JSON report with every finding was written (the `report-path` output). */
  reportPath?: string;
}

function placeCell(finding: Finding, links: SourceLinks | undefined): string {
  const text = placeText(finding);
  const url = links ? fileUrl(links, finding) : undefined;
  return url ? `[${cell(text)}](${url})` : codeCell(text);
}

function groupRow(group: FindingGroup, links: SourceLinks | undefined): string {
  const placed = group.findings.filter((f) => f.file);
  const shown = placed.slice(0, PLACES_PER_GROUP).map((f) => placeCell(f, links));
  const rest = placed.length - shown.length;
  const places = [...shown, ...(rest > 0 ? [`and ${rest} more`] : [])].join(', ');
  const count = group.findings.length > 1 ? ` (×${group.findings.length})` : '';
  return `| ${SEVERITY_ICON[group.severity]} | ${codeCell(group.rule)} | ${cell(group.message)}${count} | ${places} |`;
}

function detailBlock(check: Check): string[] {
  return [`<details><summary>${cell(check.title)}</summary>`, '', '```', check.detail!.replace(/```/g, "'''"), '```', '</details>', ''];
}

/** Where the whole report is, said so a reader can get it. */
function whereAll(reportPath: string | undefined): string {
  if (!reportPath) return "the step's log has everything.";
  return (
    `the JSON report \`${reportPath}\` has everything (the \`report-path\` output); to download it from the run, ` +
    'add an `actions/upload-artifact` step with `path: ${{ runner.temp }}/deploy-kit/` and `if: always()`.'
  );
}

/** Lines kept while they fit the budget. */
class Budget {
  readonly lines: string[] = [];
  private used = 0;
  constructor(private readonly limit: number) {}

  fits(lines: string[], reserve = 0): boolean {
    return this.used + lines.join('\n').length + 1 + reserve <= this.limit;
  }

  add(lines: string[]): void {
    this.lines.push(...lines);
    this.used += lines.join('\n').length + 1;
  }
}

function addFindings(budget: Budget, report: Report, options: RenderOptions, reserve: number): void {
  const groups = groupFindings(report.sortedFindings());
  if (groups.length === 0) return;
  budget.add(['| | Rule | Message | Where |', '|---|---|---|---|']);
  let shown = 0;
  for (const group of groups) {
    const row = groupRow(group, options.links);
    if (shown >= MAX_GROUP_ROWS || !budget.fits([row], reserve)) break;
    budget.add([row]);
    shown++;
  }
  const hidden = groups.slice(shown);
  if (hidden.length > 0) {
    const findings = hidden.reduce((n, g) => n + g.findings.length, 0);
    budget.add(['', `…and ${findings} more finding(s) in ${hidden.length} more group(s) not shown here: ${whereAll(options.reportPath)}`]);
  }
  budget.add(['']);
}

/**
 * The report as Markdown: for the job summary, the sticky PR comment and the check run. Figures
 * first (gauges), then checks, then findings grouped by rule and message, linked to their lines.
 */
export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
  const h = '#'.repeat(options.headingLevel ?? 2);
  const limit = options.maxLength ?? SUMMARY_LIMIT;
  const budget = new Budget(limit);
  budget.add([`${h} ${report.title}`, '', headline(report), '']);
  budget.add(gaugeTable(report.checks, cell));
  if (report.checks.length > 0) budget.add(['| | Check | Result | Time |', '|---|---|---|---|', ...report.checks.map(checkRow), '']);
  const notes = report.notes.flatMap((n) => [n, '']);
  const reserve = TAIL_RESERVE + notes.join('\n').length;
  let omitted = 0;
  for (const check of report.checks.filter((c) => c.detail && c.status !== 'pass')) {
    const block = detailBlock(check);
    if (budget.fits(block, reserve)) budget.add(block);
    else omitted++;
  }
  addFindings(budget, report, options, reserve);
  if (omitted > 0) budget.add([`The output of ${omitted} more check(s) is left out to stay within GitHub's size limit: ${whereAll(options.reportPath)}`, '']);
  budget.add(notes);
  const text = redact(budget.lines.join('\n'));
  return text.length <= limit ? text : `${text.slice(0, limit - 100)}\n\n…cut here to stay within GitHub's size limit.`;
}
