import { readFile } from 'node:fs/promises';
import { mapLimit } from '../../../../packages/shared/src/pool.js';
import type { SourceFileEntry } from './collect.js';
import { buildManifest, bundlePath, describeFiles, type ManifestContext } from './manifest.js';
import { BUNDLE_PREFIX, writeZip } from './zip.js';

/** The artifact bundle: the files and manifest.json in one ZIP, as sentry-cli uploads them. */
export interface ArtifactBundle {
  archive: Buffer;
  files: number;
  /** Files that carry a debug id (scripts and maps). */
  withDebugId: number;
  /** Bytes of the files before compression. */
  sourceBytes: number;
}

export async function buildArtifactBundle(entries: SourceFileEntry[], context: ManifestContext): Promise<ArtifactBundle> {
  const read = await mapLimit(entries, 16, async (entry) => ({ url: entry.url, contents: await readFile(entry.path) }));
  const files = describeFiles(read);
  const manifest = buildManifest(files, context);
  // The manifest goes last, as SourceBundleWriter writes it on finish(): a new release name then
  // changes only the archive's tail, and the chunks before it are already on the server.
  const zipEntries = [...files.map((f) => ({ name: bundlePath(f.url), data: f.contents })), { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }];
  return {
    archive: await writeZip(zipEntries, BUNDLE_PREFIX),
    files: files.length,
    withDebugId: files.filter((f) => f.headers['debug-id']).length,
    sourceBytes: read.reduce((sum, f) => sum + f.contents.length, 0),
  };
}
