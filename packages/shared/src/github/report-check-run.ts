import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/model.js';
import { publishCheckRun } from './check-run.js';
import { githubClient, githubToken, statusOf } from './client.js';
import { sourceLinks, type RunContext } from './context.js';

/**
 * The report as a check run on the commit, with every finding as an annotation (50 per
 * request). A token that cannot write checks — a fork pull request's, or one without
 * `checks: write` — gets a notice instead: the step's annotations and the job summary carry
 * the report, and the run goes on.
 */
export interface CheckRunRequest {
  name: string;
  token?: string;
  conclusion: 'success' | 'failure' | 'neutral' | 'skipped';
  /** The JSON report's path, named where the summary leaves findings out. */
  reportPath?: string;
}

/** The Checks API rejects an output summary over 65,535 characters. */
const CHECK_SUMMARY_LIMIT = 65_000;
const FALLBACK = 'The annotations and the job summary have the full report.';

/** Returns true when the check run carries the annotations (so the step need not repeat them). */
export async function publishReportCheckRun(report: Report, run: RunContext, request: CheckRunRequest, log: Logger): Promise<boolean> {
  const token = githubToken(request.token);
  if (!token || !run.owner || !run.repo || !run.sha) {
    log.info(`No check run: ${!token ? 'no GitHub token' : 'no repository or commit in the environment'}.`);
    return false;
  }
  if (run.isForkPullRequest) {
    log.notice(`The check run '${request.name}' was not created: a fork pull request's token cannot write checks. ${FALLBACK}`);
    return false;
  }
  try {
    const url = await publishCheckRun(await githubClient(token, run.apiUrl), {
      owner: run.owner,
      repo: run.repo,
      name: request.name,
      headSha: run.sha,
      conclusion: request.conclusion,
      title: `${report.errors} error(s), ${report.warnings} warning(s)`,
      summary: renderMarkdown(report, { maxLength: CHECK_SUMMARY_LIMIT, links: sourceLinks(run), reportPath: request.reportPath }),
      findings: report.sortedFindings(),
      detailsUrl: run.runUrl,
    });
    log.info(`Check run '${request.name}': ${url}`);
    return true;
  } catch (error) {
    const status = statusOf(error);
    const why =
      status === 403 || status === 404
        ? `the token cannot write checks (HTTP ${status}): grant \`checks: write\` in the workflow's permissions`
        : `the Checks API answered: ${errorMessage(error)}`;
    log.notice(`The check run '${request.name}' was not created: ${why}. ${FALLBACK}`);
    return false;
  }
}
