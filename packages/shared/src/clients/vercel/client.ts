import { randomUUID } from 'node:crypto';
import { DEFAULT_VERCEL_API } from './inputs.js';
import { ApiError } from '../../errors.js';
import { HttpClient, validateResponse, type HttpResponse, type RequestOptions } from '../../http.js';
import type { Logger } from '../../logger.js';
import { registerSecret } from '../../secrets.js';
import { tuningFromEnv, type Tuning } from '../../tuning.js';
import { VENDOR, VercelUnavailableError, badTokenError, isBadTokenAnswer, projectNotFoundError, scopeError, vercelErrorDetails } from './access.js';
import { buildLogLines } from './build-log.js';
import {
  aliasSchema,
  assignedAliasSchema,
  deploymentListSchema,
  deploymentSchema,
  eventsSchema,
  missingFilesSchema,
  projectEnvListSchema,
  projectSchema,
  promoteAliasesSchema,
  userSchema,
  type Deployment,
  type Project,
  type ProjectEnv,
} from './schemas.js';

type AliasRequest = NonNullable<Project['lastAliasRequest']>;

/** The project's alias job is one asked for `deploymentId` after `before` (or production already serves it). */
export function isOurAliasJob(project: Project, deploymentId: string, before: AliasRequest | null | undefined): boolean {
  const job = project.lastAliasRequest;
  if (job && job.toDeploymentId === deploymentId) {
    const old = before && before.toDeploymentId === deploymentId && before.requestedAt === job.requestedAt;
    if (!old) return true;
  }
  return project.targets?.['production']?.id === deploymentId && !(job && job.toDeploymentId !== deploymentId && (job.jobStatus === 'pending' || job.jobStatus === 'in-progress'));
}
import { scopeOf, type VercelScope } from './scope.js';

/**
 * The Vercel REST API as deploy and rollback use it, on the shared HttpClient (timeouts, retries
 * on network errors, 429 with Retry-After and 5xx). Every request carries the bearer token and,
 * for a team, `?teamId=`. Contracts: https://vercel.com/docs/rest-api and the @vercel/sdk
 * operations named at each method (node_modules/@vercel/sdk/src/funcs/).
 */
export interface VercelClientOptions {
  token: string;
  /** `vercel-org-id`: a team id (team_…) or a personal account id. */
  orgId?: string;
  apiUrl?: string;
  /** Retries after the first attempt, per request (uploads included). */
  retries?: number;
  /** First backoff delay between retries; doubles per attempt. */
  backoffMs?: number;
  timeoutMs?: number;
  /** Per-attempt timeout of one file upload. */
  uploadTimeoutMs?: number;
  /** Most connections the uploads open at once: the most uploads deploy runs at once. */
  uploadConnections?: number;
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
}

/** The body of POST /v13/deployments that deploy-kit sends (CreateDeploymentRequestBody). */
export interface CreateDeploymentBody {
  name: string;
  project: string;
  target?: 'production' | 'preview';
  files: { file: string; sha: string; size: number }[];
  meta?: Record<string, string>;
  gitMetadata?: Record<string, string | boolean>;
  projectSettings?: Record<string, string | boolean | null>;
}

export type CreateDeploymentResult = { kind: 'created'; deployment: Deployment } | { kind: 'missing-files'; missing: string[] };

export interface DeploymentSummary {
  id: string;
  url: string;
  readyState?: string;
  target?: string | null;
  projectId?: string;
  createdAt?: number;
  inspectorUrl?: string | null;
  meta?: Record<string, unknown>;
}

export interface ListDeploymentsQuery {
  projectId: string;
  target?: 'production' | 'preview';
  /** `READY`, or several comma-separated. */
  state?: string;
  limit?: number;
  /** Deployments created before this timestamp: the previous page's `next`. */
  until?: number;
  /** Deployments created after this timestamp. */
  since?: number;
}

/** The meta key marking a create request, so its deployment is found when the reply is lost. */
export const REQUEST_ID_META = 'deployKitRequestId';
/** How far Vercel's clock may be behind ours when looking for what a request made. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The client as deploy and rollback build it: the backoff of the run's tuning (milliseconds in
 * tests), and each retry said in the step's log so a slow step explains itself.
 */
export function vercelClientFor(
  access: Pick<VercelClientOptions, 'token' | 'orgId' | 'apiUrl'>,
  log: Logger,
  tuning: Pick<Tuning, 'retryMs' | 'uploadConcurrency'> = tuningFromEnv(),
): VercelClient {
  return new VercelClient({
    ...access,
    backoffMs: tuning.retryMs,
    uploadConnections: tuning.uploadConcurrency,
    onRetry: (attempt, delayMs, reason) => log.info(`${reason.replace(/[.\s]*$/, '')}. Retrying in ${delayMs} ms (retry ${attempt}).`),
  });
}

