import { createHash } from 'node:crypto';
import type { Chunk, ChunkUploadOptions } from '../../../../packages/shared/src/clients/sentry.js';

/**
 * The bundle cut into `chunkSize` pieces, each named by its SHA-1, and the whole bundle's SHA-1
 * (sentry-cli get_sha1_checksums); and the pieces grouped into requests of at most
 * `chunksPerRequest` chunks and `maxRequestSize` bytes (sentry-cli src/utils/chunks/upload.rs).
 */
export interface Chunked {
  checksum: string;
  chunks: Chunk[];
}

export function chunkBundle(archive: Buffer, chunkSize: number): Chunked {
  const chunks: Chunk[] = [];
  for (let start = 0; start < archive.length; start += chunkSize) {
    const data = archive.subarray(start, start + chunkSize);
    chunks.push({ checksum: sha1(data), data });
  }
  return { checksum: sha1(archive), chunks };
}

export function requestBatches(chunks: Chunk[], options: Pick<ChunkUploadOptions, 'chunksPerRequest' | 'maxRequestSize'>): Chunk[][] {
  const batches: Chunk[][] = [];
  let current: Chunk[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    const full = current.length >= options.chunksPerRequest || (current.length > 0 && bytes + chunk.data.length > options.maxRequestSize);
    if (full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(chunk);
    bytes += chunk.data.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
