/**
 * One model of an action's run: checks (pass / warn / fail / skip) and findings
 * (a problem at a place in a file). Every renderer — job summary, annotations,
 * check run, sticky comment, JSON file, terminal — reads this and nothing else.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';
export type Severity = 'error' | 'warning' | 'notice';

/**
 * A measured figure shown at a glance (a gauge in the Markdown report): a Lighthouse score, an
 * endpoint's p95 latency. `limit` is the threshold the check judged it against.
 */
export interface Metric {
  label: string;
  value: number;
  unit: 'score' | 'ms';
  /** Scores must reach the limit; latencies must stay within it. */
  limit?: number;
}

export interface Check {
  /** Short stable id, e.g. `lint`, `headers`, `tls`. */
  id: string;
  /** What a person reads, e.g. "Lint (npm run lint)". */
  title: string;
  status: CheckStatus;
  /** Milliseconds the check took, when it measured itself. */
  durationMs?: number;
  /** One or two lines: what was expected and what came back. */
  summary?: string;
  /** Longer text (e.g. the last lines of a failed command's output). */
  detail?: string;
  /** Figures worth a glance, e.g. Lighthouse scores or a latency p95. */
  metrics?: Metric[];
}

export interface Finding {
  severity: Severity;
  /** Rule id, e.g. `console`, `secret/aws-access-key`. */
  rule: string;
  message: string;
  /** Path relative to the repository root, with forward slashes. */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The id of the check that found it; that check's own status is then not counted again. */
  check?: string;
}

/** What a check function returns; `timed` adds the id, title and duration. */
export type CheckOutcome = Omit<Check, 'id' | 'title' | 'durationMs'>;

/**
 * Runs `fn` as a check, timing it; a thrown error becomes a failed check. Not added to a report:
 * checks that run concurrently are added afterwards in a fixed order.
 */
export async function timed(id: string, title: string, fn: () => Promise<CheckOutcome>): Promise<Check> {
  const started = performance.now();
  let outcome: CheckOutcome;
  try {
    outcome = await fn();
  } catch (error) {
    outcome = { status: 'fail', summary: error instanceof Error ? error.message : String(error) };
  }
  return { id, title, ...outcome, durationMs: Math.round(performance.now() - started) };
}

export type RunStatus = 'success' | 'failure' | 'skipped';

const STATUS_RANK: Record<CheckStatus, number> = { fail: 3, warn: 2, pass: 1, skip: 0 };
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, notice: 1 };

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}

export class Report {
  readonly checks: Check[] = [];
  readonly findings: Finding[] = [];
  /** Free text sections appended to the summary, e.g. a plan or a link list. */
  readonly notes: string[] = [];
  /** Set when the whole action was skipped (e.g. a fork PR without secrets). */
  skippedReason?: string;

  constructor(
    readonly action: string,
    readonly title: string,
  ) {}

  addCheck(check: Check): Check {
    this.checks.push(check);
    return check;
  }

  addFinding(finding: Finding): void {
    this.findings.push(finding);
  }

  addNote(markdown: string): void {
    this.notes.push(markdown);
  }

  /** Runs `fn` as a check, timing it, and adds it; a thrown error becomes a failed check. */
  async timeCheck(id: string, title: string, fn: () => Promise<CheckOutcome>): Promise<Check> {
    return this.addCheck(await timed(id, title, fn));
  }

  count(severity: Severity): number {
    return this.findings.filter((f) => f.severity === severity).length;
  }

  /**
   * Errors: error findings, plus failed checks that have no error findings of their own (a check
   * that failed because of its 60 error findings is those 60 problems, not 61; one that failed on
   * warnings alone is still an error, so a failed report never says "0 errors"). Warnings likewise.
   */
  get errors(): number {
    return this.count('error') + this.checksCounted('fail', 'error');
  }

  get warnings(): number {
    return this.count('warning') + this.checksCounted('warn', 'warning');
  }

  private checksCounted(status: CheckStatus, severity: Severity): number {
    const withFindings = new Set(this.findings.filter((f) => f.severity === severity).map((f) => f.check));
    return this.checks.filter((c) => c.status === status && !withFindings.has(c.id)).length;
  }

  /** The worst check status, `skip` when there is nothing. */
  worstStatus(): CheckStatus {
    return this.checks.reduce<CheckStatus>(
      (worst, c) => (STATUS_RANK[c.status] > STATUS_RANK[worst] ? c.status : worst),
      'skip',
    );
  }

  /** Findings most severe first, then by file and line, so truncation keeps what matters. */
  sortedFindings(): Finding[] {
    return [...this.findings].sort(
      (a, b) =>
        compareSeverity(a.severity, b.severity) ||
        (a.file ?? '').localeCompare(b.file ?? '') ||
        (a.line ?? 0) - (b.line ?? 0),
    );
  }
}