export class VercelClient {
  readonly scope: VercelScope;
  private readonly api: HttpClient;
  private readonly uploads: HttpClient;

  constructor(options: VercelClientOptions) {
    registerSecret(options.token);
    this.scope = scopeOf(options.orgId);
    const common = {
      vendor: VENDOR,
      baseUrl: options.apiUrl ?? DEFAULT_VERCEL_API,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
      retries: options.retries,
      backoffMs: options.backoffMs,
      errorDetails: vercelErrorDetails,
      onRetry: options.onRetry,
    };
    this.api = new HttpClient({ ...common, timeoutMs: options.timeoutMs });
    this.uploads = new HttpClient({ ...common, timeoutMs: options.uploadTimeoutMs ?? 120_000, connections: options.uploadConnections });
  }

  /** GET /v2/user (getAuthUser): who the token belongs to. Asked without a team on purpose. */
  async getUser(): Promise<{ id: string; username?: string }> {
    const res = await this.api.get('/v2/user', { schema: userSchema });
    return res.data.user;
  }

  /**
   * GET /v9/projects/{idOrName} (projectsGetProject). The first call of a run: a bad token, a
   * team out of reach and an unknown project come back as one-line messages with the fix.
   */
  async getProject(idOrName: string): Promise<Project> {
    try {
      const res = await this.api.get(`/v9/projects/${encodeURIComponent(idOrName)}`, { query: this.teamQuery(), schema: projectSchema });
      return res.data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw projectNotFoundError(idOrName, this.scope);
      throw await this.explainAccess(error);
    }
  }

  /**
   * POST /v13/deployments (deploymentsCreateDeployment). A 400 `missing_files` answer lists the
   * SHA-1s Vercel does not have yet: upload those with `uploadFile`, then create again
   * (https://vercel.com/docs/rest-api/deployments/create-a-new-deployment).
   */
  async createDeployment(body: CreateDeploymentBody, options: { skipAutoDetectionConfirmation?: boolean; forceNew?: boolean } = {}): Promise<CreateDeploymentResult> {
    const query = {
      ...this.teamQuery(),
      ...(options.skipAutoDetectionConfirmation ? { skipAutoDetectionConfirmation: '1' } : {}),
      ...(options.forceNew ? { forceNew: '1' } : {}),
    };
    // A mark of this one request, so a reply lost on the way back can be found in the list.
    const requestId = randomUUID();
    const marked = { ...body, meta: { ...body.meta, [REQUEST_ID_META]: requestId } };
    const sentAt = Date.now();
    try {
      const res = await this.guard(() =>
        this.api.post('/v13/deployments', {
          query,
          body: marked,
          schema: deploymentSchema,
          reconcile: () => this.findCreated(body.project, requestId, sentAt),
        }),
      );
      return { kind: 'created', deployment: res.data };
    } catch (error) {
      const missing = error instanceof ApiError && error.status === 400 ? missingFilesSchema.safeParse(error.body) : undefined;
      if (missing?.success) return { kind: 'missing-files', missing: [...new Set(missing.data.error.missing.map((s) => s.toLowerCase()))] };
      throw error;
    }
  }

  /**
   * The deployment a create request made although its reply was lost: the project's deployments
   * created since the request, the one whose meta carries the request's mark.
   */
  private async findCreated(projectId: string, requestId: string, sentAt: number): Promise<HttpResponse<Deployment> | undefined> {
    const page = await this.listDeployments({ projectId, since: sentAt - CLOCK_SKEW_MS, limit: 100 });
    const made = page.deployments.find((d) => d.meta?.[REQUEST_ID_META] === requestId);
    if (!made) return undefined;
    return { status: 200, headers: {}, data: await this.getDeployment(made.id) };
  }

  /**
   * POST /v2/files (deploymentsUploadFile): the raw bytes, `x-vercel-digest` the SHA-1 and
   * `Content-Length` the size (https://vercel.com/docs/rest-api/deployments/upload-deployment-files).
   * Retried by the HTTP client on network errors, 429 and 5xx; `onRetry` hears of each retry.
   */
  async uploadFile(sha: string, data: Buffer, options: { onRetry?: RequestOptions<unknown>['onRetry'] } = {}): Promise<void> {
    await this.guard(() =>
      this.uploads.post('/v2/files', {
        query: this.teamQuery(),
        body: data,
        headers: { 'content-type': 'application/octet-stream', 'x-vercel-digest': sha, 'content-length': String(data.length) },
        onRetry: options.onRetry,
        // Content-addressed: sending the same bytes twice stores them once.
        idempotent: true,
      }),
    );
  }

