import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ApiError } from '../../errors.js';
import { HttpClient } from '../../http.js';
import type { Logger } from '../../logger.js';
import { registerSecret } from '../../secrets.js';
import { tuningFromEnv, type Tuning } from '../../tuning.js';
import { DEFAULT_SENTRY_URL, SENTRY_VENDOR, sentryErrorDetails } from './access.js';
import {
  assembleResponseSchema,
  chunkUploadOptionsSchema,
  deploySchema,
  previousReleaseSchema,
  releaseSchema,
  type AssembleResponse,
  type ChunkUploadOptions,
  type Release,
} from './schemas.js';

/**
 * Sentry's web API as sentry-release uses it, on the shared HttpClient (timeouts, retries on
 * network errors, 429 with Retry-After and 5xx). Every request carries the bearer token. The
 * endpoints are those sentry-cli calls (getsentry/sentry-cli src/api/mod.rs), documented at
 * https://docs.sentry.io/api/releases/.
 */
export interface SentryClientOptions {
  token: string;
  /** The Sentry root, e.g. https://sentry.io or a self-hosted install. */
  url?: string;
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
}

/** A reference to a commit in a repository connected to Sentry (sentry-cli's `Ref`). */
export interface ReleaseRef {
  repository: string;
  commit: string;
  previousCommit?: string;
}

/** A commit sent as data, for a repository Sentry does not know (sentry-cli's `GitCommit`). */
export interface ReleaseCommit {
  id: string;
  repository?: string;
  message?: string;
  author_name?: string;
  author_email?: string;
  timestamp?: string;
}

export interface ReleaseUpdate {
  refs?: ReleaseRef[];
  commits?: ReleaseCommit[];
  dateReleased?: string;
}

export interface AssembleRequest {
  checksum: string;
  chunks: string[];
  projects: string[];
  version?: string;
  dist?: string;
}

export interface DeployRecord {
  environment: string;
  url?: string;
  name?: string;
  dateStarted?: string;
  dateFinished?: string;
  projects?: string[];
}

export interface Chunk {
  checksum: string;
  data: Buffer;
}

export function sentryClientFor(options: Pick<SentryClientOptions, 'token' | 'url'>, log: Logger, tuning: Pick<Tuning, 'retryMs'> = tuningFromEnv()): SentryClient {
  return new SentryClient({
    ...options,
    backoffMs: tuning.retryMs,
    onRetry: (attempt, delayMs, reason) => log.info(`${reason.replace(/[.\s]*$/, '')}. Retrying in ${Math.round(delayMs)} ms (retry ${attempt}).`),
  });
}

export class SentryClient {
  private readonly api: HttpClient;

  constructor(options: SentryClientOptions) {
    registerSecret(options.token);
    this.api = new HttpClient({
      vendor: SENTRY_VENDOR,
      baseUrl: options.url ?? DEFAULT_SENTRY_URL,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
      retries: options.retries,
      backoffMs: options.backoffMs,
      timeoutMs: options.timeoutMs,
      errorDetails: sentryErrorDetails,
      onRetry: options.onRetry,
    });
  }

  /**
   * POST /api/0/organizations/{org}/releases/: creation is idempotent; 201 creates it, 208
   * (Already Reported) means it existed with these projects.
   */
  async createRelease(org: string, body: { version: string; projects: string[]; url?: string }): Promise<{ release: Release; existed: boolean }> {
    const res = await this.api.post(`${orgPath(org)}/releases/`, { body, schema: releaseSchema, idempotent: true });
    return { release: res.data, existed: res.status === 208 };
  }

  /** PUT /api/0/organizations/{org}/releases/{version}/: refs or commits, dateReleased. */
  async updateRelease(org: string, version: string, body: ReleaseUpdate): Promise<Release> {
    const res = await this.api.put(releasePath(org, version), { body, schema: releaseSchema });
    return res.data;
  }

