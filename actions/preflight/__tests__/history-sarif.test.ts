import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { preflightAction } from '../src/action.js';
import { eventRange, MAX_HISTORY_COMMITS } from '../src/scan/history.js';
import { makeRepo, removeTempDirs } from './helpers/repo.js';

afterAll(removeTempDirs);

/** Assembled at run time so this file holds no token. */
const TOKEN = ['gh', 'p_', 'R8kQ2mX7vL4nP9wT3yZ6bC1dF5gH0jK2sA8e'].join('');
const STILL_THERE = ['np', 'm_', 'Zx81Kq4Lm7Vb2Nc5Wd9Pf3Gh6Jt0Ry4Us7Ai'].join('');

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' }).trim();
}

function commit(repo: string, files: Record<string, string | null>, message: string): string {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(repo, path));
    else writeFileSync(join(repo, path), text);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

/** base → a commit adding a token → one removing it → one adding a token that stays. */
function history() {
  const repo = makeRepo({ 'package.json': '{"name":"web"}\n', 'src/config.ts': 'export const url = "/api";\n' });
  const base = commit(repo, {}, 'initial');
  const added = commit(repo, { 'src/config.ts': `export const url = "/api";\nexport const token = "${TOKEN}";\n` }, 'wire the GitHub client');
  commit(repo, { 'src/config.ts': 'export const url = "/api";\nexport const token = process.env.GH_TOKEN;\n' }, 'read the token from the environment');
  const head = commit(repo, { '.npmrc': `//registry.npmjs.org/:_authToken=${STILL_THERE}\n` }, 'publish config');
  return { repo, base, added, head };
}

async function run(repo: string, event: Record<string, unknown>, eventName: string, inputs: Record<string, string> = {}) {
  return runLikeRunner(preflightAction, { checks: 'scan', ...inputs }, { env: { GITHUB_WORKSPACE: repo }, event, eventName });
}

describe('scan-history', () => {
  it('reports a secret added in one commit of a push and removed in the next, with the commit; one still in the tree once', async () => {
    const { repo, base, added, head } = history();
    const r = await run(repo, { before: base, after: head }, 'push');
    const findings = r.result.report.findings.filter((f) => f.rule.startsWith('secret/'));
    expect(findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort()).toEqual(['secret/github-pat src/config.ts:2', 'secret/npm-token .npmrc:1']);
    const removed = findings.find((f) => f.rule === 'secret/github-pat')!;
    expect(removed.message).toContain(`Added in commit ${added.slice(0, 7)} ("wire the GitHub client") and removed since: it stays in the git history`);
    expect(r.result.report.checks.find((c) => c.id === 'scan')?.summary).toContain('Lines added by 3 commit(s) of the push scanned, 1 secret(s) added and removed since.');
    expect(r.failed).toBe(true);
    for (const secret of [TOKEN, STILL_THERE]) expect(r.everything).not.toContain(secret.slice(4));
  });

  it('reports a secret still in a file with a non-ASCII name once, under its real name', async () => {
    const repo = makeRepo({ 'package.json': '{"name":"web"}\n' });
    const base = commit(repo, {}, 'initial');
    const head = commit(repo, { 'café.env': `NPM_TOKEN=${STILL_THERE}\n` }, 'add config');
    const r = await run(repo, { before: base, after: head }, 'push');
    const findings = r.result.report.findings.filter((f) => f.rule.startsWith('secret/'));
    expect(findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual(['secret/npm-token café.env:1']);
  });

  it('says so when the range is longer than the commits it scans', async () => {
    const { repo, base } = history();
    execFileSync('bash', ['-c', `for i in $(seq ${MAX_HISTORY_COMMITS}); do git -c user.name=t -c user.email=t@t -c commit.gpgsign=false commit -q --allow-empty -m "empty $i"; done`], { cwd: repo });
    const head = git(repo, 'rev-parse', 'HEAD');
    const r = await run(repo, { before: base, after: head }, 'push');
    const summary = r.result.report.checks.find((c) => c.id === 'scan')?.summary;
    expect(summary).toContain(`Lines added by ${MAX_HISTORY_COMMITS} commit(s) of the push scanned.`);
    expect(summary).toContain(`The range's older commits were not scanned: it has more than ${MAX_HISTORY_COMMITS}, the newest ${MAX_HISTORY_COMMITS} were.`);
    expect(r.stdout).toContain('scan-history: The range');
  });

  it('scans base..head of a pull_request, and nothing with scan-history: false', async () => {
    const { repo, base, head } = history();
    const event = { pull_request: { number: 7, base: { sha: base }, head: { sha: head, ref: 'feature' } } };
    const r = await run(repo, event, 'pull_request');
    expect(r.result.report.findings.some((f) => f.rule === 'secret/github-pat')).toBe(true);
    const off = await run(repo, event, 'pull_request', { 'scan-history': 'false' });
    expect(off.result.report.findings.some((f) => f.rule === 'secret/github-pat')).toBe(false);
    const bad = await run(repo, event, 'pull_request', { 'scan-history': 'sometimes' });
    expect(bad.result.message).toBe(`Input 'scan-history' "sometimes" is not one of the choices: expected one of: true, false.`);
  });

  it('says to fetch the history when the commits are not in the clone', async () => {
    const { repo, head } = history();
    const r = await run(repo, { before: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', after: head }, 'push');
    expect(r.result.report.checks.find((c) => c.id === 'scan')?.summary).toContain('Commit history not scanned: the commits of the event are not in this clone: set `fetch-depth: 0` on actions/checkout');
    expect(r.stdout).toContain('::notice::scan-history: not scanned');
  });

  it('reads the range of each event', () => {
    expect(eventRange('push', { before: 'a1', after: 'b2' })).toEqual({ base: 'a1', head: 'b2' });
    expect(eventRange('push', { before: '0000000000000000000000000000000000000000', after: 'b2', commits: [{ id: 'c1' }, { id: 'b2' }] })).toEqual({ commits: ['c1', 'b2'] });
    expect(eventRange('pull_request', { pull_request: { base: { sha: 'a' }, head: { sha: 'b' } } })).toEqual({ base: 'a', head: 'b' });
    expect(eventRange('workflow_dispatch', {})).toEqual({ none: 'a workflow_dispatch run has no range of commits (only push and pull_request do)' });
  });
});

describe('SARIF', () => {
  it('writes every located finding as SARIF 2.1.0 and sets sarif-path, without the secrets', async () => {
    const { repo, base, head } = history();
    const r = await run(repo, { before: base, after: head }, 'push');
    const path = r.outputs['sarif-path']!;
    expect(path).toMatch(/preflight\.sarif$/);
    const sarif = JSON.parse(readFileSync(path, 'utf8')) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [run0] = sarif.runs;
    expect(run0!.tool.driver.name).toBe('deploy-kit preflight');
    const results = run0!.results.map((res) => `${res.ruleId} ${res.level} ${res.locations[0]!.physicalLocation.artifactLocation.uri}:${res.locations[0]!.physicalLocation.region.startLine}`);
    expect(results.sort()).toEqual(['secret/github-pat error src/config.ts:2', 'secret/npm-token error .npmrc:1']);
    for (const res of run0!.results) expect(run0!.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
    const text = readFileSync(path, 'utf8');
    for (const secret of [TOKEN, STILL_THERE]) expect(text).not.toContain(secret.slice(4));
  });
});
