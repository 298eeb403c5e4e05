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

  it('cuts a long findings table and says where the rest are', () => {
    const report = new Report('x', 'X');
    for (let i = 0; i < 60; i++) report.addFinding({ severity: 'warning', rule: 'r', message: `m${i}`, file: 'f.ts', line: i });
    expect(renderMarkdown(report)).toContain('…and 10 more in the JSON report.');
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
