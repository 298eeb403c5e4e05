import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { REPO, SHA, prebuiltApp, pullRequestEvent, runDeploy, sourceApp, writeTree } from './helpers.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

let vercel: VercelEmulator;
beforeEach(async () => {
  vercel = await startVercelEmulator();
});
afterEach(async () => vercel.close());

type CreateBody = {
  name: string;
  project: string;
  target?: string;
  files: { file: string; sha: string; size: number }[];
  meta: Record<string, string>;
  gitMetadata?: Record<string, unknown>;
  projectSettings?: Record<string, unknown>;
};
const creates = () => vercel.calls('POST /v13/deployments').map((r) => r.body as CreateBody);

describe('deploy: the documented create → missing_files → upload → create flow', () => {
  it('uploads exactly the files Vercel lacks, once per distinct content, then creates again', async () => {
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, {});

    expect(run.failed).toBe(false);
    expect(vercel.calls('POST /v13/deployments')).toHaveLength(2);
    const [first, second] = vercel.calls('POST /v13/deployments');
    // The same body, each request with its own mark (what finds a deployment whose reply was lost).
    const unmarked = (body: unknown) => {
      const { meta, ...rest } = body as { meta: Record<string, string> };
      const { deployKitRequestId, ...others } = meta;
      expect(deployKitRequestId).toMatch(/^[0-9a-f-]{36}$/);
      return { ...rest, meta: others };
    };
    expect(unmarked(first!.body)).toEqual(unmarked(second!.body));
    // logo.txt and copy-of-logo.txt share contents: named twice, uploaded once.
    const files = creates()[0]!.files;
    expect(files.filter((f) => f.sha === sha1('logo\n')).map((f) => f.file).sort()).toEqual(['public/copy-of-logo.txt', 'public/logo.txt']);
    expect(vercel.state.uploads.map((u) => u.sha).sort()).toEqual([...new Set(files.map((f) => f.sha))].sort());
    const upload = vercel.calls('POST /v2/files')[0]!;
    expect(upload.headers['content-type']).toBe('application/octet-stream');
    expect(upload.query.get('teamId')).toBe(vercel.teamId);
    expect(vercel.state.violations).toEqual([]);
  });

  it('uploads nothing the second time, and only the changed file after an edit', async () => {
    const app = await sourceApp();
    await runDeploy(vercel, app, {});
    const uploadsBefore = vercel.state.uploads.length;
    const again = await runDeploy(vercel, app, {});
    expect(again.failed).toBe(false);
    expect(vercel.state.uploads.length).toBe(uploadsBefore);

    await writeFile(join(app, 'pages/index.js'), 'export default function Home() { return "hello"; }\n');
    await runDeploy(vercel, app, {});
    expect(vercel.state.uploads.slice(uploadsBefore).map((u) => u.sha)).toEqual([sha1('export default function Home() { return "hello"; }\n')]);
  });

  it('sends project, target, meta and gitMetadata; projectSettings only when set', async () => {
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, { environment: 'production' });
    expect(run.failed).toBe(false);
    const body = creates().at(-1)!;
    expect(body.project).toBe(vercel.project.id);
    expect(body.name).toBe('web');
    expect(body.target).toBe('production');
    expect(body.meta).toMatchObject({ githubCommitSha: SHA, githubCommitRef: 'main', githubCommitOrg: 'octo', githubCommitRepo: 'shop', deployKitRunUrl: `https://github.com/${REPO}/actions/runs/4242` });
    expect(body.meta['deployKitVersion']).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.gitMetadata).toMatchObject({ commitSha: SHA, commitRef: 'main', commitMessage: 'Ship the cart', commitAuthorName: 'Octo Cat', remoteUrl: `https://github.com/${REPO}`, ci: true, ciType: 'github-actions', ciGitRepoVisibility: 'private', dirty: false });
    expect(body).not.toHaveProperty('projectSettings');
    expect(vercel.calls('POST /v13/deployments').at(-1)!.query.get('skipAutoDetectionConfirmation')).toBe('1');
    expect(vercel.state.projectsCreated).toEqual([]);
    expect(vercel.state.violations).toEqual([]);
  });

  it('puts the PR number in meta on pull requests', async () => {
    const app = await sourceApp();
    await runDeploy(vercel, app, {}, { eventName: 'pull_request', event: pullRequestEvent(12) });
    expect(creates().at(-1)!.meta).toMatchObject({ githubPrId: '12', githubCommitRef: 'feature/Login-Page' });
    expect(creates().at(-1)!.target).toBe('preview');
  });
});

