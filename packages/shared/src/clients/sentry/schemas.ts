import { z } from 'zod';

/**
 * The parts of Sentry's responses deploy-kit reads, validated at the boundary; lenient on
 * purpose (unknown fields pass). Field names follow sentry-cli's data types
 * (getsentry/sentry-cli src/api/mod.rs ReleaseInfo, src/api/data_types/chunking/) and Sentry's
 * API reference (https://docs.sentry.io/api/releases/).
 */

/** ReleaseInfo: POST/PUT /organizations/{org}/releases/… answer the release. */
export const releaseSchema = z.looseObject({
  version: z.string(),
  dateReleased: z.string().nullish(),
  lastCommit: z.looseObject({ id: z.string() }).nullish(),
});
export type Release = z.infer<typeof releaseSchema>;

/** GET …/releases/{version}/previous-with-commits/: the release, or `{}` when there is none. */
export const previousReleaseSchema = z.looseObject({
  version: z.string().optional(),
  lastCommit: z.looseObject({ id: z.string() }).nullish(),
});

/** ChunkServerOptions (src/api/data_types/chunking/upload/options.rs). */
export const chunkUploadOptionsSchema = z.looseObject({
  url: z.string(),
  chunkSize: z.number().int().positive(),
  chunksPerRequest: z.number().int().positive(),
  maxRequestSize: z.number().int().positive(),
  maxFileSize: z.number().int().nonnegative().optional(),
  /** Seconds the client should wait at most for assembling. */
  maxWait: z.number().nonnegative().optional(),
  concurrency: z.number().int().positive(),
  hashAlgorithm: z.string(),
  compression: z.array(z.string()).optional(),
  accept: z.array(z.string()).optional(),
});
export type ChunkUploadOptions = z.infer<typeof chunkUploadOptionsSchema>;

/** ChunkedFileState (src/api/data_types/chunking/file_state.rs). */
export const ASSEMBLE_STATES = ['created', 'assembling', 'ok', 'error', 'not_found'] as const;
export type AssembleState = (typeof ASSEMBLE_STATES)[number];

/** AssembleArtifactsResponse (src/api/data_types/chunking/artifact.rs). */
export const assembleResponseSchema = z.looseObject({
  state: z.enum(ASSEMBLE_STATES),
  missingChunks: z.array(z.string()).default([]),
  detail: z.string().nullish(),
});
export type AssembleResponse = z.infer<typeof assembleResponseSchema>;

/** Deploy (src/api/data_types/deploy.rs). */
export const deploySchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  environment: z.string(),
  dateStarted: z.string().nullish(),
});
