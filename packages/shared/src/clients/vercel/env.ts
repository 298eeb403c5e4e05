import type { ProjectEnv } from './schemas.js';

/**
 * Which of a project's variables (VercelClient.listProjectEnv) a deployment of `environment`
 * built from `branch` gets: its `target` includes the environment, and a preview variable tied
 * to a `gitBranch` applies only on that branch (https://vercel.com/docs/environment-variables).
 */
export function appliesTo(variable: ProjectEnv, environment: string, branch: string | undefined): boolean {
  const targets = Array.isArray(variable.target) ? variable.target : variable.target ? [variable.target] : [];
  if (!targets.includes(environment)) return false;
  return !variable.gitBranch || variable.gitBranch === branch;
}

/** Types whose value never comes back in clear (sensitive, legacy secrets, system variables set at build time). */
const UNREADABLE_TYPES = new Set(['sensitive', 'secret', 'system']);

/** The variable's value in clear, or undefined when Vercel does not give it back. */
export function readableValue(variable: ProjectEnv): string | undefined {
  if (UNREADABLE_TYPES.has(variable.type) || (variable.type === 'encrypted' && variable.decrypted === false)) return undefined;
  return variable.value;
}
