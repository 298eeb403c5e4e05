import type { Stats } from 'node:fs';
import { STATUS_PAGE, VENDOR, type CreateDeploymentBody, type Deployment, type VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { ApiError, ConfigurationError, errorMessage } from '../../../packages/shared/src/errors.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import { formatBytes } from '../../../packages/shared/src/report/markdown.js';
import { sha1Of, type Blob } from './files/hash.js';
import { readWhole } from './files/read.js';
import { unchangedSince } from './files/stamp.js';
import { runAdaptive, UploadConcurrency } from './pool.js';

/**
 * The documented flow (https://vercel.com/docs/rest-api/deployments/create-a-new-deployment):
 * create the deployment naming every file by SHA-1; Vercel answers `missing_files` with the
 * digests it does not have; upload exactly those, a bounded number at once that adapts to the
 * file count and to 429s (pool.ts; each upload retried by the HTTP client on network errors, 429
 * and 5xx); create again.
 */
const MAX_ROUNDS = 3;

export interface UploadStats {
  files: number;
  bytes: number;
  durationMs: number;
}

export async function createWithUploads(
  client: VercelClient,
  body: CreateDeploymentBody,
  blobs: Map<string, Blob>,
  options: { concurrency: number; log: Logger },
): Promise<{ deployment: Deployment; stats: UploadStats }> {
  const started = performance.now();
  const stats: UploadStats = { files: 0, bytes: 0, durationMs: 0 };
  for (let round = 1; ; round++) {
    const result = await client.createDeployment(body, { skipAutoDetectionConfirmation: true });
    if (result.kind === 'created') return { deployment: result.deployment, stats: { ...stats, durationMs: performance.now() - started } };
    if (round === MAX_ROUNDS) {
      throw new ApiError(
        `Vercel still reports ${result.missing.length} file(s) missing after ${MAX_ROUNDS - 1} upload round(s): the uploads are not being kept. Re-run the job; if it persists, check ${STATUS_PAGE}.`,
        VENDOR,
        400,
        'missing_files',
      );
    }
    const missing = result.missing.map((sha) => blobs.get(sha) ?? unknownDigest(sha));
    const bytes = missing.reduce((sum, b) => sum + b.size, 0);
    const concurrency = new UploadConcurrency(options.concurrency, missing.length);
    options.log.info(`Uploading ${missing.length} file(s) Vercel does not have yet (${formatBytes(bytes)}), ${concurrency.limit} at a time.`);
    await runAdaptive(missing, concurrency, (blob) => uploadOne(client, blob, concurrency));
    if (concurrency.throttles > 0) {
      options.log.info(`Vercel answered 429 to ${concurrency.throttles} upload(s): uploads slowed down to ${concurrency.lowest} at a time, and ended at ${concurrency.limit}.`);
    }
    stats.files += missing.length;
    stats.bytes += bytes;
  }
}

async function uploadOne(client: VercelClient, blob: Blob, concurrency: UploadConcurrency): Promise<void> {
  const read = readWhole(blob.path);
  if (!read || !holdsHashedBytes(blob, read)) {
    throw new ConfigurationError(
      `${blob.file} changed or disappeared while deploying (it no longer matches its SHA-1): something in the job is still writing to the files being deployed. Deploy after that step has finished.`,
      'working-directory',
    );
  }
  let sentIn = concurrency.window;
  try {
    await client.uploadFile(blob.sha, read.data, {
      onRetry: (error) => {
        if (error.status === 429) concurrency.throttled(sentIn);
        // The next attempt goes out in the window of now.
        sentIn = concurrency.window;
      },
    });
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    throw new ApiError(`Uploading ${blob.file} (${formatBytes(blob.size)}) to Vercel failed: ${errorMessage(error)}`, VENDOR, status, error instanceof ApiError ? error.code : undefined);
  }
}

/**
 * The bytes sent are the bytes the SHA-1 names: the file is as it was stamped before hashing
 * (stamp.ts), or, when that cannot be told from its stat, its SHA-1 is computed again. Hashing
 * every upload again cost the step 0.2 s of CPU per 100 MB.
 */
function holdsHashedBytes(blob: Blob, read: { data: Buffer; stats: Stats }): boolean {
  if (read.data.length !== blob.size) return false;
  return unchangedSince(blob.stamp, read.stats) || sha1Of(read.data) === blob.sha;
}

function unknownDigest(sha: string): never {
  throw new ApiError(
    `Vercel asked for a file with SHA-1 ${sha}, which is not part of this deployment. This is unexpected: please report it to deploy-kit with this log.`,
    VENDOR,
    400,
    'missing_files',
  );
}

