import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { configSection, loadConfig } from '../src/config.js';
import { parseConfig } from '../src/config-yaml.js';
import { ConfigurationError } from '../src/errors.js';
import { useDeprecationLogger } from '../src/deprecation.js';
import type { Logger } from '../src/logger.js';

const silent: Logger = { info() {}, debug() {}, notice() {}, warning() {}, error() {}, group: (_t, fn) => fn() };

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
    await expect(loadConfig('deploy-kit.yml', dir)).rejects.toThrow(/deploy-kit\.yml:\d+: not valid YAML/);
  });
});

describe('config keys are kebab-case', () => {
  const schema = z.strictObject({
    'project-settings': z.strictObject({ 'build-command': z.string().optional(), 'node-version': z.string().optional() }).optional(),
    body: z.record(z.string(), z.unknown()).optional(),
  });

  it('accepts the old camelCase spelling with a deprecation warning naming the line, leaving user data alone', () => {
    const warnings: string[] = [];
    useDeprecationLogger({ ...silent, warning: (m, p) => warnings.push(`${m} @${p?.file}:${p?.line}`) });
    const config = parseConfig('deploy:\n  projectSettings:\n    buildCommand: pnpm build\n  body: { userName: probe }\n', 'ci/dk.yml');
    expect(configSection(config, 'deploy', schema)).toEqual({ 'project-settings': { 'build-command': 'pnpm build' }, body: { userName: 'probe' } });
    expect(warnings).toEqual([
      'ci/dk.yml:2: deploy.projectSettings is the old spelling: write `project-settings` (config keys are kebab-case). The old spelling still works for now. @ci/dk.yml:2',
      'ci/dk.yml:3: deploy.projectSettings.buildCommand is the old spelling: write `build-command` (config keys are kebab-case). The old spelling still works for now. @ci/dk.yml:3',
    ]);
  });

  it('names a wrong value under an old key as the file spells it, with its line', () => {
    useDeprecationLogger(silent);
    const config = parseConfig('deploy:\n  projectSettings:\n    nodeVersion: 22\n', 'dk.yml');
    expect(() => configSection(config, 'deploy', schema)).toThrow(/^dk\.yml:3: deploy\.projectSettings\.nodeVersion: /);
  });

  it('takes the kebab-case spelling without a warning', () => {
    const warnings: string[] = [];
    useDeprecationLogger({ ...silent, warning: (m) => warnings.push(m) });
    const config = parseConfig('deploy:\n  project-settings:\n    node-version: 22.x\n', 'dk.yml');
    expect(configSection(config, 'deploy', schema)).toEqual({ 'project-settings': { 'node-version': '22.x' } });
    expect(warnings).toEqual([]);
  });
});