describe('deploy: what is uploaded', () => {
  it('source mode leaves out the built-in list and .vercelignore', async () => {
    const app = await sourceApp({ '.vercelignore': './drafts\n*.log\n', 'drafts/post.md': 'wip\n', 'debug.log': 'x\n', 'notes/.env.local': 'X=1\n' });
    const run = await runDeploy(vercel, app, {});
    expect(run.failed).toBe(false);
    const names = creates()[0]!.files.map((f) => f.file).sort();
    expect(names).toEqual(['.vercelignore', 'package.json', 'pages/index.js', 'public/copy-of-logo.txt', 'public/logo.txt', 'vercel.json']);
  });

  it('prebuilt mode uploads .vercel/output whole plus the filePathMap files that stay inside and are not ignored', async () => {
    const app = await prebuiltApp('preview');
    const run = await runDeploy(vercel, app, { prebuilt: 'true' });
    expect(run.failed).toBe(false);
    const names = creates()[0]!.files.map((f) => f.file).sort();
    expect(names).toEqual([
      '.vercel/output/builds.json',
      '.vercel/output/config.json',
      '.vercel/output/functions/api/hello.func/.vc-config.json',
      '.vercel/output/functions/api/hello.func/index.js',
      '.vercel/output/functions/api/hello.func/node_modules/dep/index.js',
      '.vercel/output/static/about.html',
      '.vercel/output/static/index.html',
      'lib/shared.js',
    ]);
  });

  it('refuses a prebuilt output built for another environment, before uploading anything', async () => {
    const app = await prebuiltApp('preview');
    const run = await runDeploy(vercel, app, { prebuilt: 'true', environment: 'production' });
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      "The prebuilt output was built for preview but this deploys to production: run `vercel build --prod` for production, or set 'environment' to preview.",
    );
    expect(vercel.calls('POST /v13/deployments')).toHaveLength(0);
  });

  it('refuses a prebuilt output of a failed vercel build', async () => {
    const app = await prebuiltApp('preview', { '.vercel/output/builds.json': JSON.stringify({ target: 'preview', error: { code: 'BUILD_FAILED', message: 'Command "next build" exited with 1' } }) });
    const run = await runDeploy(vercel, app, { prebuilt: 'true' });
    expect(run.result.message).toMatch(/^The prebuilt output records a failed `vercel build` \(Command "next build" exited with 1\)/);
    expect(vercel.calls('POST /v13/deployments')).toHaveLength(0);
  });

  it('says how to get a prebuilt output when there is none', async () => {
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, { prebuilt: 'true', environment: 'production' });
    expect(run.result.message).toBe(
      "No prebuilt output at .vercel/output: run `vercel build --prod` before this step, or set 'prebuilt' to false to let Vercel build from source.",
    );
  });

  it('monorepo: uploads from the repository root, finds the output in root-directory and sends rootDirectory', async () => {
    const repo = await prebuiltApp('production', { 'packages/ui/index.js': 'export {};\n' }, 'apps/web');
    const run = await runDeploy(vercel, repo, { prebuilt: 'true', environment: 'production', 'root-directory': 'apps/web' });
    expect(run.failed).toBe(false);
    const body = creates()[0]!;
    expect(body.files.map((f) => f.file)).toContain('apps/web/.vercel/output/config.json');
    expect(body.projectSettings).toEqual({ rootDirectory: 'apps/web' });
  });

  it('monorepo: follows the project Root Directory setting when root-directory is not given', async () => {
    await vercel.close();
    vercel = await startVercelEmulator({ project: { rootDirectory: 'apps/web' } });
    const repo = await sourceApp({ 'apps/web/package.json': '{}\n' });
    const ok = await runDeploy(vercel, repo, {});
    expect(ok.failed).toBe(false);
    expect(creates()[0]!).not.toHaveProperty('projectSettings');

    const app = join(repo, 'apps/web');
    const wrong = await runDeploy(vercel, app, {});
    expect(wrong.result.message).toBe(
      `The Vercel project's Root Directory is 'apps/web', but ${join(app, 'apps/web')} does not exist: set 'working-directory' to the repository root (the directory holding apps/web), or set 'root-directory'.`,
    );
  });

  it('sends deploy.project-settings from the config file in the API\'s camelCase, root-directory overriding', async () => {
    const app = await sourceApp({
      '.github/deploy-kit.yml': 'deploy:\n  project-settings:\n    framework: nextjs\n    build-command: pnpm build\n    node-version: 22.x\n    root-directory: web\n',
      'apps/shop/package.json': '{}\n',
    });
    const run = await runDeploy(vercel, app, { 'root-directory': 'apps/shop' });
    expect(run.failed).toBe(false);
    expect(creates()[0]!.projectSettings).toEqual({ framework: 'nextjs', buildCommand: 'pnpm build', nodeVersion: '22.x', rootDirectory: 'apps/shop' });
    expect(run.stdout).not.toContain('old spelling');
    expect(vercel.state.violations).toEqual([]);
  });

  it('still takes the old camelCase projectSettings, with a deprecation warning on its line', async () => {
    const app = await sourceApp({ '.github/deploy-kit.yml': 'deploy:\n  projectSettings:\n    buildCommand: pnpm build\n' });
    const run = await runDeploy(vercel, app, {});
    expect(run.failed).toBe(false);
    expect(creates()[0]!.projectSettings).toEqual({ buildCommand: 'pnpm build' });
    expect(run.stdout).toContain('::warning file=.github/deploy-kit.yml,line=2::.github/deploy-kit.yml:2: deploy.projectSettings is the old spelling: write `project-settings`');
  });

  it('reads the ids from .vercel/project.json when the inputs are not set', async () => {
    const app = await sourceApp();
    await writeTree(app, { '.vercel/project.json': JSON.stringify({ projectId: vercel.project.id, orgId: vercel.teamId }) });
    const run = await runDeploy(vercel, app, { 'vercel-org-id': undefined, 'vercel-project-id': undefined });
    expect(run.failed).toBe(false);
    expect(vercel.calls('GET /v9/projects/:idOrName')[0]!.query.get('teamId')).toBe(vercel.teamId);
  });

  it('a personal account id takes no teamId', async () => {
    await vercel.close();
    vercel = await startVercelEmulator({ project: { personal: true } });
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, { 'vercel-org-id': vercel.userId });
    expect(run.failed).toBe(false);
    expect(vercel.requests.every((r) => !r.query.has('teamId'))).toBe(true);
  });
});

