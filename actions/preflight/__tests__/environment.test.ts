import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { preflightAction } from '../src/action.js';
import { fakePackageManager, makeRepo, pathWith, removeTempDirs } from './helpers/repo.js';

afterAll(removeTempDirs);

/** A build that fails unless it gets the variables, printing what it got (a real build may print values). */
const NEEDS = (...names: string[]) =>
  `node -e "const miss=${JSON.stringify(names).replace(/"/g, "'")}.filter(n=>!process.env[n]); if(miss.length){console.error('Missing environment variable: '+miss[0]);process.exit(1)} console.log('build sees '+${JSON.stringify(names).replace(/"/g, "'")}.map(n=>n+'='+process.env[n]).join(' '))"`;

function repoWith(scripts: Record<string, string>, files: Record<string, string> = {}): string {
  return makeRepo({ 'package.json': JSON.stringify({ name: 'web', scripts }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", 'node_modules/.keep': '', ...files });
}

async function run(repo: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  const tool = fakePackageManager('pnpm');
  const result = await runLikeRunner(preflightAction, { checks: 'build', ...inputs }, { env: { GITHUB_WORKSPACE: repo, PATH: pathWith(tool.bin), ...env } });
  return { ...result, check: (id: string) => result.result.report.checks.find((c) => c.id === id) };
}

const SECRET_VALUE = ['sk', 'live', '51Hx9ZqK8vP2mW4tR7yN3bC6dF0gJ5hL'].join('_');
const SUPABASE_URL = 'https://abcdefghijklmnop.supabase.co';

describe('env-file', () => {
  it('loads dotenv files into the build, later files winning, and masks every value everywhere', async () => {
    const repo = repoWith(
      { build: NEEDS('STRIPE_SECRET_KEY', 'NEXT_PUBLIC_SUPABASE_URL') },
      { '.env.ci': `# from secrets\nSTRIPE_SECRET_KEY="${SECRET_VALUE}"\nNEXT_PUBLIC_SUPABASE_URL=https://old.example\n`, 'ci/.env.override': `export NEXT_PUBLIC_SUPABASE_URL='${SUPABASE_URL}'\n` },
    );
    const r = await run(repo, { 'env-file': '.env.ci, ci/.env.override' });
    expect(r.check('build')).toMatchObject({ status: 'pass' });
    expect(r.stdout).toContain('build sees STRIPE_SECRET_KEY=*** NEXT_PUBLIC_SUPABASE_URL=***');
    expect(r.stdout).toMatch(/::add-mask::https:\/\/abcdefghijklmnop\.supabase\.co/);
    expect(r.everything).not.toContain(SECRET_VALUE);
    expect(r.everything).not.toContain(SUPABASE_URL);
    expect(r.summary).toContain('Command environment (values masked): 2 from .env.ci: NEXT_PUBLIC_SUPABASE_URL, STRIPE_SECRET_KEY; 1 from ci/.env.override: NEXT_PUBLIC_SUPABASE_URL.');
  });

  it("the step's own environment overrides the files", async () => {
    const repo = repoWith({ build: `node -e "console.log('region is', process.env.REGION)"` }, { '.env.ci': 'REGION=from-the-file-value\n' });
    const r = await run(repo, { 'env-file': '.env.ci' }, { REGION: 'from-the-step' });
    expect(r.stdout).toContain('region is from-the-step');
  });

  it('refuses a file outside the repository, a missing file and a symlink out of the repository', async () => {
    const repo = repoWith({ build: 'true' });
    const outside = await run(repo, { 'env-file': '../../etc/passwd' });
    expect(outside.result.message).toMatch(/^Input 'env-file' "\.\.\/\.\.\/etc\/passwd" is outside the repository: expected dotenv files \(KEY=value lines\) inside the repository/);
    const missing = await run(repo, { 'env-file': '.env.nope' });
    expect(missing.result.message).toContain(`Input 'env-file' ".env.nope" does not exist (${join(repo, '.env.nope')})`);
    symlinkSync('/etc/hostname', join(repo, '.env.link'));
    const link = await run(repo, { 'env-file': '.env.link' });
    expect(link.result.message).toContain(`Input 'env-file' ".env.link" is a symbolic link out of the repository`);
    expect(link.failed).toBe(true);
  });

  it('refuses a file reached through a symlinked folder out of the repository, and a FIFO', async () => {
    const outsideDir = makeRepo({ '.env': 'LEAKED_FROM_OUTSIDE=outside-value-123\n' });
    const repo = repoWith({ build: `node -e "console.log('got', process.env.LEAKED_FROM_OUTSIDE)"` });
    symlinkSync(outsideDir, join(repo, 'config'));
    const viaFolder = await run(repo, { 'env-file': 'config/.env' });
    expect(viaFolder.result.message).toContain(`Input 'env-file' "config/.env" is a symbolic link out of the repository`);
    expect(viaFolder.stdout).not.toContain('outside-value-123');
    execFileSync('mkfifo', [join(repo, '.env.fifo')]);
    const fifo = await run(repo, { 'env-file': '.env.fifo' });
    expect(fifo.result.message).toContain(`Input 'env-file' ".env.fifo" is not a file`);
  });
});

describe('pulling the Vercel project variables', () => {
  const token = ['vercel', 'token', 'ZQ8xW3pL7mK2'].join('-');
  const BRANCH_SECRET = 'branch-sensitive-value-Qm4x';

  /** The project's variables as the dashboard would have them, on the project's Vercel emulator. */
  async function vercelProject(): Promise<VercelEmulator> {
    const vercel = await startVercelEmulator({ token, project: { id: 'prj_web' } });
    vercel.addEnv({ key: 'STRIPE_SECRET_KEY', value: SECRET_VALUE, type: 'encrypted', target: ['production', 'preview'] });
    vercel.addEnv({ key: 'NEXT_PUBLIC_SUPABASE_URL', value: SUPABASE_URL, type: 'plain', target: ['preview'] });
    vercel.addEnv({ key: 'NEXT_PUBLIC_SUPABASE_URL', value: 'https://branch-only.supabase.co', type: 'plain', target: ['preview'], gitBranch: 'feature/x' });
    vercel.addEnv({ key: 'STRIPE_SECRET_KEY', value: BRANCH_SECRET, type: 'sensitive', target: ['preview'], gitBranch: 'feature/sensitive' });
    vercel.addEnv({ key: 'PROD_ONLY', value: 'production-only-value', type: 'encrypted', target: ['production'] });
    vercel.addEnv({ key: 'SUPABASE_SERVICE_ROLE_KEY', value: 'never-returned-value', type: 'sensitive', target: ['preview'] });
    return vercel;
  }

  it('gives the build the preview variables (decrypted, branch-scoped ones for their branch), masked, and names the sensitive ones', async () => {
    const vercel = await vercelProject();
    try {
      const repo = repoWith({ build: NEEDS('STRIPE_SECRET_KEY', 'NEXT_PUBLIC_SUPABASE_URL') });
      const inputs = { 'vercel-token': token, 'vercel-project-id': 'prj_web', 'vercel-org-id': vercel.teamId, 'api-url': vercel.url };
      const r = await run(repo, inputs, { GITHUB_REF: 'refs/heads/main' });
      expect(r.check('build')).toMatchObject({ status: 'pass' });
      const [call] = vercel.calls('GET /v10/projects/:idOrName/env');
      expect(call?.query.get('decrypt')).toBe('true');
      expect(call?.query.get('teamId')).toBe(vercel.teamId);
      expect(vercel.state.violations).toEqual([]);
      expect(r.summary).toContain('2 from Vercel project prj_web (preview): NEXT_PUBLIC_SUPABASE_URL, STRIPE_SECRET_KEY');
      expect(r.summary).toContain("Not readable through Vercel's API (sensitive, legacy secret or system variables): SUPABASE_SERVICE_ROLE_KEY");
      for (const value of [SECRET_VALUE, SUPABASE_URL, token]) expect(r.everything).not.toContain(value);

      const branch = await run(repoWith({ build: `node -e "console.log('url host', new URL(process.env.NEXT_PUBLIC_SUPABASE_URL).host.length)"` }), inputs, { GITHUB_REF: 'refs/heads/feature/x' });
      expect(branch.stdout).toContain(`url host ${'branch-only.supabase.co'.length}`);
      // A sensitive variable tied to the branch wins there over the readable general one: the build does not get the general value.
      const sensitiveBranch = await run(repoWith({ build: NEEDS('STRIPE_SECRET_KEY') }), inputs, { GITHUB_REF: 'refs/heads/feature/sensitive' });
      expect(sensitiveBranch.check('build')).toMatchObject({ status: 'fail' });
      expect(sensitiveBranch.summary).toContain("Not readable through Vercel's API (sensitive, legacy secret or system variables): STRIPE_SECRET_KEY, SUPABASE_SERVICE_ROLE_KEY");
      expect(sensitiveBranch.everything).not.toContain(BRANCH_SECRET);
      const production = await run(repoWith({ build: NEEDS('PROD_ONLY') }), { ...inputs, environment: 'production' });
      expect(production.check('build')).toMatchObject({ status: 'pass' });
    } finally {
      await vercel.close();
    }
  });

  it('says what is wrong with a bad token, an unknown project and bad inputs', async () => {
    const vercel = await vercelProject();
    try {
      const repo = repoWith({ build: 'true' });
      const badToken = await run(repo, { 'vercel-token': 'wrong-token-value', 'vercel-project-id': 'prj_web', 'api-url': vercel.url });
      expect(badToken.failed).toBe(true);
      expect(badToken.result.message).toMatch(/token/i);
      const unknown = await run(repo, { 'vercel-token': token, 'vercel-project-id': 'prj_other', 'api-url': vercel.url });
      expect(unknown.result.message).toMatch(/prj_other/);
      const noProject = await run(repo, { 'vercel-token': token });
      expect(noProject.result.message).toContain("Input 'vercel-token' is set but no project is named: set 'vercel-project-id'");
      const environment = await run(repo, { environment: 'staging' });
      expect(environment.result.message).toBe(`Input 'environment' "staging" is not one of the choices: expected one of: production, preview, development.`);
      const apiUrl = await run(repo, { 'api-url': 'not a url' });
      expect(apiUrl.result.message).toContain(`Input 'api-url' "not a url" is not a valid URL`);
      const tokenWithSpace = await run(repo, { 'vercel-token': 'abc def' });
      expect(tokenWithSpace.result.message).toContain(`Input 'vercel-token' (value hidden) contains whitespace`);
      const projectId = await run(repo, { 'vercel-project-id': 'prj web/../x' });
      expect(projectId.result.message).toContain(`Input 'vercel-project-id' "prj web/../x" is not a Vercel id`);
    } finally {
      await vercel.close();
    }
  });
});
