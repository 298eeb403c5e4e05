import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { githubClient } from '../src/github/client.js';
import { publishCheckRun } from '../src/github/check-run.js';
import { COMMENT_MARKER, mergeSection, upsertStickySection } from '../src/github/sticky-comment.js';
import { Report, type Finding } from '../src/report/model.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';

let gh: GitHubEmulator;
beforeEach(async () => {
  gh = await startGitHubEmulator({ commentsPerPage: 5 });
});
afterEach(async () => gh.close());

const target = { owner: 'acme', repo: 'shop', issueNumber: 7 };

describe('sticky PR comment', () => {
  it('creates one comment and updates each section in place', async () => {
    const octokit = await githubClient('test-token', gh.url);
    await upsertStickySection(octokit, target, 'preflight', 'preflight v1');
    await upsertStickySection(octokit, target, 'deploy', 'deploy v1');
    await upsertStickySection(octokit, target, 'preflight', 'preflight v2');
    expect(gh.state.comments).toHaveLength(1);
    const body = gh.state.comments[0]!.body;
    expect(body).toContain(COMMENT_MARKER);
    expect(body).toContain('preflight v2');
    expect(body).not.toContain('preflight v1');
    expect(body.indexOf('preflight v2')).toBeLessThan(body.indexOf('deploy v1'));
  });

  it('finds its comment beyond the first page of comments', async () => {
    for (let i = 0; i < 12; i++) gh.state.comments.push({ id: i + 1, issue: 7, body: `chatter ${i}`, user: { login: 'someone' } });
    gh.state.comments.push({ id: 99, issue: 7, body: `${COMMENT_MARKER}\nold`, user: { login: 'github-actions[bot]' } });
    await upsertStickySection(await githubClient('t0ken', gh.url), target, 'deploy', 'fresh');
    expect(gh.state.comments).toHaveLength(13);
    expect(gh.state.comments.find((c) => c.id === 99)!.body).toContain('fresh');
  });

  it('renders each section within the room the others leave, so the comment stays under 65,536 characters', async () => {
    const octokit = await githubClient('test-token', gh.url);
    const big = (title: string) => {
      const report = new Report(title, title);
      for (let i = 0; i < 2000; i++) report.addFinding({ severity: 'warning', rule: `rule-${i}`, message: `${'a long message '.repeat(60)}${i}`, file: `src/f${i}.ts`, line: 1 });
      return (maxLength: number) => renderMarkdown(report, { maxLength, reportPath: `/tmp/deploy-kit/${title}-report.json` });
    };
    await upsertStickySection(octokit, target, 'preflight', big('preflight'));
    await upsertStickySection(octokit, target, 'smoke-test', big('smoke-test'));
    await upsertStickySection(octokit, target, 'preflight', big('preflight'));
    expect(gh.state.comments).toHaveLength(1);
    const body = gh.state.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('/tmp/deploy-kit/preflight-report.json');
    expect(body).toContain('/tmp/deploy-kit/smoke-test-report.json');
    expect(body.match(/…and \d+ more finding\(s\)/g)).toHaveLength(2);
  });

  it('keeps other sections byte for byte', () => {
    const one = mergeSection('', 'a', 'A1');
    const two = mergeSection(one, 'b', 'B1');
    expect(mergeSection(two, 'a', 'A2')).toBe(two.replace('A1', 'A2'));
  });
});

describe('check runs', () => {
  const findings: Finding[] = Array.from({ length: 120 }, (_, i) => ({ severity: i % 2 ? 'warning' : 'error', rule: 'console', message: `m${i}`, file: 'src/a.ts', line: i + 1, column: 3 }));

  it('sends annotations in batches of 50', async () => {
    await publishCheckRun(await githubClient('t0ken', gh.url), { owner: 'acme', repo: 'shop', name: 'preflight', headSha: 'abc', conclusion: 'failure', title: 't', summary: 's', findings });
    const run = gh.state.checkRuns[0]!;
    expect(run.annotationsReceived).toBe(120);
    expect(gh.calls('POST /repos/:owner/:repo/check-runs')).toHaveLength(1);
    expect(gh.calls('PATCH /repos/:owner/:repo/check-runs/:id')).toHaveLength(2);
  });

  it('surfaces a token that cannot write checks as a 403', async () => {
    gh.deny.add('checks');
    await expect(
      publishCheckRun(await githubClient('t0ken', gh.url), { owner: 'acme', repo: 'shop', name: 'p', headSha: 'abc', conclusion: 'success', title: 't', summary: 's', findings: [] }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
