/**
 * Debug ids, which tie a minified file to its source map whatever its URL: a bundler plugin (or
 * `sentry-cli sourcemaps inject`) writes `//# debugId=<uuid>` at the end of the JavaScript file
 * and `"debug_id"` (older tools: `"debugId"`) into the map (getsentry/sentry-cli
 * src/utils/sourcemaps/inject.rs; symbolic's discover_debug_id and
 * discover_sourcemap_embedded_debug_id).
 */
const UUID = '[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}';
const JS_COMMENT = new RegExp(`^//# debugId=(${UUID})\\s*$`, 'm');
/** A top-level key: not preceded by a backslash, which would put it inside a JSON string (sourcesContent). */
const MAP_KEY = new RegExp(`(?<!\\\\)"debug_?[iI]d"\\s*:\\s*"(${UUID})"`);
/** The comments sit at the end of a file; searching its tail keeps a 5 MB bundle cheap. */
const TAIL = 4096;

export function debugIdOfScript(text: string): string | undefined {
  const matches = text.slice(-TAIL).match(new RegExp(JS_COMMENT.source, 'gm'));
  const last = matches?.at(-1);
  return last ? normalize(JS_COMMENT.exec(last)![1]!) : undefined;
}

export function debugIdOfMap(text: string): string | undefined {
  const match = MAP_KEY.exec(text.slice(-TAIL)) ?? MAP_KEY.exec(text);
  return match ? normalize(match[1]!) : undefined;
}

/** `//# sourceMappingURL=<ref>`, the last one in the file (data: URLs are inline maps, not files). */
export function sourceMappingUrl(text: string): string | undefined {
  const matches = [...text.slice(-TAIL).matchAll(/^\/\/[#@] sourceMappingURL=(\S+)\s*$/gm)];
  const ref = matches.at(-1)?.[1];
  return ref && !ref.startsWith('data:') ? ref : undefined;
}

function normalize(id: string): string {
  const hex = id.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
