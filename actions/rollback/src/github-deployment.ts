import { fitDescription, type DeploymentRecordRequest } from '../../../packages/shared/src/github/deployment.js';

/**
 * The rollback as a GitHub Deployment of the Production environment (the environment deploy
 * records production deploys in), so the repository's Environments page shows which commit
 * production runs again, who rolled it back and why.
 */
export const ENVIRONMENT = 'Production';

export interface RollbackFacts {
  /** The commit production runs after the rollback: the target's, else this run's. */
  ref?: string;
  from?: string;
  to: string;
  reason?: string;
  actor?: string;
}

export function rollbackRecordRequest(facts: RollbackFacts): DeploymentRecordRequest {
  return {
    ref: facts.ref,
    environment: ENVIRONMENT,
    production: true,
    description: `Rollback to Vercel deployment ${facts.to} by deploy-kit`,
    progress: `Rolling back to ${facts.to}`,
    payload: { rolledBackFrom: facts.from ?? null, rolledBackTo: facts.to, reason: facts.reason ?? null, actor: facts.actor ?? null },
  };
}

/** "Rolled back to dpl_x by @octocat: checkout is down", cut to GitHub's 140 characters. */
export function rolledBackDescription(facts: RollbackFacts): string {
  return fitDescription(`Rolled back to ${facts.to}${facts.actor ? ` by @${facts.actor}` : ''}${facts.reason ? `: ${facts.reason}` : ''}`);
}
