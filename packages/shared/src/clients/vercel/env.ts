import { z } from 'zod';

/**
 * A project's environment variables as GET /v10/projects/{idOrName}/env answers them
 * (filterProjectEnvs, node_modules/@vercel/sdk/src/models/filterprojectenvsop.ts): `envs[]` with
 * `key`, `value`, `target` (one or several of production / preview / development), `type`
 * (plain, encrypted, sensitive, secret, system) and an optional `gitBranch` for branch-scoped
 * preview values. With `decrypt=true` encrypted values come back readable; sensitive values never
 * do (https://vercel.com/docs/environment-variables/sensitive-environment-variables).
 */
export const projectEnvSchema = z.looseObject({
  envs: z.array(
    z.looseObject({
      key: z.string(),
      value: z.string().optional(),
      type: z.string().optional(),
      target: z.union([z.array(z.string()), z.string()]).optional(),
      gitBranch: z.string().nullish(),
    }),
  ),
});

export type ProjectEnvVar = z.infer<typeof projectEnvSchema>['envs'][number];

/** Whether a variable applies to a deployment of `environment` built from `branch`. */
export function appliesTo(variable: ProjectEnvVar, environment: string, branch: string | undefined): boolean {
  const targets = Array.isArray(variable.target) ? variable.target : variable.target ? [variable.target] : [];
  if (!targets.includes(environment)) return false;
  return !variable.gitBranch || variable.gitBranch === branch;
}