  /**
   * GET …/releases/{version}/previous-with-commits/: the last commit of the release before this
   * one, which Sentry uses as the start of the commit range; undefined when there is none.
   */
  async previousReleaseCommit(org: string, version: string): Promise<string | undefined> {
    const res = await this.api.get(`${releasePath(org, version)}previous-with-commits/`, { schema: previousReleaseSchema, acceptStatus: [404] });
    return res.status === 404 ? undefined : (res.data.lastCommit?.id ?? undefined);
  }

  /** GET /api/0/organizations/{org}/chunk-upload/: where and how to upload chunks. */
  async chunkUploadOptions(org: string): Promise<ChunkUploadOptions> {
    const res = await this.api.get(`${orgPath(org)}/chunk-upload/`, { schema: chunkUploadOptionsSchema });
    return res.data;
  }

  /**
   * POST the chunks to the upload URL as multipart/form-data, one part per chunk named by its
   * SHA-1, in field `file_gzip` (gzip-compressed) or `file` (sentry-cli Api::upload_chunks).
   */
  async uploadChunks(uploadUrl: string, chunks: Chunk[], gzip: boolean, timeoutMs?: number): Promise<void> {
    const { body, contentType } = multipart(chunks.map((c) => ({ field: gzip ? 'file_gzip' : 'file', filename: c.checksum, data: gzip ? gzipSync(c.data) : c.data })));
    // Chunks are named by their SHA-1: sending one twice stores it once.
    const res = await this.api.post(uploadUrl, { body, headers: { 'content-type': contentType }, timeoutMs, idempotent: true });
    // sentry-cli treats a redirect here as a missing project.
    if (res.status >= 300) throw new ApiError(`Sentry API POST chunk upload answered ${res.status}.`, SENTRY_VENDOR, res.status);
  }

  /** POST /api/0/organizations/{org}/artifactbundle/assemble/: the bundle's state and the chunks still missing. */
  async assembleArtifactBundle(org: string, body: AssembleRequest): Promise<AssembleResponse> {
    // Assembling the same checksum again answers the same bundle's state.
    const res = await this.api.post(`${orgPath(org)}/artifactbundle/assemble/`, { body, schema: assembleResponseSchema, idempotent: true });
    return res.data;
  }

  /**
   * POST /api/0/organizations/{org}/releases/{version}/deploys/. Not idempotent: when the answer
   * is lost (a broken connection after sending, a 5xx) the request may still have been recorded,
   * so the shared client reconciles: the release's deploys are read (GET …/deploys/) before every
   * new attempt, the first one and any later one alike.
   */
  async createDeploy(org: string, version: string, body: DeployRecord): Promise<void> {
    const path = `${releasePath(org, version)}deploys/`;
    await this.api.post(path, {
      body,
      schema: deploySchema,
      reconcile: async () => {
        const recorded = await this.recordedDeploy(path, body);
        return recorded && { status: 200, headers: {}, data: recorded };
      },
    });
  }

  /** The deploy of the release that matches `wanted`, when Sentry has recorded it. */
  private async recordedDeploy(path: string, wanted: DeployRecord) {
    const res = await this.api.get(path, { schema: z.array(deploySchema) });
    return res.data.find((d) => d.environment === wanted.environment && sameTime(d.dateStarted, wanted.dateStarted));
  }
}

function sameTime(a: string | null | undefined, b: string | undefined): boolean {
  return !!a && !!b && Date.parse(a) === Date.parse(b);
}

function orgPath(org: string): string {
  return `/api/0/organizations/${encodeURIComponent(org)}`;
}

function releasePath(org: string, version: string): string {
  return `${orgPath(org)}/releases/${encodeURIComponent(version)}/`;
}

/** A multipart/form-data body (RFC 7578) of file parts. */
function multipart(parts: { field: string; filename: string; data: Buffer }[]): { body: Buffer; contentType: string } {
  const boundary = `deploy-kit-${randomBytes(12).toString('hex')}`;
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    pieces.push(part.data, Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}` };
}
