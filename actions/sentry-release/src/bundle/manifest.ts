import { createHash } from 'node:crypto';
import { debugIdOfMap, debugIdOfScript, sourceMappingUrl } from './debug-id.js';

/**
 * An artifact bundle's manifest.json, as sentry-cli writes it through symbolic's
 * SourceBundleWriter (getsentry/sentry-cli src/utils/source_bundle.rs, src/utils/file_upload.rs):
 * `files` maps each zip path (`files/` + the URL turned into a path) to the file's `url`, `type`
 * (`minified_source` or `source_map`) and `headers` (`debug-id`, `Sourcemap`); the bundle's own
 * attributes (`debug_id`, `org`, `release`, and `project` when there is exactly one) sit beside it.
 */
export type SourceFileType = 'minified_source' | 'source_map';

export interface BundleFile {
  url: string;
  type: SourceFileType;
  headers: Record<string, string>;
  contents: Buffer;
}

export interface ManifestContext {
  org: string;
  projects: string[];
  release?: string;
}

export interface Manifest {
  files: Record<string, { url: string; type: SourceFileType; headers?: Record<string, string> }>;
  debug_id: string;
  org: string;
  project?: string;
  release?: string;
}

/** Types and headers from the files' contents: debug ids, and each script's map reference. */
export function describeFiles(files: { url: string; contents: Buffer }[]): BundleFile[] {
  const described: BundleFile[] = files.map(({ url, contents }) => {
    const text = contents.toString('utf8');
    if (url.endsWith('.map')) return withHeader({ url, contents, type: 'source_map', headers: {} }, 'debug-id', debugIdOfMap(text));
    const file = withHeader({ url, contents, type: 'minified_source', headers: {} }, 'debug-id', debugIdOfScript(text));
    return withHeader(file, 'Sourcemap', sourceMappingUrl(text));
  });
  inheritDebugIds(described);
  return described;
}

/** A map without its own debug id takes the one of the script that references it. */
function inheritDebugIds(files: BundleFile[]): void {
  const maps = new Map(files.filter((f) => f.type === 'source_map').map((f) => [f.url, f]));
  for (const script of files) {
    const ref = script.headers['Sourcemap'];
    const debugId = script.headers['debug-id'];
    if (!ref || !debugId) continue;
    const map = maps.get(resolveRef(script.url, ref));
    if (map && !map.headers['debug-id']) map.headers['debug-id'] = debugId;
  }
}

function resolveRef(scriptUrl: string, ref: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('~/')) return ref;
  const dir = scriptUrl.slice(0, scriptUrl.lastIndexOf('/') + 1);
  const parts: string[] = [];
  for (const part of (dir + ref).split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function withHeader(file: BundleFile, name: string, value: string | undefined): BundleFile {
  if (value) file.headers[name] = value;
  return file;
}

/** `~/a/b.js` → `files/_/_/a/b.js`; `https://cdn.example.com/a.js` → `files/https/cdn.example.com/a.js` (url_to_bundle_path). */
export function bundlePath(url: string): string {
  if (url.startsWith('~/')) return `files/_/_/${url.slice(2).replace(/^\/+/, '')}`;
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)\/*(.*)$/i.exec(url);
  if (!match) return `files/_/_/${url.replace(/^\/+/, '')}`;
  const [, scheme, host, path] = match;
  return `files/${scheme}/${host || '_'}/${path}`;
}

export function buildManifest(files: BundleFile[], context: ManifestContext): Manifest {
  const entries: Manifest['files'] = {};
  for (const file of files) {
    entries[bundlePath(file.url)] = { url: file.url, type: file.type, ...(Object.keys(file.headers).length > 0 ? { headers: file.headers } : {}) };
  }
  return {
    files: entries,
    debug_id: bundleDebugId(files),
    org: context.org,
    ...(context.projects.length === 1 ? { project: context.projects[0] } : {}),
    ...(context.release ? { release: context.release } : {}),
  };
}

/** A UUID (version 5 layout) from the SHA-1 of every file's URL, contents, type and headers, as sentry-cli derives it. */
function bundleDebugId(files: BundleFile[]): string {
  const hash = createHash('sha1');
  for (const file of files) {
    hash.update(file.url).update(file.contents).update(file.type);
    for (const [key, value] of Object.entries(file.headers).sort()) hash.update(key).update(value);
  }
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
