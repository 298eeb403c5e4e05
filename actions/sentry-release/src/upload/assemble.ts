import { ApiError } from '../../../../packages/shared/src/errors.js';
import { PollClock } from '../../../../packages/shared/src/poll.js';
import { mapLimit } from '../../../../packages/shared/src/pool.js';
import { SENTRY_VENDOR, type AssembleRequest, type AssembleResponse, type ChunkUploadOptions, type SentryClient } from '../../../../packages/shared/src/clients/sentry.js';
import type { Tuning } from '../../../../packages/shared/src/tuning.js';
import { chunkBundle, requestBatches } from './chunks.js';

/**
 * The chunked upload of an artifact bundle, in sentry-cli's order (src/utils/file_upload.rs
 * upload_files_chunked, poll_assemble): ask `artifactbundle/assemble` which chunks the server
 * lacks, upload only those (in batches, `concurrency` requests at once), then ask again until the
 * state is `ok` or `error`, within one deadline.
 */
export interface UploadTarget {
  client: SentryClient;
  org: string;
  projects: string[];
  version: string;
  options: ChunkUploadOptions;
  tuning: Pick<Tuning, 'pollMs' | 'maxPollMs'>;
  /** The longest wait for the server to assemble the bundle. */
  maxWaitMs: number;
}

export interface UploadResult {
  checksum: string;
  chunks: number;
  /** Chunks sent: those the server reported missing. */
  uploaded: number;
  uploadedBytes: number;
}

export async function uploadArtifactBundle(archive: Buffer, target: UploadTarget): Promise<UploadResult> {
  const { client, org, options } = target;
  if (options.hashAlgorithm.toLowerCase() !== 'sha1') {
    throw new ApiError(`Sentry asks for chunks hashed with ${options.hashAlgorithm}; deploy-kit knows SHA-1 only. Please report this to deploy-kit.`, SENTRY_VENDOR, 200, 'unsupported_hash');
  }
  if (options.maxFileSize && archive.length > options.maxFileSize) {
    throw new ApiError(`The artifact bundle is ${archive.length} bytes; this Sentry accepts at most ${options.maxFileSize}. Narrow 'sourcemaps' to the build output.`, SENTRY_VENDOR, 200, 'too_large');
  }
  const { checksum, chunks } = chunkBundle(archive, options.chunkSize);
  const request: AssembleRequest = { checksum, chunks: chunks.map((c) => c.checksum), projects: target.projects, version: target.version };
  const first = await client.assembleArtifactBundle(org, request);
  const missing = new Set(first.missingChunks);
  const toSend = chunks.filter((c) => missing.has(c.checksum));
  // The archive's entries are deflated already: gzip would cost time and save next to nothing, so
  // chunks go in the uncompressed `file` field, which every server accepts.
  const url = options.url || `/api/0/organizations/${encodeURIComponent(org)}/chunk-upload/`;
  await mapLimit(requestBatches(toSend, options), options.concurrency, (batch) => client.uploadChunks(url, batch, false));
  if (!isDone(first) || toSend.length > 0) await pollAssemble(target, request);
  return { checksum, chunks: chunks.length, uploaded: toSend.length, uploadedBytes: toSend.reduce((sum, c) => sum + c.data.length, 0) };
}

async function pollAssemble(target: UploadTarget, request: AssembleRequest): Promise<AssembleResponse> {
  const clock = new PollClock(target.tuning, target.maxWaitMs);
  for (;;) {
    const answer = await target.client.assembleArtifactBundle(target.org, request);
    if (answer.state === 'error') throw assembleError(answer.detail ?? 'no detail given');
    if (answer.state === 'ok') return answer;
    if (answer.state === 'not_found' || answer.missingChunks.length > 0) throw assembleError(`${answer.missingChunks.length} chunk(s) still missing after they were uploaded`);
    if (clock.expired()) {
      throw new ApiError(`Sentry was still assembling the artifact bundle (state ${answer.state}) after ${Math.round(target.maxWaitMs / 1000)} s. It may finish later; re-run the job if source maps do not show up.`, SENTRY_VENDOR, 200, 'assemble_timeout');
    }
    await clock.next();
  }
}

function isDone(answer: AssembleResponse): boolean {
  return answer.state === 'ok' && answer.missingChunks.length === 0;
}

function assembleError(detail: string): ApiError {
  return new ApiError(`Sentry could not assemble the artifact bundle: ${detail}.`, SENTRY_VENDOR, 200, 'assemble_error');
}
