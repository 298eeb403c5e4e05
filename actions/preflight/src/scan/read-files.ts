/**
 * Reads the files to scan and hands each text file to a callback. Files over the size limit
 * and files with a NUL byte in their first 8 KiB (binaries) are skipped; unreadable ones
 * (deleted since listing, a submodule folder) too. A symbolic link is never followed (git tracks
 * the link, not what it points at, which may be outside the repository) and only regular files
 * are read: a FIFO or a device such as /dev/zero is skipped.
 *
 * Reads are synchronous on purpose: for the many small files of a repository, one
 * open/fstat/read/close sequence costs about 5 µs, while the promise API's four thread-pool
 * round trips cost about 25 µs (measured: 20,000 files read in 0.11 s against 0.45–0.95 s).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;

export interface ReadSummary {
  files: number;
  bytes: number;
  /** Files over the size limit, which were not scanned. */
  skippedLarge: string[];
}

function readSmallFile(path: string, maxBytes: number): Buffer | 'large' | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(descriptor);
    if (!info.isFile()) return undefined;
    const { size } = info;
    if (size > maxBytes) return 'large';
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(descriptor, buffer, filled, size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return filled === size ? buffer : buffer.subarray(0, filled);
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}

function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

export function forEachTextFile(
  root: string,
  files: readonly string[],
  maxFileBytes: number,
  onFile: (path: string, text: string) => void,
): ReadSummary {
  const summary: ReadSummary = { files: 0, bytes: 0, skippedLarge: [] };
  for (const path of files) {
    const content = readSmallFile(join(root, path), maxFileBytes);
    if (content === 'large') summary.skippedLarge.push(path);
    if (!content || content === 'large' || isBinary(content)) continue;
    summary.files++;
    summary.bytes += content.length;
    onFile(path, content.toString('utf8'));
  }
  summary.skippedLarge.sort();
  return summary;
}
