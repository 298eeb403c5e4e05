import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { LoadedConfig } from './config.js';
import { ConfigurationError } from './errors.js';

/**
 * The YAML side of config.ts, in its own module so that the parser is loaded (imported by
 * loadConfig) only when a config file exists: most runs have none.
 */
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

function nodeAt(node: Node | null, keyPath: (string | number)[]): Node | undefined {
  let current: unknown = node;
  for (const key of keyPath) {
    if (isMap(current)) current = current.items.find((pair) => (pair.key as { value?: unknown })?.value === key)?.value;
    else if (isSeq(current) && typeof key === 'number') current = current.items[key];
    else return undefined;
  }
  return (current as Node) ?? undefined;
}