describe('deploy: waiting and outputs', () => {
  it('preview: waits for READY and sets every output', async () => {
    const served = vercel.seedDeployment({ target: 'production', serving: true });
    vercel.nextBuild({ states: ['QUEUED', 'BUILDING', 'BUILDING', 'READY'] });
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, {});
    expect(run.failed).toBe(false);
    const created = vercel.state.deployments.at(-1)!;
    expect(run.outputs).toEqual({
      url: `https://${created.url}`,
      'deployment-id': created.id,
      'inspector-url': `https://vercel.com/emulated-team/web/${created.id.slice(4)}`,
      'ready-state': 'READY',
      'previous-deployment-id': served.id,
    });
    expect(vercel.calls('GET /v13/deployments/:idOrUrl').length).toBeGreaterThanOrEqual(4);
    expect(run.summary).toContain(`**Preview:** https://${created.url}`);
    expect(run.summary).toContain(`[Inspect](https://vercel.com/emulated-team/web/${created.id.slice(4)})`);
    expect(run.summary).toContain(`**Previous production deployment:** \`${served.id}\``);
  });

  it('production: READY is not enough, it waits for the domains to point at it', async () => {
    vercel.nextBuild({ states: ['BUILDING', 'READY'], aliasPolls: 3 });
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, { environment: 'production' });
    expect(run.failed).toBe(false);
    const created = vercel.state.deployments.at(-1)!;
    expect(vercel.calls('GET /v13/deployments/:idOrUrl')).toHaveLength(5);
    expect(run.outputs['url']).toBe('https://web.example.com');
    expect(vercel.project.productionDeploymentId).toBe(created.id);
    expect(run.stdout).toContain('READY, waiting for the production domains to point at it');
  });

  it('previous-deployment-id is the production deployment serving before, from the list when the project has no target', async () => {
    const older = vercel.seedDeployment({ target: 'production', createdAt: Date.now() - 50_000 });
    vercel.seedDeployment({ target: null, createdAt: Date.now() - 10_000 });
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, { environment: 'production' });
    expect(run.outputs['previous-deployment-id']).toBe(older.id);
    const list = vercel.calls('GET /v6/deployments')[0]!;
    expect(Object.fromEntries(list.query)).toEqual({ teamId: vercel.teamId, projectId: vercel.project.id, target: 'production', state: 'READY', limit: '1' });
  });

  it('assigns aliases with the placeholders filled and slugified, and the url is the first alias', async () => {
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, { alias: 'pr-{{PR_NUMBER}}.preview.example.com\n{{BRANCH}}.example.com' }, { eventName: 'pull_request', event: pullRequestEvent(7, 'feature/Login_Page!!') });
    expect(run.failed).toBe(false);
    const created = vercel.state.deployments.at(-1)!;
    expect(vercel.calls('POST /v2/deployments/:id/aliases').map((r) => r.body)).toEqual([{ alias: 'pr-7.preview.example.com' }, { alias: 'feature-login-page.example.com' }]);
    expect(vercel.state.aliases.get('pr-7.preview.example.com')).toBe(created.id);
    expect(run.outputs['url']).toBe('https://pr-7.preview.example.com');
    expect(vercel.state.violations).toEqual([]);
  });

  it('leaves out an alias whose placeholder has no value in the run, with a notice', async () => {
    const app = await sourceApp();
    const run = await runDeploy(vercel, app, { alias: 'pr-{{PR_NUMBER}}.example.com' });
    expect(run.failed).toBe(false);
    expect(run.stdout).toContain('::notice::Alias pr-{{pr_number}}.example.com (this run has no {{PR_NUMBER}}) left out.');
    expect(vercel.calls('POST /v2/deployments/:id/aliases')).toHaveLength(0);
    expect(run.outputs['url']).toBe(`https://${vercel.state.deployments.at(-1)!.url}`);
  });
});
