import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Project } from '../../../packages/shared/src/clients/vercel.js';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import { collectPrebuilt, collectSource, type Collected } from './files/collect.js';
import { checkPrebuiltOutput } from './prebuilt.js';
import type { DeploySettings } from './settings.js';

/**
 * Which files a deployment is made of. Monorepos: the upload root is always the working
 * directory (the repository root, so the app can import its workspace packages); the app lives in
 * `root-directory`, else in the project's own Root Directory setting. A prebuilt output is looked
 * for in that directory, where `vercel build` writes it (as the CLI's `deploy --prebuilt` does).
 */
export interface Layout extends Collected {
  mode: 'prebuilt' | 'source';
}

export async function collectDeploymentFiles(settings: DeploySettings, project: Project, prebuilt: boolean, workspace: string): Promise<Layout> {
  const appDirectory = settings.rootDirectory ?? project.rootDirectory ?? '';
  if (!settings.rootDirectory && appDirectory) await requireProjectRoot(settings.uploadRoot, appDirectory);
  if (!prebuilt) return { mode: 'source', ...(await collectSource(settings.uploadRoot)) };
  const outputDir = join(settings.uploadRoot, appDirectory, '.vercel', 'output');
  await checkPrebuiltOutput(outputDir, relative(workspace, outputDir) || outputDir, settings.target);
  return { mode: 'prebuilt', ...(await collectPrebuilt(settings.uploadRoot, outputDir)) };
}

async function requireProjectRoot(uploadRoot: string, rootDirectory: string): Promise<void> {
  const info = await stat(join(uploadRoot, rootDirectory)).catch(() => undefined);
  if (info?.isDirectory()) return;
  throw new ConfigurationError(
    `The Vercel project's Root Directory is '${rootDirectory}', but ${join(uploadRoot, rootDirectory)} does not exist: set 'working-directory' to the repository root (the directory holding ${rootDirectory}), or set 'root-directory'.`,
    'working-directory',
  );
}
