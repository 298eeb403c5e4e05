import { errorMessage } from '../../../packages/shared/src/errors.js';
import { githubClient, statusOf, type GitHubClient } from '../../../packages/shared/src/github/client.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import type { Logger } from '../../../packages/shared/src/logger.js';

/**
 * The rollback as a GitHub Deployment of the Production environment (the environment deploy
 * records production deploys in), so the repository's Environments page shows which commit
 * production runs again, who rolled it back and why: created for the target's commit with the
 * reason and actor in its payload, `in_progress`, then `success` or `failure`
 * (https://docs.github.com/en/rest/deployments/deployments#create-a-deployment,
 * https://docs.github.com/en/rest/deployments/statuses#create-a-deployment-status). Recording it is
 * a courtesy: when GitHub refuses, the step says why and the rollback goes on.
 */
export const ENVIRONMENT = 'Production';
const MAX_DESCRIPTION = 140;

export interface RollbackFacts {
  /** The commit production runs after the rollback: the target's, else this run's. */
  ref?: string;
  from?: string;
  to: string;
  reason?: string;
  actor?: string;
}

export class ProductionDeploymentRecord {
  private constructor(
    private readonly octokit: GitHubClient,
    private readonly repo: { owner: string; repo: string },
    private readonly id: number,
    private readonly log: Logger,
  ) {}

  static async start(run: RunContext, token: string | undefined, facts: RollbackFacts, log: Logger): Promise<ProductionDeploymentRecord | undefined> {
    if (!run.owner || !run.repo) {
      log.warning('GitHub deployment not recorded: this run has no repository (GITHUB_REPOSITORY). It is only recorded in GitHub Actions.');
      return undefined;
    }
    if (!facts.ref) {
      log.warning('GitHub deployment not recorded: neither the target deployment (meta.githubCommitSha) nor this run (GITHUB_SHA) names a commit.');
      return undefined;
    }
    if (!token) {
      log.warning("GitHub deployment not recorded: there is no GitHub token. Pass 'github-token' (e.g. ${{ github.token }}) with `permissions: deployments: write`.");
      return undefined;
    }
    const octokit = githubClient(token, run.apiUrl);
    const repo = { owner: run.owner, repo: run.repo };
    try {
      const created = await octokit.rest.repos.createDeployment({
        ...repo,
        ref: facts.ref,
        environment: ENVIRONMENT,
        description: fit(`Rollback to Vercel deployment ${facts.to} by deploy-kit`),
        payload: { rolledBackFrom: facts.from ?? null, rolledBackTo: facts.to, reason: facts.reason ?? null, actor: facts.actor ?? null },
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: true,
      });
      if (!('id' in created.data)) throw new Error(`GitHub answered ${created.status} without a deployment`);
      const record = new ProductionDeploymentRecord(octokit, repo, created.data.id, log);
      await record.status('in_progress', { logUrl: run.runUrl, description: `Rolling back to ${facts.to}` });
      return record;
    } catch (error) {
      log.warning(`GitHub deployment not recorded: ${why(error)}`);
      return undefined;
    }
  }

  async finish(state: 'success' | 'failure' | 'error', details: { environmentUrl?: string; logUrl?: string; description: string }): Promise<void> {
    try {
      await this.status(state, details);
    } catch (error) {
      this.log.warning(`GitHub deployment status '${state}' not recorded: ${why(error)}`);
    }
  }

  private async status(state: 'in_progress' | 'success' | 'failure' | 'error', details: { environmentUrl?: string; logUrl?: string; description: string }): Promise<void> {
    await this.octokit.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: this.id,
      state,
      description: fit(details.description),
      ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
      ...(details.logUrl ? { log_url: details.logUrl } : {}),
    });
  }
}

/** "Rolled back to dpl_x by @octocat: checkout is down", cut to GitHub's 140 characters. */
export function rolledBackDescription(facts: RollbackFacts): string {
  return fit(`Rolled back to ${facts.to}${facts.actor ? ` by @${facts.actor}` : ''}${facts.reason ? `: ${facts.reason}` : ''}`);
}

function fit(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

function why(error: unknown): string {
  const status = statusOf(error);
  if (status === 401) return "GitHub rejected 'github-token' (401): pass a valid token, e.g. ${{ github.token }}.";
  if (status === 403 || status === 404) return `the token may not write deployments (${status}): add \`permissions: deployments: write\` to the job.`;
  if (status === 422) return `GitHub refused the deployment (422): ${errorMessage(error)}. The target's commit may not be in this repository.`;
  return errorMessage(error);
}
