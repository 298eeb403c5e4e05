import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { configSection, loadConfig, parseConfig } from '../src/config.js';
import { ConfigurationError } from '../src/errors.js';

const smoke = z.object({
  endpoints: z.array(z.object({ path: z.string(), status: z.number().int().default(200) })).default([]),
}).strict();

describe('config file', () => {
  it('is empty when the file does not exist', async () => {
    const config = await loadConfig(join(tmpdir(), 'no-such-deploy-kit.yml'));
    expect(configSection(config, 'smoke', smoke)).toEqual({ endpoints: [] });
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
