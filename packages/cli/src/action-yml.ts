import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** What the CLI's --help and the README tables read from an action.yml. */
export interface ActionManifest {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
}

export async function readManifest(path: string): Promise<ActionManifest> {
  const doc = parse(await readFile(path, 'utf8')) as Partial<ActionManifest>;
  return {
    name: doc.name ?? '',
    description: doc.description ?? '',
    inputs: doc.inputs ?? {},
    outputs: doc.outputs ?? {},
  };
}
