import type { ProjectEnv } from './schemas.js';

/**
 * Which of a project's variables (VercelClient.listProjectEnv) a deployment gets, and whether
 * their values can be read back (https://vercel.com/docs/environment-variables).
 */

/**
 * Whether a deployment of `environment` built from `branch` gets the variable: its `target`
 * includes the environment, and a preview variable tied to a `gitBranch` applies only on that branch.
 */
function appliesTo(variable: ProjectEnv, environment: string, branch: string | undefined): boolean {
  const targets = Array.isArray(variable.target) ? variable.target : variable.target ? [variable.target] : [];
  if (!targets.includes(environment)) return false;
  return !variable.gitBranch || variable.gitBranch === branch;
}

/**
 * The variable of each key such a deployment gets: where a key has a general variable and one
 * tied to the branch, the branch's wins (Vercel's own precedence).
 */
export function applicableVariables(all: readonly ProjectEnv[], environment: string, branch: string | undefined): Map<string, ProjectEnv> {
  const applicable = all.filter((variable) => appliesTo(variable, environment, branch));
  const general = applicable.filter((variable) => !variable.gitBranch);
  const onBranch = applicable.filter((variable) => variable.gitBranch);
  return new Map([...general, ...onBranch].map((variable) => [variable.key, variable]));
}

/** A variable's value in clear, or why Vercel does not give it back. */
export type VariableValue = { kind: 'value'; value: string } | { kind: 'unreadable'; reason: string };

/** Types whose value never comes back in clear, with why. */
const UNREADABLE_TYPES: Record<string, string> = {
  sensitive: 'a sensitive variable in Vercel: its value cannot be read back',
  secret: 'a legacy Vercel secret reference: its value cannot be read back',
  system: 'a Vercel system variable: its value is set at build time',
};

/** Only plain and decrypted encrypted values come back in clear; a type Vercel adds later is unreadable. */
export function readVariable(variable: ProjectEnv): VariableValue {
  const reason = UNREADABLE_TYPES[variable.type];
  if (reason) return { kind: 'unreadable', reason };
  if (variable.value === undefined || (variable.type === 'encrypted' && variable.decrypted === false)) {
    return { kind: 'unreadable', reason: `an ${variable.type} variable Vercel did not decrypt` };
  }
  if (variable.type !== 'plain' && variable.type !== 'encrypted') return { kind: 'unreadable', reason: `a Vercel variable of type ${variable.type}` };
  return { kind: 'value', value: variable.value };
}

/** The variable's value in clear, or undefined when Vercel does not give it back. */
export function readableValue(variable: ProjectEnv): string | undefined {
  const read = readVariable(variable);
  return read.kind === 'value' ? read.value : undefined;
}
