import type { z } from 'zod';
import { renameCamelKeys, type RenamedKey } from './config-keys.js';
import { warnDeprecated } from './deprecation.js';
import { ConfigurationError } from './errors.js';
import { readSmallFile, resolveInWorkspace } from './paths.js';

/** The config file is a few kilobytes; anything past this is not one (or a device like /dev/zero). */
const MAX_CONFIG_BYTES = 1024 * 1024;

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
  const full = resolveInWorkspace(workspace, path, { input: 'config', expected: `the path of the deploy-kit file from the repository root, e.g. ${DEFAULT_CONFIG_PATH}` });
  let text: string;
  try {
    text = await readSmallFile(full, MAX_CONFIG_BYTES);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && path === DEFAULT_CONFIG_PATH) return emptyConfig(path);
    const why = missing ? 'there is no such file in the repository' : (error as Error).message;
    throw new ConfigurationError(
      `Input 'config' ${JSON.stringify(path)} cannot be read: ${why}. Give the path of the deploy-kit file from the repository root, e.g. ${DEFAULT_CONFIG_PATH}.`,
      'config',
    );
  }
  // The YAML parser is loaded only when there is a file to parse.
  const { parseConfig } = await import('./config-yaml.js');
  return parseConfig(text, path);
}

/** No config file: every section empty. */
export function emptyConfig(path: string): LoadedConfig {
  return { path, data: {}, lineOf: () => undefined };
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
