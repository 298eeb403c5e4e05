import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github.js';
import { startOidcEmulator, type OidcEmulator } from '../emulators/oidc.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack.js';
import { startVercelEmulator, type VercelEmulator } from '../emulators/vercel.js';
import { createTestCa, issueCertificate } from '../servers/certificates.js';
import { startEdge, type Edge } from '../servers/edge.js';
import { ROOT } from './dist.js';

/**
 * Everything the chain talks to, on 127.0.0.1, for the e2e tests of the workflows and for
 * `npm run demo`: the Vercel, GitHub and Slack emulators, the runner's OIDC endpoint, builds of
 * the example app (examples/app) served by `npm start` as child processes, and production's
 * domain (the edge) sending requests to the build the emulated project serves.
 */
export const APP_REPO = 'acme/shop';
export const DEPLOY_KIT_REPO = 'deploy-kit/deploy-kit';
export const DEPLOY_KIT_SHA = 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0';
export const GOOD_COMMIT = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0';
export const BAD_COMMIT = 'b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';
export const GITHUB_TOKEN = 'emulated-runner-token-0001';

export interface App {
  dir: string;
  url: string;
  commit: string;
}

export interface World {
  vercel: VercelEmulator;
  github: GitHubEmulator;
  slack: SlackEmulator;
  oidc: OidcEmulator;
  edge: Edge;
  /** A copy of examples/app in a temporary folder, as a repository checked out at `commit`. */
  checkout(commit: string, change?: (dir: string) => Promise<void>): Promise<string>;
  /** Serves a checkout with `npm start` and routes production to it while `commit` is in production. */
  serve(dir: string, commit: string): Promise<App>;
  /** The test CA's certificate (PEM), which the edge's certificate chains to. */
  ca: string;
  /** The inputs that point the deploy stages at the emulated project and production at the edge (reusable workflow and all-in-one action alike). */
  deployInputs(): Record<string, string>;
  /** The environment every step gets: the GitHub API, the OIDC endpoint, fast polls, the test CA trusted. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const [vercel, github, slack, oidc] = await Promise.all([
    startVercelEmulator(),
    startGitHubEmulator(),
    startSlackEmulator(),
    startOidcEmulator({ workflowRef: `${DEPLOY_KIT_REPO}/.github/workflows/deploy.yml@refs/tags/v1`, workflowSha: DEPLOY_KIT_SHA }),
  ]);
  const ca = await createTestCa('deploy-kit demo CA');
  const edge = await startEdge(vercel, await issueCertificate(ca, { ips: ['127.0.0.1'], dnsNames: ['localhost'] }));
  const children: ChildProcess[] = [];
  const env = {
    GITHUB_API_URL: github.url,
    ...oidc.env,
    DEPLOY_KIT_POLL_MS: '5',
    DEPLOY_KIT_RETRY_MS: '5',
    NODE_EXTRA_CA_CERTS: join(ca.dir, 'ca.crt'),
  };
  return {
    vercel,
    github,
    slack,
    oidc,
    edge,
    env,
    ca: ca.cert,
    deployInputs: () => ({
      'vercel-org-id': vercel.teamId,
      'vercel-project-id': vercel.project.id,
      'vercel-api-url': vercel.url,
      'smoke-url': edge.url,
      'smoke-paths': '/, /api/health',
      'smoke-wait-for': '10',
    }),
    async checkout(commit, change) {
      const dir = await mkdtemp(join(tmpdir(), `deploy-kit-app-${commit.slice(0, 7)}-`));
      await cp(join(ROOT, 'examples', 'app'), dir, { recursive: true, filter: (src) => !/[/\\](node_modules|\.next|build)$/.test(src) });
      await change?.(dir);
      // A repository, as actions/checkout leaves it (preflight asks git which files are tracked).
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'Octo Cat', GIT_AUTHOR_EMAIL: 'octo@example.com', GIT_COMMITTER_NAME: 'Octo Cat', GIT_COMMITTER_EMAIL: 'octo@example.com' } });
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-q', '-m', `Release ${commit.slice(0, 7)}`);
      return dir;
    },
    async serve(dir, commit) {
      const child = spawn(process.execPath, ['server.js'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', PORT: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(child);
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stderr!.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          const match = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
          if (match) resolve(match[0]);
        });
        child.on('exit', (code) => reject(new Error(`The example app exited (${code}) before listening: ${text}`)));
      });
      edge.origins.set(commit, url);
      return { dir, url, commit };
    },
    async close() {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all([
        ...children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)),
        vercel.close(),
        github.close(),
        slack.close(),
        oidc.close(),
        edge.close(),
      ]);
    },
  };
}

/**
 * The release with a bug only production shows: its health route now also needs a cache
 * (REDIS_URL) that its tests set for themselves and production lacks, so preflight passes and
 * production answers 503 "degraded".
 */
export async function breakHealthRoute(dir: string): Promise<void> {
  const route = join(dir, 'app', 'api', 'health', 'route.js');
  await writeFile(route, (await readFile(route, 'utf8')).replace('health({ database: true })', 'health({ database: true, cache: Boolean(process.env.REDIS_URL) })'));
  const test = join(dir, 'test', 'server.test.js');
  await writeFile(test, `process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';\n${await readFile(test, 'utf8')}`);
}

/** The github context of a push to main at `commit` in the app's repository. */
export function pushContext(commit: string): { eventName: string; event: Record<string, unknown>; github: Record<string, string> } {
  return {
    eventName: 'push',
    event: { ref: 'refs/heads/main', after: commit, head_commit: { id: commit, message: 'Ship the cart', author: { name: 'Octo Cat' } }, repository: { full_name: APP_REPO, private: true } },
    github: { repository: APP_REPO, sha: commit, ref: 'refs/heads/main', ref_name: 'main', head_ref: '', actor: 'octocat', token: GITHUB_TOKEN, run_id: '4242' },
  };
}

/** The github context of a pull request (from a fork when `fork`). */
export function pullRequestContext(commit: string, number = 7, fork = false): { eventName: string; event: Record<string, unknown>; github: Record<string, string> } {
  const branch = 'feature/cart';
  return {
    eventName: 'pull_request',
    event: {
      number,
      pull_request: {
        number,
        title: 'Add the cart',
        user: { login: fork ? 'stranger' : 'octocat' },
        head: { ref: branch, sha: commit, repo: { full_name: fork ? 'stranger/shop' : APP_REPO, fork } },
        base: { ref: 'main', repo: { full_name: APP_REPO } },
      },
      repository: { full_name: APP_REPO, private: false },
    },
    github: { repository: APP_REPO, sha: commit, ref: `refs/pull/${number}/merge`, ref_name: `${number}/merge`, head_ref: branch, actor: fork ? 'stranger' : 'octocat', token: GITHUB_TOKEN, run_id: '4243' },
  };
}
