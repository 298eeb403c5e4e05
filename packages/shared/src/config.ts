import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { renameCamelKeys, type RenamedKey } from './config-keys.js';
import { warnDeprecated } from './deprecation.js';
import { ConfigurationError } from './errors.js';

/**
 * `.github/deploy-kit.yml`: one top-level section per action for structured settings.
 * A missing file is an empty config; a malformed one is an error naming the key path and line.
 */
export const DEFAULT_CONFIG_PATH = '.github/deploy-kit.yml';

export interface LoadedConfig {
  path: string;
  /** Parsed YAML, or {} when the file does not exist. */
  data: Record<string, unknown>;
  /** 1-based line of a key path's value, e.g. ['smoke', 'endpoints', 0, 'status']. */
  lineOf(path: (string | number)[]): number | undefined;
  /** 1-based line of the key itself (where a mapping's key is written). */
  keyLineOf?(path: (string | number)[]): number | undefined;
}

/**
 * Reads the config file at `path` (as the `config` input spells it) from `workspace`. A missing
 * file is an empty config only at the default path: a path the user chose must exist.
 */
export async function loadConfig(path: string = DEFAULT_CONFIG_PATH, workspace: string = process.cwd()): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(resolve(workspace, path), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && path === DEFAULT_CONFIG_PATH) return { path, data: {}, lineOf: () => undefined };
    const why = missing ? 'there is no such file in the repository' : (error as Error).message;
    throw new ConfigurationError(
      `Input 'config' ${JSON.stringify(path)} cannot be read: ${why}. Give the path of the deploy-kit file from the repository root, e.g. ${DEFAULT_CONFIG_PATH}.`,
      'config',
    );
  }
  return parseConfig(text, path);
}

export function parseConfig(text: string, path: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new ConfigurationError(`${path}${line ? `:${line}` : ''}: not valid YAML: ${yamlError.message.split('\n')[0]}`, 'config');
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigurationError(`${path}: expected a mapping of sections (preflight:, smoke:, ...) at the top level.`, 'config');
  }
  const lineOf = (keyPath: (string | number)[]) => {
    const node = nodeAt(doc.contents as Node | null, keyPath) ?? nodeAt(doc.contents as Node | null, keyPath.slice(0, -1));
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const keyLineOf = (keyPath: (string | number)[]) => {
    const parent = nodeAt(doc.contents as Node | null, keyPath.slice(0, -1));
    const key = isMap(parent) ? parent.items.find((pair) => (pair.key as { value?: unknown })?.value === keyPath.at(-1))?.key : undefined;
    const range = (key as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return { path, data: data as Record<string, unknown>, lineOf, keyLineOf };
}

/** A key path of the validated data, spelled as the file wrote it (old camelCase keys included). */
function writtenPath(path: (string | number)[], renamed: RenamedKey[]): (string | number)[] {
  const written: (string | number)[] = [];
  for (const segment of path) {
    const old = renamed.find((r) => r.to === segment && r.path.length === written.length + 1 && written.every((w, i) => r.path[i] === w));
    written.push(old ? old.from : segment);
  }
  return written;
}

function nodeAt(node: Node | null, keyPath: (string | number)[]): Node | undefined {
  let current: unknown = node;
  for (const key of keyPath) {
    if (isMap(current)) current = current.items.find((pair) => (pair.key as { value?: unknown })?.value === key)?.value;
    else if (isSeq(current) && typeof key === 'number') current = current.items[key];
    else return undefined;
  }
  return (current as Node) ?? undefined;
}

/**
 * Validates one section with its zod schema; an error names `section.key.path` and its line.
 * Keys are kebab-case; an old camelCase spelling is accepted with a deprecation warning.
 */
export function configSection<T>(config: LoadedConfig, section: string, schema: z.ZodType<T>): T {
  const renamed: RenamedKey[] = [];
  const data = renameCamelKeys(config.data[section] ?? {}, schema, [section], renamed);
  for (const key of renamed) {
    const line = config.keyLineOf?.(key.path) ?? config.lineOf(key.path);
    warnDeprecated(
      `${config.path}${line ? `:${line}` : ''}: ${key.path.join('.')} is the old spelling: write \`${key.to}\` (config keys are kebab-case). The old spelling still works for now.`,
      { file: config.path, line },
    );
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.slice(0, 5).map((issue) => {
    const keyPath = writtenPath([section, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], renamed);
    const line = config.lineOf(keyPath);
    return `${config.path}${line ? `:${line}` : ''}: ${keyPath.join('.')}: ${issue.message}`;
  });
  throw new ConfigurationError(messages.join('\n'), `${section}.${parsed.error.issues[0]?.path.join('.') ?? ''}`);
}
