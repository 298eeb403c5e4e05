import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../src/report/markdown.js';
import { Report } from '../src/report/model.js';
import { renderTerminal } from '../src/report/terminal.js';
import { toJson } from '../src/report/json.js';
import { registerSecret } from '../src/secrets.js';

function sample(): Report {
  const report = new Report('preflight', 'Preflight');
  report.addCheck({ id: 'lint', title: 'Lint', status: 'pass', durationMs: 1234 });
  report.addCheck({ id: 'test', title: 'Tests', status: 'fail', summary: 'npm run test exited 1', detail: 'FAIL a | b\n```x```' });
  report.addFinding({ severity: 'warning', rule: 'todo', message: 'TODO without an issue', file: 'src/b.ts', line: 9 });
  report.addFinding({ severity: 'error', rule: 'secret/aws', message: 'AWS key | in code', file: 'src/a.ts', line: 3, column: 7 });
  return report;
}

describe('report', () => {
  it('counts failed checks and error findings as errors', () => {
    const report = sample();
    expect(report.errors).toBe(2);
    expect(report.warnings).toBe(1);
    expect(report.worstStatus()).toBe('fail');
  });

  it('renders Markdown with the most severe findings first and table cells escaped', () => {
    const md = renderMarkdown(sample());
    expect(md).toContain('## Preflight');
    expect(md).toContain('❌ 2 errors, 1 warning');
    expect(md).toContain('| ✅ | Lint |  | 1.2 s |');
    expect(md.indexOf('src/a.ts:3')).toBeLessThan(md.indexOf('src/b.ts:9'));
    expect(md).toContain('AWS key \\| in code');
    expect(md).toContain("FAIL a | b\n'''x'''");
  });

  it('cuts a long findings table and says where the rest are and how to download them', () => {
    const report = new Report('x', 'X');
    for (let i = 0; i < 60; i++) report.addFinding({ severity: 'warning', rule: 'r', message: `m${i}`, file: 'f.ts', line: i });
    const md = renderMarkdown(report, { reportPath: '/runner/_temp/deploy-kit/x-report.json' });
    expect(md).toContain('…and 10 more finding(s) in 10 more group(s) not shown here: the JSON report `/runner/_temp/deploy-kit/x-report.json` has everything');
    expect(md).toContain('add an `actions/upload-artifact` step with `path: ${{ runner.temp }}/deploy-kit/`');
    expect(md).not.toContain('more in the JSON report.');
  });

  it('groups a repeated message of one rule into one row listing its places', () => {
    const report = new Report('x', 'X');
    for (let i = 1; i <= 14; i++) report.addFinding({ severity: 'warning', rule: 'console', message: 'console.log left in code', file: `src/f${i}.ts`, line: i });
    report.addFinding({ severity: 'error', rule: 'secret/aws', message: 'AWS key', file: 'src/a.ts', line: 3 });
    const md = renderMarkdown(report);
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('`secret/aws`');
    expect(rows[1]).toContain('console.log left in code (×14)');
    expect(rows[1]).toContain('`src/f1.ts:1`, `src/f10.ts:10`');
    expect(rows[1]).toMatch(/, and 4 more \|$/);
  });

  it('links each place to its file and line at the commit', () => {
    const md = renderMarkdown(sample(), { links: { serverUrl: 'https://ghe.example.com/', repository: 'acme/shop', sha: 'abc123' } });
    expect(md).toContain('[src/a.ts:3](https://ghe.example.com/acme/shop/blob/abc123/src/a.ts#L3)');
    expect(md).toContain('[src/b.ts:9](https://ghe.example.com/acme/shop/blob/abc123/src/b.ts#L9)');
  });

  it('stays within the length asked for, counting what it left out', () => {
    const report = new Report('preflight', 'Preflight');
    report.addCheck({ id: 'build', title: 'Build', status: 'fail', summary: 'exited 1', detail: 'x'.repeat(40_000) });
    report.addCheck({ id: 'test', title: 'Tests', status: 'fail', summary: 'exited 1', detail: 'y'.repeat(40_000) });
    for (let i = 0; i < 3000; i++) report.addFinding({ severity: 'error', rule: `rule-${i % 40}`, message: `${'long message '.repeat(8)}${i}`, file: `src/file-${i}.ts`, line: i + 1 });
    report.addNote('**Plan:** the closing note survives.');
    const md = renderMarkdown(report, { maxLength: 65_536, reportPath: '/tmp/deploy-kit/preflight-report.json' });
    expect(md.length).toBeLessThanOrEqual(65_536);
    const shownRows = md.split('\n').filter((l) => l.startsWith('| ❌ | `rule')).length;
    expect(shownRows).toBeGreaterThan(0);
    const more = /…and (\d+) more finding\(s\) in (\d+) more group\(s\) not shown here/.exec(md);
    expect(Number(more![2])).toBe(3000 - shownRows);
    expect(Number(more![1])).toBe(3000 - shownRows);
    expect(md).toContain('**Plan:** the closing note survives.');
    expect(md).toContain('The output of 1 more check(s) is left out');
  });

  it('shows Lighthouse scores and latencies at a glance, coloured against their limits', () => {
    const report = new Report('smoke-test', 'Smoke test');
    report.addCheck({
      id: 'lighthouse',
      title: 'Lighthouse',
      status: 'fail',
      metrics: [
        { label: 'Lighthouse performance', value: 72, unit: 'score', limit: 90 },
        { label: 'Lighthouse accessibility', value: 100, unit: 'score', limit: 95 },
      ],
    });
    report.addCheck({ id: 'endpoint:GET /', title: 'GET /', status: 'pass', metrics: [{ label: 'GET / p95', value: 400, unit: 'ms', limit: 2000 }] });
    const md = renderMarkdown(report);
    expect(md).toContain('| Lighthouse performance | 🟠 `███████░░░` | 72 | ≥ 90 |');
    expect(md).toContain('| Lighthouse accessibility | 🟢 `██████████` | 100 | ≥ 95 |');
    expect(md).toContain('| GET / p95 | 🟢 `██░░░░░░░░` | 400 ms | ≤ 2000 ms |');
    expect(md.indexOf('Lighthouse performance')).toBeLessThan(md.indexOf('| | Check |'));
  });

  it('redacts registered secrets in every rendering', () => {
    registerSecret('hunter2-but-longer');
    const report = sample();
    report.addCheck({ id: 'x', title: 'Leaky', status: 'fail', summary: 'token hunter2-but-longer rejected' });
    expect(renderMarkdown(report)).not.toContain('hunter2-but-longer');
    expect(renderTerminal(report)).not.toContain('hunter2-but-longer');
    expect(JSON.stringify(toJson(report, 'failure'))).not.toContain('hunter2-but-longer');
  });

  it('prints a terminal report a person can scan', () => {
    const text = renderTerminal(sample());
    expect(text).toContain('  PASS  Lint (1.2 s)');
    expect(text).toContain('  FAIL  Tests — npm run test exited 1');
    expect(text).toContain('  error   src/a.ts:3:7  AWS key | in code  [secret/aws]');
    expect(text).toContain('2 error(s), 1 warning(s)');
  });
});

describe('secrets', () => {
  it('masks a secret in its URL-encoded and JSON-escaped forms and database URL passwords', async () => {
    const { redact } = await import('../src/secrets.js');
    registerSecret('p@ss/word"1');
    expect(redact(`a ${encodeURIComponent('p@ss/word"1')} b ${JSON.stringify('p@ss/word"1')}`)).toBe('a *** b "***"');
    expect(redact('postgres://app:s3cr3t@db.example.com:5432/app')).toBe('postgres://app:***@db.example.com:5432/app');
  });
});

describe('counts', () => {
  it('a check that failed on warning findings alone still counts as an error: a failed report never says "0 errors"', () => {
    const report = new Report('env-check', 'Env check');
    report.addCheck({ id: 'vars', title: 'Variables', status: 'fail', summary: 'warnings are errors here' });
    report.addFinding({ check: 'vars', severity: 'warning', rule: 'unused', message: 'API_URL is never read' });
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(1);
    expect(renderMarkdown(report)).toContain('❌ 1 error, 1 warning');
    expect(renderMarkdown(report)).not.toMatch(/0 errors/);
  });
});
