import { fromAdvisoriesReport, isAdvisoriesReport } from './formats/advisories.js';
import { fromBulkReport, isBulkReport } from './formats/bulk.js';
import { fromNpmReport, isNpmReport } from './formats/npm.js';
import { fromYarnBerryReport, isYarnBerryReport } from './formats/yarn-berry.js';
import { fromYarnClassicReport, isYarnClassicReport } from './formats/yarn-classic.js';
import { firstLine, fromErrorJson, looksUnreachable } from './failures.js';
import type { AuditOutcome } from './model.js';

/**
 * Reads whatever an audit command printed — npm 7+'s report, the advisories report (pnpm,
 * npm 6), yarn 1's and yarn 2+'s NDJSON, the bulk response (bun), or an error — into one
 * outcome. The exit code is not trusted: npm exits 1 both for vulnerabilities and for an
 * unreachable service, so the output decides.
 */
export interface AuditOutput {
  /** Shown in messages: `npm`, `pnpm`, `yarn`, `bun`. */
  tool: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function parseAuditOutput(output: AuditOutput): AuditOutcome {
  const lines = [...jsonLines(output.stdout), ...jsonLines(output.stderr)];
  if (isYarnClassicReport(lines)) return { kind: 'report', vulnerabilities: fromYarnClassicReport(lines) };
  if (isYarnBerryReport(lines)) return { kind: 'report', vulnerabilities: fromYarnBerryReport(lines) };
  const document = parseJson(output.stdout);
  // A lone yarn message line (`{"type":"info","data":…}`) is NDJSON too, not a report.
  if (document !== undefined && typeof (document as { type?: unknown }).type !== 'string') return fromDocument(document, output);
  return fromText(lines, output);
}

function fromDocument(data: unknown, output: AuditOutput): AuditOutcome {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const failure = fromErrorJson(data as Record<string, unknown>, output.tool);
    if (failure) return failure;
  }
  if (isNpmReport(data)) return { kind: 'report', vulnerabilities: fromNpmReport(data) };
  if (isAdvisoriesReport(data)) return { kind: 'report', vulnerabilities: fromAdvisoriesReport(data, `${output.tool} update`) };
  if (isBulkReport(data)) return { kind: 'report', vulnerabilities: fromBulkReport(data) };
  return unreadable(output);
}

/** No report in the output: an error line, a clean exit with nothing to say, or an unknown output. */
function fromText(lines: unknown[], output: AuditOutput): AuditOutcome {
  const errors = lines
    .filter((l) => (l as { type?: unknown } | null)?.type === 'error')
    .map((l) => String((l as { data?: unknown }).data ?? ''));
  const text = [...errors, output.stderr, output.stdout].join('\n');
  if (looksUnreachable(text)) return { kind: 'unavailable', reason: firstLine(errors[0] ?? unreachableLine(text)) };
  if (output.exitCode === 0 && errors.length === 0) return { kind: 'report', vulnerabilities: [] };
  return unreadable(output);
}

function unreachableLine(text: string): string {
  return text.split(/\r?\n/).find((line) => looksUnreachable(line)) ?? text;
}

function unreadable(output: AuditOutput): AuditOutcome {
  const said = firstLine(output.stderr.split(/\r?\n/).filter((l) => !/^\s*(npm )?warn/i.test(l)).join('\n') || output.stdout);
  return {
    kind: 'error',
    reason: `\`${output.tool} audit\` exited with code ${output.exitCode} without a report deploy-kit can read${said ? `: ${said}` : ''}.`,
  };
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function jsonLines(text: string): unknown[] {
  return text.split(/\r?\n/).flatMap((line) => {
    if (!line.trim().startsWith('{')) return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      return [];
    }
  });
}
