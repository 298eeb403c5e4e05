import type { getOctokit } from '@actions/github';
import { registerSecret } from '../secrets.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * Octokit with its base URL read now from GITHUB_API_URL (GHES, test emulators), not when
 * @actions/github was loaded. Octokit is loaded on first use: an action that never calls GitHub
 * (or stops at an input error) does not pay for it at start-up.
 */
export async function githubClient(token: string, apiUrl = process.env['GITHUB_API_URL'] ?? 'https://api.github.com'): Promise<GitHubClient> {
  registerSecret(token);
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token, { baseUrl: apiUrl.replace(/\/$/, '') });
}

/** The token an action may use: its `github-token` input, else the runner's GITHUB_TOKEN. */
export function githubToken(input?: string): string | undefined {
  const token = input || process.env['GITHUB_TOKEN'];
  registerSecret(token);
  return token || undefined;
}

/** The HTTP status of an octokit error, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
