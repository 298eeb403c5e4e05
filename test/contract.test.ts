import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ACTIONS } from '../packages/cli/src/actions.js';
import type { InputSpecs } from '../packages/shared/src/inputs.js';

/**
 * The contract users pin: each <name>/action.yml declares exactly the inputs its schema reads,
 * with the same defaults (the runner applies action.yml's; the CLI applies the schema's), and
 * runs the shared bundle's entry under node24.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const published = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'action.yml')) && existsSync(join(root, 'actions', d.name)))
  .map((d) => d.name);

async function definitionOf(name: string): Promise<{ name: string; inputs: InputSpecs }> {
  const module = (await import(join(root, 'actions', name, 'src', 'action.js'))) as Record<string, { name?: string; inputs?: InputSpecs }>;
  const def = Object.values(module).find((v) => v && typeof v === 'object' && v.name === name && v.inputs);
  if (!def) throw new Error(`actions/${name}/src/action.ts exports no definition named '${name}'`);
  return def as { name: string; inputs: InputSpecs };
}

describe.each(published)('%s/action.yml', (name) => {
  const manifest = parse(readFileSync(join(root, name, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string; required?: boolean }>;
    outputs?: Record<string, unknown>;
    runs: { using: string; main: string };
  };

  it('runs the shared bundle entry under node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: `../dist/${name}/index.js` });
  });

  it('is registered with the local command', () => {
    expect(Object.keys(ACTIONS)).toContain(name);
  });

  it('declares exactly the inputs the schema reads, with the same defaults', async () => {
    const def = await definitionOf(name);
    const declared = manifest.inputs ?? {};
    expect(Object.keys(declared).sort()).toEqual(Object.keys(def.inputs).sort());
    for (const [input, spec] of Object.entries(def.inputs)) {
      const yml = declared[input]!;
      // A default of an expression (e.g. ${{ github.token }}) is the runner's to fill in.
      const ymlDefault = typeof yml.default === 'string' && yml.default.startsWith('${{') ? undefined : yml.default;
      expect({ input, default: ymlDefault === undefined ? undefined : String(ymlDefault) }).toEqual({ input, default: spec.default });
      expect({ input, required: yml.required === true }).toEqual({ input, required: spec.required === true });
    }
  });
});

it('publishes at least one action', () => {
  expect(published.length).toBeGreaterThan(0);
});
