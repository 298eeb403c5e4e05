import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLikeRunner, type RunnerRun } from '../../../test/harness/runner.js';
import type { VercelEmulator } from '../../../test/emulators/vercel.js';
import { deployAction } from '../src/action.js';
import { writeTree } from '../../../test/harness/files.js';

/** Fixtures and a runner-like invocation of the deploy action against the emulators. */
export const SHA = 'f3c1a9e0b5d24c7e8a6b1d0e9f8a7b6c5d4e3f2a';
export const REPO = 'octo/shop';

export { writeTree };

/** A small Next.js-like app with things that must not be uploaded. */
export async function sourceApp(extra: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-src-'));
  await writeTree(dir, {
    'package.json': '{ "name": "shop", "scripts": { "build": "next build" } }\n',
    'vercel.json': '{ "cleanUrls": true }\n',
    'pages/index.js': 'export default function Home() { return "hi"; }\n',
    'public/logo.txt': 'logo\n',
    'public/copy-of-logo.txt': 'logo\n',
    'node_modules/react/index.js': 'module.exports = {};\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.env.local': 'SECRET=1\n',
    '.env.production.local': 'SECRET=2\n',
    '.next/cache/x': 'cache\n',
    ...extra,
  });
  return dir;
}

/** A `vercel build` output (Build Output API v3) for `target`. */
export async function prebuiltApp(target: 'production' | 'preview', extra: Record<string, string | Buffer> = {}, appDir = ''): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-pre-'));
  const out = join(appDir, '.vercel/output');
  await writeTree(dir, {
    'package.json': '{ "name": "shop" }\n',
    'src/server.js': 'export {};\n',
    [`${out}/config.json`]: '{ "version": 3 }\n',
    [`${out}/builds.json`]: JSON.stringify({ target, builds: [] }),
    [`${out}/static/index.html`]: '<h1>shop</h1>\n',
    [`${out}/static/about.html`]: '<h1>about</h1>\n',
    [`${out}/functions/api/hello.func/index.js`]: 'export default () => new Response("hi");\n',
    [`${out}/functions/api/hello.func/node_modules/dep/index.js`]: 'module.exports = 1;\n',
    [`${out}/functions/api/hello.func/.vc-config.json`]: JSON.stringify({ runtime: 'nodejs22.x', handler: 'index.js', filePathMap: { 'lib/shared.js': 'lib/shared.js', 'escape.js': '../outside.js', 'secret.txt': 'secret.txt' } }),
    'lib/shared.js': 'export const shared = 1;\n',
    'secret.txt': 'do not upload\n',
    '.vercelignore': 'secret.txt\n',
    ...extra,
  });
  return dir;
}

export interface RunOptions {
  event?: Record<string, unknown>;
  eventName?: string;
  env?: Record<string, string | undefined>;
}

export function pullRequestEvent(number = 7, branch = 'feature/Login-Page', fork = false): Record<string, unknown> {
  return {
    number,
    pull_request: {
      number,
      title: 'Add the login page',
      user: { login: 'octocat' },
      head: { ref: branch, sha: SHA, repo: { full_name: fork ? 'stranger/shop' : REPO } },
      base: { ref: 'main', repo: { full_name: REPO } },
    },
    repository: { full_name: REPO, visibility: 'private' },
  };
}

export const pushEvent = {
  ref: 'refs/heads/main',
  head_commit: { id: SHA, message: 'Ship the cart', author: { name: 'Octo Cat' } },
  repository: { full_name: REPO, private: true },
};

/** Runs deploy like the runner, scoped to the emulator's team and project unless inputs say otherwise. */
export function runDeploy(vercel: VercelEmulator, workspace: string, inputs: Record<string, string | undefined>, options: RunOptions = {}): Promise<RunnerRun> {
  return runLikeRunner(
    deployAction,
    {
      'vercel-token': vercel.token,
      'vercel-org-id': vercel.teamId,
      'vercel-project-id': vercel.project.id,
      'api-url': vercel.url,
      ...inputs,
    },
    {
      eventName: options.eventName ?? 'push',
      event: options.event ?? pushEvent,
      env: {
        GITHUB_WORKSPACE: workspace,
        GITHUB_REPOSITORY: REPO,
        GITHUB_SHA: SHA,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_ACTOR: 'octocat',
        GITHUB_RUN_ID: '4242',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: 'http://127.0.0.1:9',
        GITHUB_TOKEN: undefined,
        DEPLOY_KIT_POLL_MS: '5',
        DEPLOY_KIT_RETRY_MS: '5',
        ...options.env,
      },
    },
  );
}
