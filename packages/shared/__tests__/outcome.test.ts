import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { ApiError } from '../src/errors.js';
import { execCommand } from '../src/exec.js';
import { text } from '../src/inputs.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { Report } from '../src/report/model.js';
import { type ActionDefinition } from '../src/run.js';
import { clearSecrets, isSecretName } from '../src/secrets.js';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';

/** The report never contradicts the outcome, and nothing a command prints with a secret in it reaches a channel. */
const inputs = { mode: text({ default: 'ok' }) };

function action(main: ActionDefinition<typeof inputs>['main']): ActionDefinition<typeof inputs> {
  return { name: 'example', title: 'Example action', inputs, prComment: true, jsonReport: true, main };
}

let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator();
});
afterAll(async () => gh.close());

const pullRequest = () => ({
  env: { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'ghs_outcomeToken0123456789', GITHUB_REPOSITORY: 'octo/shop' },
  event: { pull_request: { number: 31, head: { ref: 'feature', sha: 'abc' } } },
  eventName: 'pull_request',
});

describe('an error thrown after the first checks passed', () => {
  it('is a failing row, and the headline says failed, in the summary, the PR comment and the JSON report', async () => {
    const run = await runLikeRunner(
      action(async ({ report }) => {
        report.addCheck({ id: 'first', title: 'First check', status: 'pass', summary: 'fine' });
        throw new ApiError('Vercel API GET /v9/projects/x answered 500: boom.', 'Vercel API', 500);
      }),
      {},
      pullRequest(),
    );
    expect(run.failed).toBe(true);
    expect(run.summary).not.toMatch(/✅ 0 errors, 0 warnings/);
    expect(run.summary).toMatch(/❌ 1 error, 0 warnings/);
    expect(run.summary).toMatch(/\| ❌ \| Step \| Vercel API GET \/v9\/projects\/x answered 500: boom\. \|/);
    const comment = gh.state.comments.find((c) => c.issue === 31)!;
    expect(comment.body).toMatch(/❌ 1 error/);
    const json = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { status: string; errors: number; checks: { id: string; status: string }[] };
    expect(json).toMatchObject({ status: 'failure', errors: 1 });
    expect(json.checks.map((c) => [c.id, c.status])).toEqual([['first', 'pass'], ['outcome', 'fail']]);
  });

  it('adds no second row when a check already failed', async () => {
    const run = await runLikeRunner(
      action(async ({ report }) => {
        report.addCheck({ id: 'first', title: 'First check', status: 'fail', summary: 'broken' });
        return { failed: 'First check failed.' };
      }),
      {},
    );
    expect(run.result.report.checks.map((c) => c.id)).toEqual(['first']);
  });
});

describe('secrets printed by commands', () => {
  const password = ['Plain', 'Passw0rd', 'NotShaped'].join('');
  const masked = 'hunter2 with spaces';

  it('masks env values whose names say secret and every ::add-mask:: value, in every channel', async () => {
    clearSecrets();
    const script = `echo "DB_PASSWORD=$DB_PASSWORD"; echo "::add-mask::${masked}"; echo "connecting as ${masked}"`;
    const run = await runLikeRunner(
      action(async ({ report }) => {
        const result = await execCommand('sh', ['-c', script]);
        report.addCheck({ id: 'build', title: 'Build', status: 'fail', summary: result.output.split('\n')[0], detail: result.output });
        report.addFinding({ severity: 'error', rule: 'build', message: result.output, file: 'package.json' });
        return { outputs: { log: result.output }, failed: `Build failed: ${result.output}` };
      }),
      {},
      { ...pullRequest(), env: { ...pullRequest().env, DB_PASSWORD: password } },
    );
    expect(run.failed).toBe(true);
    expect(run.summary).toContain('DB_PASSWORD=***');
    for (const value of [password, masked]) {
      expect(run.everything).not.toContain(value);
      expect(JSON.stringify(gh.state.comments)).not.toContain(value);
    }
  });

  it('knows secret names from ordinary ones', () => {
    for (const name of ['DB_PASSWORD', 'STRIPE_SECRET_KEY', 'DATABASE_URL', 'SENTRY_DSN', 'GH_PAT', 'API_KEY', 'NPM_TOKEN', 'JWT_SIGNING_KEY', 'INPUT_VERCEL-TOKEN']) {
      expect([name, isSecretName(name)]).toEqual([name, true]);
    }
    for (const name of ['PATH', 'HOME', 'PWD', 'NODE_ENV', 'GITHUB_SHA', 'INPUT_ENVIRONMENT', 'KEYBOARD_LAYOUT']) {
      expect([name, isSecretName(name)]).toEqual([name, false]);
    }
  });
});

describe('Markdown tables', () => {
  it('keep a file name with a line break and a pipe in one cell of one row', () => {
    const report = new Report('x', 'X');
    report.addFinding({ severity: 'error', rule: 'env-file/committed', message: 'a\nb | c', file: 'config/.env\n| injected | row |' });
    const rows = renderMarkdown(report).split('\n').filter((l) => l.startsWith('| ❌') || l.includes('injected'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toBe('| ❌ | `env-file/committed` | a<br>b \\| c | `config/.env⏎\\| injected \\| row \\|` |');
  });
});

