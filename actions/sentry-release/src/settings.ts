import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import { workspaceDirectory } from '../../../packages/shared/src/workspace-files.js';
import { headCommit } from './git.js';
import type { SentryReleaseInputs } from './inputs.js';

/**
 * What the run acts on, resolved once: the token, the working directory (inside the workspace),
 * the commit and the release version (`prefix` + `version`, the version defaulting to the commit).
 */
export interface Settings {
  token: string;
  cwd: string;
  sha?: string;
  version: string;
}

export async function resolveSettings(inputs: SentryReleaseInputs, run: RunContext): Promise<Settings> {
  const token = inputs['auth-token'];
  const cwd = await workspaceDirectory(run.workspace, { input: 'working-directory', value: inputs['working-directory'], expected: 'a directory of the repository, e.g. apps/web' });
  const sha = run.sha ?? (await headCommit(cwd));
  const base = inputs.version ?? sha;
  if (!base) {
    throw new ConfigurationError("Input 'version' is not set and there is no commit to default to (no GITHUB_SHA, and the working directory is not a git checkout): set 'version'.", 'version');
  }
  return { token, cwd, sha, version: `${inputs.prefix ?? ''}${base}` };
}
