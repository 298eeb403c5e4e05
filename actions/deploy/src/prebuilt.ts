import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';

/**
 * Checks a `vercel build` output before uploading it, as the Vercel CLI's `deploy --prebuilt`
 * does (packages/cli/src/commands/deploy/index.ts): it must exist, its builds.json must not record
 * a failed build, and it must have been built for the environment being deployed (environment
 * variables are baked in at build time).
 */
export async function checkPrebuiltOutput(outputDir: string, shownAs: string, target: 'production' | 'preview'): Promise<void> {
  const info = await stat(outputDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ConfigurationError(
      `No prebuilt output at ${shownAs}: run \`vercel build${target === 'production' ? ' --prod' : ''}\` before this step, or set 'prebuilt' to false to let Vercel build from source.`,
      'prebuilt',
    );
  }
  const builds = await readBuildsJson(join(outputDir, 'builds.json'));
  const failure = builds?.error ?? builds?.builds?.find((b) => b.error)?.error;
  if (failure) {
    throw new ConfigurationError(
      `The prebuilt output records a failed \`vercel build\` (${failure.message ?? failure.code ?? 'no message'}): fix the build in the step that ran it; there is nothing to deploy.`,
      'prebuilt',
    );
  }
  if (builds?.target && builds.target !== target) {
    throw new ConfigurationError(
      `The prebuilt output was built for ${builds.target} but this deploys to ${target}: run \`vercel build${target === 'production' ? ' --prod' : ''}\` for ${target}, or set 'environment' to ${builds.target}.`,
      'environment',
    );
  }
}

interface BuildsJson {
  target?: string;
  error?: { message?: string; code?: string };
  builds?: { error?: { message?: string; code?: string } }[];
}

async function readBuildsJson(path: string): Promise<BuildsJson | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as BuildsJson;
  } catch {
    return undefined;
  }
}
