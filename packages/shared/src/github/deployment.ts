import { errorMessage } from '../errors.js';
import { redact } from '../secrets.js';
import type { Logger } from '../logger.js';
import { githubClient, statusOf, type GitHubClient } from './client.js';
import type { RunContext } from './context.js';

/**
 * A GitHub Deployment that mirrors a Vercel one (a deploy, a rollback), so pull requests and the
 * repository's Environments page show what serves where: created `in_progress`, then finished
 * `success` with the environment URL, `failure` or `error`
 * (https://docs.github.com/en/rest/deployments/deployments#create-a-deployment,
 * https://docs.github.com/en/rest/deployments/statuses#create-a-deployment-status).
 * Recording it is a courtesy: when GitHub refuses, the step warns why and goes on.
 */
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';
type FinalState = Exclude<DeploymentState, 'in_progress'>;

/** GitHub rejects longer deployment status descriptions (422). */
const MAX_DESCRIPTION = 140;

export interface DeploymentRecordRequest {
  /** The commit the environment runs: this run's, or a rollback target's. */
  ref: string | undefined;
  environment: string;
  production: boolean;
  description: string;
  /** The description of the first, `in_progress` status. */
  progress: string;
  payload?: Record<string, unknown>;
}

export interface StatusDetails {
  description: string;
  environmentUrl?: string;
  logUrl?: string;
}

export class GitHubDeploymentRecord {
  private constructor(
    private readonly octokit: GitHubClient,
    private readonly repo: { owner: string; repo: string },
    private readonly id: number,
    private readonly log: Logger,
  ) {}

  static async start(run: RunContext, token: string | undefined, request: DeploymentRecordRequest, log: Logger): Promise<GitHubDeploymentRecord | undefined> {
    const missing = !run.owner || !run.repo
      ? 'this run has no repository (GITHUB_REPOSITORY); it is only recorded in GitHub Actions.'
      : !request.ref
        ? 'no commit is known for it (GITHUB_SHA, or the deployment\'s meta.githubCommitSha).'
        : !token
          ? "there is no GitHub token. Pass 'github-token' (e.g. ${{ github.token }}) with `permissions: deployments: write`."
          : undefined;
    if (missing) {
      log.warning(`GitHub deployment not recorded: ${missing}`);
      return undefined;
    }
    const repo = { owner: run.owner!, repo: run.repo! };
    const octokit = await githubClient(token!, run.apiUrl);
    try {
      const created = await octokit.rest.repos.createDeployment({
        ...repo,
        ref: request.ref!,
        environment: request.environment,
        description: fitDescription(request.description),
        ...(request.payload ? { payload: request.payload } : {}),
        auto_merge: false,
        required_contexts: [],
        transient_environment: !request.production,
        production_environment: request.production,
      });
      if (!('id' in created.data)) throw new Error(`GitHub answered ${created.status} without a deployment`);
      const record = new GitHubDeploymentRecord(octokit, repo, created.data.id, log);
      await record.status('in_progress', { logUrl: run.runUrl, description: request.progress });
      return record;
    } catch (error) {
      log.warning(`GitHub deployment not recorded: ${why(error)}`);
      return undefined;
    }
  }

  async finish(state: FinalState, details: StatusDetails): Promise<void> {
    try {
      await this.status(state, details);
    } catch (error) {
      this.log.warning(`GitHub deployment status '${state}' not recorded: ${why(error)}`);
    }
  }

  private async status(state: DeploymentState, details: StatusDetails): Promise<void> {
    await this.octokit.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: this.id,
      state,
      description: fitDescription(details.description),
      ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
      ...(details.logUrl ? { log_url: details.logUrl } : {}),
    });
  }
}

/** Masked, then cut to GitHub's limit: descriptions show on the public Environments page. */
export function fitDescription(raw: string): string {
  const text = redact(raw);
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

function why(error: unknown): string {
  const status = statusOf(error);
  if (status === 401) return "GitHub rejected 'github-token' (401): pass a valid token, e.g. ${{ github.token }}.";
  if (status === 403 || status === 404) {
    return `the token may not write deployments (${status}): add \`permissions: deployments: write\` to the job (fork pull requests get a read-only token).`;
  }
  if (status === 422) return `GitHub refused the deployment (422): ${errorMessage(error)}. The commit may not be in this repository.`;
  return errorMessage(error);
}
