import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, spawnNode, spawnProgram } from '../harness/dist.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack.js';

/**
 * The local command exactly as the README says, from an app folder that is not this repository,
 * with nothing from the registry: `node <clone>/dist/cli.js …` and
 * `npm exec --prefix <clone> --no -- deploy-kit …`.
 */
let slack: SlackEmulator;
let app: string;
beforeAll(async () => {
  slack = await startSlackEmulator();
  app = await mkdtemp(join(tmpdir(), 'deploy-kit-my-app-'));
});
afterAll(async () => slack.close());

const baseEnv = () => ({ PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' });
const cli = (args: string[], env: Record<string, string> = {}) => spawnNode([join(ROOT, 'dist', 'cli.js'), ...args], { ...baseEnv(), ...env }, app);

/** The npm on PATH, the one a fresh machine has; `--offline` proves nothing comes from the registry. */
function npmExec(args: string[]) {
  const env = { ...baseEnv(), npm_config_update_notifier: 'false' };
  return spawnProgram('npm', ['exec', '--offline', '--prefix', ROOT, '--no', '--', 'deploy-kit', ...args], env, app);
}

describe('the local command as the README documents it', () => {
  it('the README gives the commands that run this repository\'s CLI, never npx from the registry', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Run it on your machine'), readme.indexOf('## Working on deploy-kit'));
    expect(section).toContain('node ~/deploy-kit/dist/cli.js preflight');
    expect(section).toContain('npm exec --prefix ~/deploy-kit --no -- deploy-kit');
    expect(section).not.toMatch(/^\s*npx deploy-kit/m);
  });

  it('runs from an app folder with node <clone>/dist/cli.js', async () => {
    const { exitCode, stdout } = await cli(['--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('deploy-kit: the production deployment checklist as GitHub Actions');
    expect(stdout).toContain('--summary FILE writes the Markdown');
  });

  it('runs through npm exec --prefix <clone> --no, offline', async () => {
    const { exitCode, stdout, stderr } = await npmExec(['--help']);
    expect({ exitCode, stderr: exitCode === 0 ? '' : stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(stdout).toContain('deploy-kit: the production deployment checklist as GitHub Actions');
  });

  it('reads INPUT_WEBHOOK_URL as typed, and writes the summary and PR comment Markdown with --summary', async () => {
    const summary = join(app, 'notify.md');
    const { exitCode, stdout } = await cli(['slack-notify', '--status', 'success', '--environment', 'staging', '--summary', 'notify.md'], { INPUT_WEBHOOK_URL: slack.webhookUrl });
    expect(exitCode).toBe(0);
    expect(stdout).toContain('ok=true');
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toMatch(/^## Slack notification\n/);
    expect(markdown).toContain('| ✅ |');
    expect(`${stdout}${markdown}`).not.toContain(slack.webhookUrl);
  });

  it('says what --summary needs', async () => {
    const { exitCode, stdout } = await cli(['slack-notify', '--summary']);
    expect(exitCode).toBe(2);
    expect(stdout).toContain('--summary needs a file path, e.g. --summary summary.md');
  });
});
