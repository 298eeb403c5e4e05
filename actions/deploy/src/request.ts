import type { CreateDeploymentBody, Project } from '../../../packages/shared/src/clients/vercel.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import type { HashedFile } from './files/hash.js';

/**
 * The body of POST /v13/deployments (CreateDeploymentRequestBody in @vercel/sdk
 * models/responsebodyimages.ts). `project` is always sent — without it Vercel deploys to (and may
 * create) a project named `name`; `projectSettings` only when the user set some, since a
 * deployment's settings are saved on the project.
 */
export interface BodyInput {
  project: Project;
  target: 'production' | 'preview';
  files: HashedFile[];
  run: RunContext;
  version: string;
  projectSettings?: Record<string, string | boolean | null>;
  /** The uploaded directory relative to the repository root, for gitMetadata. */
  repoPath?: string;
}

export function deploymentBody(input: BodyInput): CreateDeploymentBody {
  const settings = input.projectSettings && Object.keys(input.projectSettings).length > 0 ? input.projectSettings : undefined;
  const gitMetadata = gitMetadataOf(input.run, input.repoPath);
  return {
    name: input.project.name,
    project: input.project.id,
    target: input.target,
    files: input.files.map(({ file, sha, size }) => ({ file, sha, size })),
    meta: metaOf(input.run, input.version),
    ...(gitMetadata ? { gitMetadata } : {}),
    ...(settings ? { projectSettings: settings } : {}),
  };
}

/**
 * Key-value strings shown on the deployment. The github* keys are the ones Vercel's own Git
 * integration sets, so the dashboard shows the commit; rollback reads them back.
 */
export function metaOf(run: RunContext, version: string): Record<string, string> {
  const meta: Record<string, string | undefined> = {
    githubCommitSha: run.sha,
    githubCommitRef: run.branch,
    githubCommitOrg: run.owner,
    githubCommitRepo: run.repo,
    githubPrId: run.prNumber ? String(run.prNumber) : undefined,
    deployKitVersion: version,
    deployKitRunUrl: run.runUrl,
  };
  return Object.fromEntries(Object.entries(meta).filter((e): e is [string, string] => Boolean(e[1])));
}

/** GitMetadata of the event, when there is one (a local run has no commit to describe). */
export function gitMetadataOf(run: RunContext, repoPath?: string): Record<string, string | boolean> | undefined {
  if (!run.sha) return undefined;
  const payload = run.payload as {
    head_commit?: { message?: string; author?: { name?: string } };
    pull_request?: { title?: string; user?: { login?: string } };
    repository?: { visibility?: string; private?: boolean };
  };
  const visibility = payload.repository?.visibility ?? (payload.repository?.private === undefined ? undefined : payload.repository.private ? 'private' : 'public');
  const fields: Record<string, string | boolean | undefined> = {
    commitSha: run.sha,
    commitRef: run.branch,
    commitMessage: (run.commitMessage ?? payload.pull_request?.title)?.slice(0, 1024),
    commitAuthorName: payload.head_commit?.author?.name ?? payload.pull_request?.user?.login ?? run.actor,
    remoteUrl: run.repository ? `${run.serverUrl}/${run.repository}` : undefined,
    dirty: false,
    ci: true,
    ciType: 'github-actions',
    ciGitProviderUsername: run.actor,
    ciGitRepoVisibility: visibility,
    rootDirectory: repoPath,
  };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string | boolean] => e[1] !== undefined));
}
