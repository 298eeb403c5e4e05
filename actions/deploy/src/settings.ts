import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { readProjectLink } from '../../../packages/shared/src/clients/vercel.js';
import type { LoadedConfig } from '../../../packages/shared/src/config.js';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import { resolveInWorkspace } from '../../../packages/shared/src/paths.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import { readDeployConfig, type ProjectSettings } from './config.js';
import type { DeployInputs } from './inputs.js';

/**
 * Everything a deploy needs, resolved from the inputs, `.vercel/project.json` (written by
 * `vercel link` / `vercel pull`) and the config file — inputs first.
 */
export interface DeploySettings {
  token: string;
  orgId?: string;
  projectId: string;
  /** The uploaded directory (absolute): the working directory. */
  uploadRoot: string;
  /** `root-directory` as given, or undefined. */
  rootDirectory?: string;
  projectSettings: ProjectSettings;
  target: 'production' | 'preview';
}

export async function resolveSettings(inputs: DeployInputs, run: RunContext, config: LoadedConfig): Promise<DeploySettings> {
  const token = inputs['vercel-token'];
  const uploadRoot = resolveInWorkspace(run.workspace, inputs['working-directory'], { input: 'working-directory', expected: 'a directory of the repository, e.g. . or apps/web' });
  await requireDirectory(uploadRoot, `Input 'working-directory' "${inputs['working-directory']}"`, 'working-directory', 'a directory of the repository, e.g. . or apps/web');
  const rootDirectory = inputs['root-directory'] || undefined;
  if (rootDirectory) {
    const rootPath = resolveInWorkspace(uploadRoot, rootDirectory, { input: 'root-directory', expected: "a directory inside 'working-directory', e.g. apps/web" });
    await requireDirectory(rootPath, `Input 'root-directory' "${rootDirectory}"`, 'root-directory', "a directory inside 'working-directory', e.g. apps/web");
  }
  const link = (await readProjectLink(uploadRoot)) ?? (rootDirectory ? await readProjectLink(join(uploadRoot, rootDirectory)) : undefined);
  const projectId = inputs['vercel-project-id'] ?? link?.projectId;
  if (!projectId) {
    throw new ConfigurationError(
      "Input 'vercel-project-id' is required: expected the project id (prj_…) or name, from the project's Settings → General, or a .vercel/project.json in 'working-directory' (run `vercel pull` first).",
      'vercel-project-id',
    );
  }
  const orgId = inputs['vercel-org-id'] ?? link?.orgId;
  const projectSettings = { ...readDeployConfig(config) };
  if (rootDirectory) projectSettings.rootDirectory = rootDirectory;
  return {
    token,
    orgId,
    projectId,
    uploadRoot,
    rootDirectory,
    projectSettings,
    target: inputs.environment,
  };
}

/** The uploaded directory relative to the repository, for gitMetadata; undefined outside it. */
export function repoPathOf(uploadRoot: string, workspace: string): string | undefined {
  const rel = relative(workspace, uploadRoot).split('\\').join('/');
  return rel.startsWith('..') || isAbsolute(rel) ? undefined : rel;
}

async function requireDirectory(path: string, what: string, input: string, expected: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ConfigurationError(`${what} does not exist (${path}): expected ${expected}.`, input);
  if (!info.isDirectory()) throw new ConfigurationError(`${what} is not a directory: expected ${expected}.`, input);
}
