import { close, open, read, readFileSync, statSync, type Stats } from 'node:fs';

/**
 * Reading the deployment's files, for hashing and for uploading. A deployment is thousands of
 * small files, so what a read costs besides copying bytes counts: node:fs/promises (a FileHandle,
 * and a promise per step) took about twice the CPU per file of the callback API on Node 20, and
 * every asynchronous step is a round trip through libuv's thread pool, which on a busy 2-core
 * runner also costs the main thread a context switch.
 */

/**
 * For hashing, the first read of each file: asynchronous and several at once, so that a disk
 * whose cache is cold is still read in parallel. Passes the file to `take` a chunk at a time,
 * read into `chunk` (reused: the chunk handed over is valid until `take` returns). A read shorter
 * than the chunk once `expectedSize` bytes are in is the end of the file: a small file costs an
 * open, one read and a close, without the empty read that would confirm it. Returns the bytes read.
 */
export async function readInChunks(path: string, chunk: Buffer, expectedSize: number, take: (bytes: Buffer) => void): Promise<number> {
  const fd = await openToRead(path);
  let size = 0;
  try {
    for (;;) {
      const bytesRead = await readInto(fd, chunk);
      if (bytesRead === 0) break;
      take(chunk.subarray(0, bytesRead));
      size += bytesRead;
      if (bytesRead < chunk.length && size === expectedSize) break;
    }
  } finally {
    await closeFile(fd);
  }
  return size;
}

/**
 * For uploading: the whole file and what it looked like once read (stat after the read, so that
 * a write during it shows), or undefined when it is gone. Read synchronously, on purpose: hashing
 * read this file moments before, so it comes from the page cache, where a synchronous read is a
 * copy of a few microseconds per small file, while an asynchronous one is four trips through the
 * thread pool (open, stat, read, close) for the thread that also drives the uploads in flight. For
 * 5,000 files: 0.1 s of CPU against 0.3 s, and on a loaded runner the context switches of those
 * trips cost that thread up to a second.
 */
export function readWhole(path: string): { data: Buffer; stats: Stats } | undefined {
  try {
    const data = readFileSync(path);
    return { data, stats: statSync(path) };
  } catch {
    return undefined;
  }
}

function openToRead(path: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));
}

function readInto(fd: number, chunk: Buffer): Promise<number> {
  return new Promise((resolve, reject) => read(fd, chunk, 0, chunk.length, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

function closeFile(fd: number): Promise<void> {
  return new Promise((resolve, reject) => close(fd, (error) => (error ? reject(error) : resolve())));
}