  /** GET /v13/deployments/{idOrUrl} (deploymentsGetDeployment). */
  async getDeployment(idOrUrl: string): Promise<Deployment> {
    const res = await this.guard(() =>
      this.api.get(`/v13/deployments/${encodeURIComponent(idOrUrl)}`, { query: this.teamQuery(), schema: deploymentSchema }),
    );
    return res.data;
  }

  /** PATCH /v12/deployments/{id}/cancel (deploymentsCancelDeployment). */
  async cancelDeployment(id: string): Promise<Deployment> {
    const res = await this.guard(() =>
      this.api.patch(`/v12/deployments/${encodeURIComponent(id)}/cancel`, { query: this.teamQuery(), schema: deploymentSchema, idempotent: true }),
    );
    return res.data;
  }

  /**
   * The last `count` lines of the build log: GET /v3/deployments/{id}/events with
   * `direction=backward` (newest first), `follow=0` (a JSON answer, not a stream)
   * (https://vercel.com/docs/rest-api/deployments/get-deployment-events).
   */
  async buildLogTail(id: string, count = 30): Promise<string[]> {
    const res = await this.guard(() =>
      this.api.get(`/v3/deployments/${encodeURIComponent(id)}/events`, {
        query: { ...this.teamQuery(), direction: 'backward', follow: 0, limit: Math.max(count * 4, 100) },
        schema: eventsSchema,
      }),
    );
    return buildLogLines(res.data, count);
  }

  /**
   * One page of GET /v6/deployments (https://vercel.com/docs/rest-api/deployments/list-deployments;
   * the SDK's deploymentsGetDeployments calls /v7 with the same query), newest first. `next` is the
   * `until` of the following page, absent on the last one.
   */
  async listDeployments(query: ListDeploymentsQuery): Promise<{ deployments: DeploymentSummary[]; next?: number }> {
    const res = await this.guard(() =>
      this.api.get('/v6/deployments', { query: { ...this.teamQuery(), ...query }, schema: deploymentListSchema }),
    );
    const deployments = res.data.deployments.map((d) => ({
      id: d.uid,
      url: d.url,
      readyState: d.readyState ?? d.state,
      target: d.target,
      projectId: d.projectId,
      createdAt: d.createdAt ?? d.created,
      inspectorUrl: d.inspectorUrl,
      meta: d.meta,
    }));
    return { deployments, next: res.data.pagination?.next ?? undefined };
  }

  /** Every page of `listDeployments`, lazily: stop iterating to stop asking. */
  async *deployments(query: Omit<ListDeploymentsQuery, 'until'>): AsyncGenerator<DeploymentSummary> {
    let until: number | undefined;
    for (;;) {
      const page = await this.listDeployments({ ...query, until });
      yield* page.deployments;
      if (page.next === undefined || page.deployments.length === 0) return;
      until = page.next;
    }
  }

  /**
   * POST /v2/deployments/{id}/aliases (aliasesAssignAlias): points `alias` at the deployment,
   * taking it from the deployment it served before. 409 when the alias belongs to someone else
   * (https://vercel.com/docs/rest-api/aliases/assign-an-alias).
   */
  async assignAlias(deploymentId: string, alias: string): Promise<{ alias: string; oldDeploymentId?: string | null }> {
    const res = await this.guard(() =>
      this.api.post(`/v2/deployments/${encodeURIComponent(deploymentId)}/aliases`, {
        query: this.teamQuery(),
        body: { alias },
        schema: assignedAliasSchema,
        // Pointing an alias at the deployment it already points at changes nothing.
        idempotent: true,
      }),
    );
    return res.data;
  }

  /**
   * GET /v4/aliases/{idOrAlias} (aliasesGetAlias; https://vercel.com/docs/rest-api/aliases/get-an-alias):
   * the deployment a domain serves now, or undefined when the alias does not exist.
   */
  async aliasTarget(alias: string): Promise<string | undefined> {
    const path = `/v4/aliases/${encodeURIComponent(alias)}`;
    const res = await this.guard(() => this.api.get(path, { query: this.teamQuery(), acceptStatus: [404] }));
    if (res.status === 404) return undefined;
    return validateResponse(VENDOR, `GET ${path}`, aliasSchema, res.data).deploymentId ?? undefined;
  }

