import type { ProjectEnv, VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import type { Environment } from './schema.js';
import type { SourceValue, ValueSource } from './source.js';

/**
 * The project's variables for one environment, as GET /v10/projects/{idOrName}/env?decrypt=true
 * answers (packages/shared/src/clients/vercel/client.ts listProjectEnv). A variable applies when
 * its `target` includes the environment; a preview variable tied to a `gitBranch` applies only
 * on that branch, and wins over the general one there (Vercel's own precedence). Sensitive and
 * legacy secret variables never come back in clear: they are present, unchecked.
 */
const UNREADABLE: Record<string, string> = {
  sensitive: 'a sensitive variable in Vercel: its value cannot be read back, so only its presence is checked',
  secret: 'a legacy Vercel secret reference: its value cannot be read back, so only its presence is checked',
  system: 'a Vercel system variable, set at build time: only its presence is checked',
};

export async function vercelSource(client: VercelClient, project: string, environment: Environment, branch: string | undefined): Promise<ValueSource> {
  const envs = (await client.listProjectEnv(project)).filter((env) => targets(env).includes(environment));
  const general = envs.filter((env) => !env.gitBranch);
  const onBranch = envs.filter((env) => env.gitBranch && env.gitBranch === branch);
  const byKey = new Map<string, ProjectEnv>([...general, ...onBranch].map((env) => [env.key, env]));
  return {
    description: `Vercel project ${project} (${environment})`,
    get: (name) => {
      const env = byKey.get(name);
      return env ? valueOf(env) : undefined;
    },
  };
}

function targets(env: ProjectEnv): string[] {
  if (env.target === undefined) return [];
  return Array.isArray(env.target) ? env.target : [env.target];
}

function valueOf(env: ProjectEnv): SourceValue {
  const reason = UNREADABLE[env.type];
  if (reason) return { kind: 'presence', reason };
  if (env.value === undefined || (env.type === 'encrypted' && env.decrypted === false)) {
    return { kind: 'presence', reason: `an ${env.type} variable Vercel did not decrypt: only its presence is checked` };
  }
  if (env.type !== 'plain' && env.type !== 'encrypted') return { kind: 'presence', reason: `a Vercel variable of type ${env.type}: only its presence is checked` };
  return { kind: 'value', value: env.value };
}
