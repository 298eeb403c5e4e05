import { createHash } from 'node:crypto';
import type { LocalFile } from './collect.js';
import { readInChunks } from './read.js';
import type { Stamp } from './stamp.js';

/**
 * SHA-1 of every file, read in chunks (a large file never sits in memory whole), a bounded number
 * at once. Each worker reuses one chunk buffer: a fresh stream per file allocates its own, which
 * made hashing thousands of small files five times slower; reading is read.ts's. Files with the
 * same contents share one SHA-1 and are uploaded once: Vercel stores contents by digest
 * (https://vercel.com/docs/rest-api/deployments/upload-deployment-files).
 */
export interface HashedFile {
  file: string;
  sha: string;
  size: number;
}

export interface Blob {
  sha: string;
  size: number;
  /** One file with these contents: its name in the deployment, its path on disk and its stamp when listed. */
  file: string;
  path: string;
  stamp: Stamp;
}

export interface Hashed {
  files: HashedFile[];
  /** One entry per distinct SHA-1. */
  blobs: Map<string, Blob>;
  bytes: number;
  durationMs: number;
}

const CHUNK = 256 * 1024;

export async function hashFiles(files: LocalFile[], concurrency: number): Promise<Hashed> {
  const started = performance.now();
  const digests = new Array<{ sha: string; size: number }>(files.length);
  let next = 0;
  const worker = async () => {
    const chunk = Buffer.allocUnsafe(CHUNK);
    while (next < files.length) {
      const index = next++;
      digests[index] = await sha1(files[index]!, chunk);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  const blobs = new Map<string, Blob>();
  let bytes = 0;
  const hashed = files.map((f, i) => ({ file: f.file, path: f.path, stamp: f.stamp, ...digests[i]! }));
  for (const f of hashed) {
    bytes += f.size;
    if (!blobs.has(f.sha)) blobs.set(f.sha, { sha: f.sha, size: f.size, file: f.file, path: f.path, stamp: f.stamp });
  }
  return {
    files: hashed.map(({ file, sha, size }) => ({ file, sha, size })),
    blobs,
    bytes,
    durationMs: performance.now() - started,
  };
}

/** The digest and the size actually read, which is what the upload will send. */
async function sha1(file: LocalFile, chunk: Buffer): Promise<{ sha: string; size: number }> {
  const hash = createHash('sha1');
  const size = await readInChunks(file.path, chunk, file.size, (bytes) => hash.update(bytes));
  return { sha: hash.digest('hex'), size };
}

export function sha1Of(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
