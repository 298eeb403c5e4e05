import { readFileSync } from 'node:fs';
import type { SourceLinks } from '../report/finding-groups.js';

/**
 * What the run knows about where it runs, read from the runner's environment at call time
 * (so the local CLI and tests can set it). Every field is optional outside GitHub Actions.
 */
export interface RunContext {
  eventName?: string;
  sha?: string;
  ref?: string;
  /** Branch name: the PR's head branch on pull requests, else the ref's short name. */
  branch?: string;
  repository?: string;
  owner?: string;
  repo?: string;
  actor?: string;
  workflow?: string;
  runId?: string;
  runUrl?: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  prNumber?: number;
  /** The head commit's message, when the event carries it. */
  commitMessage?: string;
  /** A pull request from a fork: its runs get no secrets. */
  isForkPullRequest: boolean;
  payload: Record<string, unknown>;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const payload = readEventPayload(env['GITHUB_EVENT_PATH']);
  const pr = payload['pull_request'] as
    | { number?: number; head?: { ref?: string; sha?: string; repo?: { full_name?: string } }; base?: { repo?: { full_name?: string } } }
    | undefined;
  const repository = env['GITHUB_REPOSITORY'];
  const [owner, repo] = repository?.split('/') ?? [];
  const serverUrl = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const runId = env['GITHUB_RUN_ID'];
  const headCommit = payload['head_commit'] as { message?: string } | undefined;
  const ref = env['GITHUB_REF'];
  return {
    eventName: env['GITHUB_EVENT_NAME'],
    sha: pr?.head?.sha ?? env['GITHUB_SHA'],
    ref,
    branch: pr?.head?.ref ?? env['GITHUB_HEAD_REF'] ?? (ref ? ref.replace(/^refs\/(heads|tags)\//, '') : undefined),
    repository,
    owner,
    repo,
    actor: env['GITHUB_TRIGGERING_ACTOR'] ?? env['GITHUB_ACTOR'],
    workflow: env['GITHUB_WORKFLOW'],
    runId,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    serverUrl,
    apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
    workspace: env['GITHUB_WORKSPACE'] ?? process.cwd(),
    prNumber: pr?.number ?? (payload['number'] as number | undefined),
    commitMessage: headCommit?.message,
    isForkPullRequest: Boolean(pr?.head?.repo?.full_name && pr.base?.repo?.full_name && pr.head.repo.full_name !== pr.base.repo.full_name),
    payload,
  };
}

function readEventPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Where findings link to: the repository's files at the checked commit, when both are known. */
export function sourceLinks(run: RunContext): SourceLinks | undefined {
  if (!run.repository || !run.sha) return undefined;
  return { serverUrl: run.serverUrl, repository: run.repository, sha: run.sha };
}
