import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { configSection, loadConfig } from '../src/config.js';
import { parseConfig } from '../src/config-yaml.js';
import { ConfigurationError } from '../src/errors.js';

const smoke = z.object({
  endpoints: z.array(z.object({ path: z.string(), status: z.number().int().default(200) })).default([]),
}).strict();

describe('config file', () => {
  it('is empty when the default file does not exist', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'dk-empty-'));
    const config = await loadConfig(undefined, workspace);
    expect(configSection(config, 'smoke', smoke)).toEqual({ endpoints: [] });
  });

  it('names the input when a file the user chose does not exist', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'dk-empty-'));
    await expect(loadConfig('ci/deploy-kit.yml', workspace)).rejects.toThrow(
      `Input 'config' "ci/deploy-kit.yml" cannot be read: there is no such file in the repository. Give the path of the deploy-kit file from the repository root, e.g. .github/deploy-kit.yml.`,
    );
  });

  it('reads the file from the workspace and names it as the user wrote it', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'dk-ws-'));
    await mkdir(join(workspace, 'ci'));
    await writeFile(join(workspace, 'ci', 'dk.yml'), 'smoke:\n  endpoints:\n    - path: 3\n');
    const config = await loadConfig('ci/dk.yml', workspace);
    expect(() => configSection(config, 'smoke', smoke)).toThrow(/^ci\/dk\.yml:3: smoke\.endpoints\.0\.path: /);
  });

  it('validates a section and names the key path and line of an error', () => {
    const text = ['preflight:', '  todo-policy: warn', 'smoke:', '  endpoints:', '    - path: /api/health', '      status: "ok"'].join('\n');
    const config = parseConfig(text, '.github/deploy-kit.yml');
    expect(() => configSection(config, 'smoke', smoke)).toThrow(ConfigurationError);
    expect(() => configSection(config, 'smoke', smoke)).toThrow(/^\.github\/deploy-kit\.yml:6: smoke\.endpoints\.0\.status: .*number/);
  });

  it('names an unknown key', () => {
    const config = parseConfig('smoke:\n  endpoint: []\n', 'c.yml');
    expect(() => configSection(config, 'smoke', smoke)).toThrow(/c\.yml:2: smoke: .*endpoint/);
  });

  it('points at the line of broken YAML', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dk-config-'));
    const path = join(dir, 'deploy-kit.yml');
    await writeFile(path, 'smoke:\n  endpoints: [\n    - a\n');
    await expect(loadConfig(path)).rejects.toThrow(/deploy-kit\.yml:\d+: not valid YAML/);
  });
});
