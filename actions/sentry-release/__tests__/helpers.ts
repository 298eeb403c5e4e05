import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../../../test/harness/files.js';
import { runLikeRunner, type RunnerRun } from '../../../test/harness/runner.js';
import type { SentryEmulator } from '../../../test/emulators/sentry.js';
import { sentryReleaseAction } from '../src/action.js';

export const DEBUG_ID = 'c941b1b2-4e1f-4c1a-9d3b-1f2e3d4c5b6a';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/** A repository with `count` commits; their SHAs, oldest first. */
export async function makeRepo(count: number): Promise<{ dir: string; shas: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'sentry-release-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  const shas: string[] = [];
  for (let i = 1; i <= count; i++) {
    await writeTree(dir, { [`file${i}.txt`]: `change ${i}\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', `Change number ${i}`);
    shas.push(git(dir, 'rev-parse', 'HEAD'));
  }
  return { dir, shas };
}

/** A depth-1 clone of `source`, as actions/checkout makes by default. */
export async function shallowClone(source: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sentry-release-shallow-'));
  git(dir, 'clone', '-q', '--depth', '1', `file://${source}`, '.');
  return dir;
}

/** A Next.js-like build output: scripts with debug ids and map references, their maps, and a CSS file left out. */
export async function writeBuild(root: string, extra: Record<string, string | Buffer> = {}): Promise<void> {
  await writeTree(root, {
    '.next/static/chunks/main.js': `console.log("main");\n//# sourceMappingURL=main.js.map\n//# debugId=${DEBUG_ID}\n`,
    '.next/static/chunks/main.js.map': JSON.stringify({ version: 3, sources: ['main.ts'], mappings: 'AAAA', debug_id: DEBUG_ID }),
    '.next/static/chunks/page.js': 'console.log("page");\n//# sourceMappingURL=page.js.map\n',
    '.next/static/chunks/page.js.map': JSON.stringify({ version: 3, sources: ['page.tsx'], sourcesContent: ['const s = "\\"debug_id\\": \\"not-this\\""'], mappings: 'AAAA' }),
    '.next/static/css/app.css': 'body{}',
    '.next/server/app/page.js': 'module.exports = 1;\n',
    ...extra,
  });
}

/** Incompressible bytes, so chunk counts follow the file sizes. */
export function noise(bytes: number): string {
  return `/*${randomBytes(Math.floor((bytes * 3) / 4)).toString('base64')}*/\n`;
}

export interface ReleaseOptions {
  env?: Record<string, string | undefined>;
  event?: Record<string, unknown>;
  eventName?: string;
}

/** Runs sentry-release like the runner against the emulator, in `workspace`. */
export function release(sentry: SentryEmulator, workspace: string, inputs: Record<string, string | undefined>, options: ReleaseOptions = {}): Promise<RunnerRun> {
  return runLikeRunner(
    sentryReleaseAction,
    { 'auth-token': sentry.token, org: sentry.org, projects: 'web', url: sentry.url, ...inputs },
    {
      env: { GITHUB_WORKSPACE: workspace, GITHUB_SHA: undefined, GITHUB_REPOSITORY: 'acme/shop', DEPLOY_KIT_RETRY_MS: '1', DEPLOY_KIT_POLL_MS: '1', DEPLOY_KIT_STARTED_AT: undefined, ...options.env },
      event: options.event,
      eventName: options.eventName,
    },
  );
}

/** The summary's row of a check, for assertions that read like the report. */
export function row(run: RunnerRun, id: string) {
  const check = run.result.report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check '${id}' in the report`);
  return check;
}
