import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigurationError, SkipError } from '../src/errors.js';
import { bool, secret, text } from '../src/inputs.js';
import { bugReportHint, runAction, type ActionDefinition } from '../src/run.js';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';

const inputs = { token: secret(), mode: text({ default: 'ok' }), comment: bool(false) };

function action(overrides: Partial<ActionDefinition<typeof inputs>> = {}): ActionDefinition<typeof inputs> {
  return {
    name: 'example',
    title: 'Example action',
    inputs,
    prComment: true,
    async main({ inputs: i, report }) {
      if (i.mode === 'config') throw new ConfigurationError("Input 'mode' is wrong: expected ok.", 'mode');
      if (i.mode === 'bug') throw new TypeError("Cannot read properties of undefined (reading 'x')");
      if (i.mode === 'skip') throw new SkipError('Fork pull requests get no secrets; skipped.');
      report.addCheck({ id: 'one', title: 'First check', status: 'pass', summary: `used ${i.token}` });
      for (let n = 0; n < 15; n++) report.addFinding({ severity: n < 12 ? 'error' : 'warning', rule: 'r', message: `finding ${n} ${i.token}`, file: 'a.ts', line: n + 1 });
      return { outputs: { echoed: `value ${i.token}`, count: 3 }, failed: i.mode === 'fail' ? `It failed with ${i.token}` : undefined };
    },
    ...overrides,
  };
}

const SECRET = 'sup3r-s3cret-value-xyz';

describe('runAction like the runner', () => {
  let gh: GitHubEmulator;
  beforeAll(async () => {
    gh = await startGitHubEmulator();
  });
  afterAll(async () => gh.close());

  it('sets outputs, writes the summary and keeps the secret out of everything', async () => {
    const run = await runLikeRunner(action(), { token: SECRET });
    expect(run.failed).toBe(false);
    expect(run.outputs).toEqual({ echoed: 'value ***', count: '3' });
    expect(run.summary).toContain('## Example action');
    expect(run.summary).toContain('First check');
    expect(run.everything).not.toContain(SECRET);
  });

  it('annotates the first 10 errors, and says the rest are in the summary', async () => {
    const run = await runLikeRunner(action(), { token: SECRET });
    expect(run.stdout.match(/^::error /gm)).toHaveLength(10);
    expect(run.stdout.match(/^::warning /gm)).toHaveLength(3);
    expect(run.summary).toContain('2 more finding(s)');
  });

  it('fails the step with the action\'s own message', async () => {
    const run = await runLikeRunner(action(), { token: SECRET, mode: 'fail' });
    expect(run.failed).toBe(true);
    expect(run.stdout).toContain('::error::It failed with ***');
  });

  it('reports a configuration error as is', async () => {
    const run = await runLikeRunner(action(), { mode: 'config' });
    expect(run.stdout).toContain("::error::Input 'mode' is wrong: expected ok.");
    expect(run.stdout).not.toContain('bug');
  });

  it('reports an unexpected error as a deploy-kit bug', async () => {
    const run = await runLikeRunner(action(), { mode: 'bug' });
    expect(run.failed).toBe(true);
    expect(run.stdout).toMatch(/::error::deploy-kit example stopped on an unexpected error: Cannot read properties.*This is a bug in deploy-kit/s);
  });

  it('skips with a notice and does not fail', async () => {
    const run = await runLikeRunner(action(), { mode: 'skip' });
    expect(run.failed).toBe(false);
    expect(run.result.status).toBe('skipped');
    expect(run.stdout).toContain('::notice::Fork pull requests get no secrets; skipped.');
  });

  it('posts its section of the sticky comment on a pull request', async () => {
    const env = { GITHUB_TOKEN: 'ghs_test_token_1234', GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop' };
    const event = { pull_request: { number: 12, head: { ref: 'feature', sha: 'abc' } } };
    await runLikeRunner(action(), { token: SECRET }, { env, event, eventName: 'pull_request' });
    const run = await runLikeRunner(action(), { token: SECRET }, { env, event, eventName: 'pull_request' });
    expect(gh.state.comments.filter((c) => c.issue === 12)).toHaveLength(1);
    expect(gh.state.comments[0]!.body).toContain('Example action');
    expect(gh.state.comments[0]!.body).not.toContain(SECRET);
    expect(run.everything).not.toContain('ghs_test_token_1234');
  });

  it('notes, without failing, a token that cannot comment', async () => {
    gh.deny.add('comments');
    const env = { GITHUB_TOKEN: 'ghs_test_token_1234', GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop' };
    const run = await runLikeRunner(action(), { token: SECRET }, { env, event: { pull_request: { number: 13 } }, eventName: 'pull_request' });
    gh.deny.clear();
    expect(run.failed).toBe(false);
    expect(run.stdout).toContain('::notice::The pull request comment was not updated: the token cannot write pull request comments');
  });
});

describe('runAction locally', () => {
  it('prints the report and outputs to the terminal and sets the exit code on failure', async () => {
    const printed: string[] = [];
    const result = await runAction(action(), { local: true, source: (n) => ({ token: SECRET, mode: 'fail' })[n], print: (t) => printed.push(t), log: { info() {}, debug() {}, notice() {}, warning() {}, error() {}, group: (_t, fn) => fn() } });
    const text = printed.join('\n');
    expect(result.status).toBe('failure');
    expect(process.exitCode).toBe(1);
    expect(text).toContain('PASS  First check');
    expect(text).toContain('echoed=value ***');
    expect(text).toContain('Failed: It failed with ***');
    expect(text).not.toContain(SECRET);
  });
});

describe('the bug report hint', () => {
  it('points at the issues of the repository the action came from, never a guessed one', () => {
    expect(bugReportHint({ GITHUB_ACTION_REPOSITORY: 'acme/deploy-kit', GITHUB_SERVER_URL: 'https://ghe.example.com/' })).toBe(
      'This is a bug in deploy-kit, not in your configuration: please open an issue with this log at https://ghe.example.com/acme/deploy-kit/issues',
    );
    expect(bugReportHint({})).toBe(
      'This is a bug in deploy-kit, not in your configuration: please open an issue with this log in the deploy-kit repository your workflow uses (the OWNER/deploy-kit of its `uses:` line).',
    );
    expect(bugReportHint({})).not.toContain('https://');
  });
});
