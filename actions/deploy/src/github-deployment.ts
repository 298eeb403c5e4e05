import { errorMessage } from '../../../packages/shared/src/errors.js';
import { githubClient, statusOf, type GitHubClient } from '../../../packages/shared/src/github/client.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import type { Logger } from '../../../packages/shared/src/logger.js';

/**
 * A GitHub Deployment mirroring the Vercel one, so the pull request and the repository's
 * Environments page show it: created `in_progress`, then `success` with the environment URL or
 * `failure`/`error` (https://docs.github.com/en/rest/deployments/deployments#create-a-deployment,
 * https://docs.github.com/en/rest/deployments/statuses#create-a-deployment-status). Recording it is
 * a courtesy: when GitHub refuses, the step says why and goes on deploying.
 */
export type FinalState = 'success' | 'failure' | 'error';

const MAX_DESCRIPTION = 140;

export class GitHubDeployment {
  private constructor(
    private readonly octokit: GitHubClient,
    private readonly run: RunContext & { owner: string; repo: string },
    private readonly id: number,
    private readonly log: Logger,
  ) {}

  static async start(run: RunContext, token: string | undefined, production: boolean, log: Logger): Promise<GitHubDeployment | undefined> {
    const ref = run.sha ?? run.ref;
    if (!run.owner || !run.repo || !ref) {
      log.warning('GitHub deployment not recorded: this run has no repository or commit (GITHUB_REPOSITORY, GITHUB_SHA). It is only recorded in GitHub Actions.');
      return undefined;
    }
    if (!token) {
      log.warning("GitHub deployment not recorded: there is no GitHub token. Pass 'github-token' (e.g. ${{ github.token }}) with `permissions: deployments: write`.");
      return undefined;
    }
    const octokit = githubClient(token, run.apiUrl);
    try {
      const created = await octokit.rest.repos.createDeployment({
        owner: run.owner,
        repo: run.repo,
        ref,
        environment: production ? 'Production' : 'Preview',
        description: 'Vercel deployment by deploy-kit',
        auto_merge: false,
        required_contexts: [],
        transient_environment: !production,
        production_environment: production,
      });
      if (!('id' in created.data)) throw new Error(`GitHub answered ${created.status} without a deployment`);
      const deployment = new GitHubDeployment(octokit, { ...run, owner: run.owner, repo: run.repo }, created.data.id, log);
      await deployment.status('in_progress', { logUrl: run.runUrl, description: 'Deploying to Vercel' });
      return deployment;
    } catch (error) {
      log.warning(`GitHub deployment not recorded: ${why(error)}`);
      return undefined;
    }
  }

  async finish(state: FinalState, details: { environmentUrl?: string; logUrl?: string; description: string }): Promise<void> {
    try {
      await this.status(state, details);
    } catch (error) {
      this.log.warning(`GitHub deployment status '${state}' not recorded: ${why(error)}`);
    }
  }

  private async status(state: 'in_progress' | FinalState, details: { environmentUrl?: string; logUrl?: string; description: string }): Promise<void> {
    await this.octokit.rest.repos.createDeploymentStatus({
      owner: this.run.owner,
      repo: this.run.repo,
      deployment_id: this.id,
      state,
      description: details.description.slice(0, MAX_DESCRIPTION),
      ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
      ...(details.logUrl ? { log_url: details.logUrl } : {}),
    });
  }
}

function why(error: unknown): string {
  const status = statusOf(error);
  if (status === 401) return "GitHub rejected 'github-token' (401): pass a valid token, e.g. ${{ github.token }}.";
  if (status === 403 || status === 404) {
    return `the token may not write deployments (${status}): add \`permissions: deployments: write\` to the job (fork pull requests get a read-only token).`;
  }
  return errorMessage(error);
}
