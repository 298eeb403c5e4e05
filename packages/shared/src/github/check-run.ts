import type { Finding } from '../report/model.js';
import { redact } from '../secrets.js';
import type { GitHubClient } from './client.js';

/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATION_BATCH = 50;
/** The Checks API rejects output summaries longer than 65535 characters (a last guard: the renderer keeps below). */
const MAX_SUMMARY = 65_535;

export interface CheckRunInput {
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral' | 'skipped';
  title: string;
  summary: string;
  findings: Finding[];
  detailsUrl?: string;
}

type Annotation = {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title: string;
};

/** Findings with a file become annotations; the Checks API needs a line, so line 1 stands in. */
export function toAnnotations(findings: Finding[]): Annotation[] {
  return findings
    .filter((f) => f.file)
    .map((f) => {
      const line = f.line ?? 1;
      const sameLine = (f.endLine ?? line) === line;
      return {
        path: f.file!,
        start_line: line,
        end_line: f.endLine ?? line,
        ...(sameLine && f.column ? { start_column: f.column, end_column: f.endColumn ?? f.column } : {}),
        annotation_level: f.severity === 'error' ? 'failure' : f.severity,
        message: redact(f.message),
        title: f.rule,
      };
    });
}

/** Creates a completed check run; annotations past the first 50 are added by updates. Returns its URL. */
export async function publishCheckRun(octokit: GitHubClient, input: CheckRunInput): Promise<string> {
  const annotations = toAnnotations(input.findings);
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATION_BATCH) batches.push(annotations.slice(i, i + ANNOTATION_BATCH));
  const output = (batch: Annotation[] = []) => ({
    title: redact(input.title),
    summary: redact(input.summary).slice(0, MAX_SUMMARY),
    annotations: batch,
  });
  const created = await octokit.rest.checks.create({
    owner: input.owner,
    repo: input.repo,
    name: input.name,
    head_sha: input.headSha,
    status: 'completed',
    conclusion: input.conclusion,
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    output: output(batches[0]),
  });
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ owner: input.owner, repo: input.repo, check_run_id: created.data.id, output: output(batch) });
  }
  return created.data.html_url ?? '';
}