  /**
   * POST /v10/projects/{projectId}/promote/{deploymentId} (projectsRequestPromote): 201 done, 202
   * queued — follow it with `getProject(...).lastAliasRequest`. `before` is the project's alias job
   * as read before asking, to tell this request's job from an older one.
   */
  async promote(projectId: string, deploymentId: string, before?: AliasRequest | null): Promise<{ status: number }> {
    const path = `/v10/projects/${encodeURIComponent(projectId)}/promote/${encodeURIComponent(deploymentId)}`;
    return this.requestAliasJob(path, this.teamQuery(), projectId, deploymentId, before);
  }

  /**
   * POST /v1/projects/{projectId}/rollback/{deploymentId} (projectsRequestRollback; the docs'
   * "Point production traffic to a previous production deployment by ID"): 201.
   */
  async rollback(projectId: string, deploymentId: string, description?: string, before?: AliasRequest | null): Promise<{ status: number }> {
    const path = `/v1/projects/${encodeURIComponent(projectId)}/rollback/${encodeURIComponent(deploymentId)}`;
    return this.requestAliasJob(path, { ...this.teamQuery(), description }, projectId, deploymentId, before);
  }

  /**
   * A promotion or rollback request, never sent twice blindly: when its reply is lost, or a retry
   * is refused with 409 because a job is running, the project's `lastAliasRequest` says whether
   * that job is this request's (to this deployment, newer than `before`) — then it is followed.
   */
  private async requestAliasJob(
    path: string,
    query: Record<string, string | undefined>,
    projectId: string,
    deploymentId: string,
    before: AliasRequest | null | undefined,
  ): Promise<{ status: number }> {
    const ours = async (): Promise<HttpResponse<unknown> | undefined> => {
      const project = await this.getProject(projectId);
      return isOurAliasJob(project, deploymentId, before) ? { status: 202, headers: {}, data: undefined } : undefined;
    };
    let sent = false;
    try {
      const res = await this.guard(() =>
        this.api.post(path, {
          query,
          reconcile: async () => {
            sent = true;
            return ours();
          },
        }),
      );
      return { status: res.status };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409 || !sent) throw error;
      const followed = await ours();
      if (!followed) throw error;
      return { status: 202 };
    }
  }

  /** GET /v1/projects/{projectId}/promote/aliases (projectsListPromoteAliases): aliases of a promotion in progress. */
  async promoteAliases(projectId: string, query: { limit?: number; failedOnly?: boolean } = {}) {
    const res = await this.guard(() =>
      this.api.get(`/v1/projects/${encodeURIComponent(projectId)}/promote/aliases`, {
        query: { ...this.teamQuery(), ...query },
        schema: promoteAliasesSchema,
      }),
    );
    return { aliases: res.data.aliases ?? [], next: res.data.pagination?.next ?? undefined };
  }

  /**
   * GET /v10/projects/{idOrName}/env with `decrypt=true` (projectsFilterProjectEnvs;
   * https://vercel.com/docs/rest-api/projects/retrieve-the-environment-variables-of-a-project-by-id-or-name):
   * every variable of the project, each with its `type` and `target`s. Values come back in clear
   * where Vercel can decrypt them; a sensitive variable's value never does.
   */
  async listProjectEnv(idOrName: string): Promise<ProjectEnv[]> {
    try {
      const res = await this.api.get(`/v10/projects/${encodeURIComponent(idOrName)}/env`, {
        query: { ...this.teamQuery(), decrypt: 'true' },
        schema: projectEnvListSchema,
      });
      return res.data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw projectNotFoundError(idOrName, this.scope);
      throw await this.explainAccess(error);
    }
  }

  private teamQuery(): Record<string, string> {
    return this.scope.teamId ? { teamId: this.scope.teamId } : {};
  }

  /** Runs a call, turning a bad-token or forbidden answer into a message with the fix. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw await this.explainAccess(error, true);
    }
  }

  private async explainAccess(error: unknown, projectReachable = false): Promise<unknown> {
    if (!(error instanceof ApiError)) return error;
    if (VercelUnavailableError.isCause(error)) return new VercelUnavailableError(error.message.replace(/[.\s]*$/, ''), error.status, error.code);
    if (isBadTokenAnswer(error)) return badTokenError(error.status);
    if (error.status !== 403) return error;
    if (!(await this.tokenWorks())) return badTokenError(403);
    if (!projectReachable) return scopeError(this.scope);
    return new ApiError(
      `${error.message}. The token reaches the project but may not do this: check its scope at https://vercel.com/account/tokens and your role in the team.`,
      VENDOR,
      403,
      error.code,
    );
  }

  private async tokenWorks(): Promise<boolean> {
    try {
      await this.getUser();
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return false;
      // The probe itself failed (network): say what the first answer said.
      return true;
    }
  }
}


