import { z } from 'zod';

/**
 * The parts of Vercel's responses deploy-kit reads, validated at the boundary. Lenient on
 * purpose: unknown fields pass through and only the fields used are required, so a field
 * Vercel adds never breaks a deploy. Field names and types follow the @vercel/sdk models named
 * next to each schema (node_modules/@vercel/sdk/src/models/).
 */

/** `readyState` values (GetDeploymentsReadyState in getdeploymentsop.ts); kept a string so a new state is not an error. */
export type ReadyState = 'QUEUED' | 'BUILDING' | 'INITIALIZING' | 'READY' | 'ERROR' | 'CANCELED' | 'BLOCKED' | 'DELETED' | (string & {});

export const TERMINAL_STATES: ReadonlySet<string> = new Set(['READY', 'ERROR', 'CANCELED', 'BLOCKED', 'DELETED']);

/** GET/create answer `aliasAssigned` as a boolean (+ `aliasAssignedAt`), the list as a timestamp or null. */
const aliasAssigned = z.union([z.number(), z.boolean()]).nullish();

const aliasError = z.looseObject({ code: z.string().optional(), message: z.string().optional() }).nullish();

/** CreateDeploymentResponseBody (createdeploymentresponsebody.ts), GetDeploymentResponseBody, CancelDeploymentResponseBody. */
export const deploymentSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  readyState: z.string(),
  name: z.string().optional(),
  projectId: z.string().optional(),
  target: z.string().nullish(),
  inspectorUrl: z.string().nullish(),
  alias: z.array(z.string()).optional(),
  aliasAssigned,
  aliasAssignedAt: z.union([z.number(), z.boolean()]).nullish(),
  aliasError,
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
  createdAt: z.number().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** The commit a deployment was built from: `meta.githubCommitSha`, set by Vercel's Git integration and by deploy. */
export function commitShaOf(d: Pick<Deployment, 'meta'>): string | undefined {
  const sha = d.meta?.['githubCommitSha'];
  return typeof sha === 'string' && sha ? sha : undefined;
}

/** The `missing_files` answer of POST /v13/deployments: `{ error: { code, message, missing: [sha…] } }`. */
export const missingFilesSchema = z.looseObject({
  error: z.looseObject({
    code: z.literal('missing_files'),
    message: z.string().optional(),
    missing: z.array(z.string().regex(/^[0-9a-f]{40}$/i, 'is not a SHA-1 hex digest')),
  }),
});

/** One item of GetDeploymentsResponseBody.deployments (getdeploymentsop.ts): note `uid`, not `id`. */
const listedDeploymentSchema = z.looseObject({
  uid: z.string(),
  url: z.string(),
  name: z.string().optional(),
  projectId: z.string().optional(),
  readyState: z.string().optional(),
  state: z.string().optional(),
  target: z.string().nullish(),
  created: z.number().optional(),
  createdAt: z.number().optional(),
  inspectorUrl: z.string().nullish(),
  aliasAssigned,
  aliasError,
  meta: z.record(z.string(), z.unknown()).optional(),
  isRollbackCandidate: z.boolean().nullish(),
});

/** GetDeploymentsResponseBody; `pagination.next` is the timestamp to pass as `until` (pagination.ts). */
export const deploymentListSchema = z.looseObject({
  deployments: z.array(listedDeploymentSchema),
  pagination: z.looseObject({ next: z.number().nullish() }).optional(),
});

/** GetProjectResponseBody (getprojectresponsebody.ts), GetProjectLastAliasRequest (getprojectfrompreset.ts). */
export const projectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  accountId: z.string().optional(),
  rootDirectory: z.string().nullish(),
  framework: z.string().nullish(),
  targets: z
    .record(
      z.string(),
      z.looseObject({ id: z.string(), url: z.string().optional(), alias: z.array(z.string()).optional(), readyState: z.string().optional() }).nullable(),
    )
    .optional(),
  lastAliasRequest: z
    .looseObject({
      fromDeploymentId: z.string().nullish(),
      toDeploymentId: z.string(),
      jobStatus: z.string(),
      requestedAt: z.number().optional(),
      type: z.string().optional(),
    })
    .nullish(),
});
export type Project = z.infer<typeof projectSchema>;

/** GetAuthUserResponseBody (getauthuserop.ts). */
export const userSchema = z.looseObject({ user: z.looseObject({ id: z.string(), username: z.string().optional() }) });

/** AssignAliasResponseBody (assignaliasop.ts). */
export const assignedAliasSchema = z.looseObject({
  uid: z.string(),
  alias: z.string(),
  oldDeploymentId: z.string().nullish(),
});

/** ListPromoteAliasesResponseBody (listpromotealiasesop.ts): `{}` or `{ aliases, pagination }`. */
export const promoteAliasesSchema = z.looseObject({
  aliases: z.array(z.looseObject({ alias: z.string(), id: z.string(), status: z.string() })).optional(),
  pagination: z.looseObject({ next: z.number().nullish() }).optional(),
});

/** GetDeploymentEventsResponse (getdeploymenteventsop.ts): an array of events, text at the top or in `payload`. */
export const eventsSchema = z.array(z.unknown());

/**
 * One environment variable of GET /v10/projects/{idOrName}/env (FilterProjectEnvsResponseBody in
 * filterprojectenvsop.ts; https://vercel.com/docs/rest-api/projects/retrieve-the-environment-variables-of-a-project-by-id-or-name):
 * `type` is plain, encrypted, secret, sensitive or system; `target` one environment or several;
 * `value` in clear only when `decrypt=true` could decrypt it (never for sensitive ones).
 */
const envTarget = z.enum(['production', 'preview', 'development']).or(z.string());
export const projectEnvSchema = z.looseObject({
  key: z.string(),
  /** A type Vercel adds later is kept as a string: its value is then treated as unreadable. */
  type: z.enum(['plain', 'encrypted', 'secret', 'sensitive', 'system']).or(z.string()),
  value: z.string().optional(),
  target: z.union([z.array(envTarget), envTarget]).optional(),
  gitBranch: z.string().optional(),
  decrypted: z.boolean().optional(),
  id: z.string().optional(),
});
export type ProjectEnv = z.infer<typeof projectEnvSchema>;

/** The list answers `{ envs, pagination }` or `{ envs, hiddenProductionEnvCount }`; older answers are one variable alone. */
export const projectEnvListSchema = z.union([
  z.looseObject({ envs: z.array(projectEnvSchema) }).transform((body) => body.envs),
  projectEnvSchema.transform((env) => [env]),
]);

/** GetAliasResponseBody (aliasesGetAlias, models/getaliasop.ts): the deployment an alias points at. */
export const aliasSchema = z.looseObject({
  alias: z.string(),
  deploymentId: z.string().nullish(),
});
