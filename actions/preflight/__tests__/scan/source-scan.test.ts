import { describe, it, expect } from '@jest/globals';
import { compilePolicy, type PolicyOptions } from '../../src/scan/policy.js';
import { scanText } from '../../src/scan/file-scan.js';
import { isSourceFile } from '../../src/scan/source-scan.js';
import { DEFAULT_EXEMPT } from '../../src/scan/index.js';

function scan(text: string, file = 'src/app.ts', options: Partial<PolicyOptions> = {}) {
  const policy = compilePolicy({ consoleAllow: ['error', 'warn'], todoPolicy: 'warn', exempt: DEFAULT_EXEMPT, allowlist: [], ...options });
  return scanText(text, file, policy).map((f) => `${f.rule} ${f.severity} ${f.line}:${f.column}`);
}

describe('console calls', () => {
  it('reports calls of methods outside console-allow, at the `console` token', () => {
    expect(scan('console.log("a");\n  console.error(e);\nconsole.warn(w); console.info(1)')).toEqual([
      'console warning 1:1',
      'console warning 3:18',
    ]);
  });

  it('follows console-allow', () => {
    expect(scan('console.log(1); console.error(2); console.debug(3)', 'src/a.ts', { consoleAllow: ['log', 'debug'] })).toEqual(['console warning 1:17']);
    expect(scan('console.error(2)', 'src/a.ts', { consoleAllow: [] })).toEqual(['console warning 1:1']);
  });

  it('ignores "console.log(" inside strings, templates, comments, regexes and JSX text', () => {
    const text = [
      'const a = "console.log(1)";',
      "const b = 'console.log(2)';",
      'const c = `console.log(${"console.log(3)"})`;',
      '// console.log(4)',
      '/* console.log(5) */',
      'const d = /console.log\\(6\\)/;',
      'const e = <p>Call console.log(7) to debug</p>;',
    ].join('\n');
    expect(scan(text, 'src/ui.jsx')).toEqual([]);
  });

  it('finds calls inside template expressions and JSX expression containers', () => {
    expect(scan('const s = `${console.log(1)}`;\nconst e = <p onClick={() => console.log(2)}>x</p>;', 'src/ui.tsx')).toEqual([
      'console warning 1:14',
      'console warning 2:29',
    ]);
  });

  it('counts optional chaining and comments between the parts, but not references or member `console`s', () => {
    expect(scan('console?.log(1); console.log?.(2); console /* why */ .trace(3)')).toEqual([
      'console warning 1:1',
      'console warning 1:18',
      'console warning 1:36',
    ]);
    expect(scan('promise.then(console.log); logger.console.log(1); const log = console.log;')).toEqual([]);
  });
});

describe('debugger statements', () => {
  it('reports the statement as an error', () => {
    expect(scan('function f() {\n  debugger;\n  if (x) debugger\n}')).toEqual(['debugger error 2:3', 'debugger error 3:10']);
  });

  it('ignores debugger as a property name or in text', () => {
    expect(scan('const o = { debugger: true }; o.debugger = 1; interface A { debugger?: boolean }; s = "debugger"')).toEqual([]);
  });
});

describe('TODO policy', () => {
  const text = [
    '// TODO: remove this hack',
    'const s = "TODO in a string is not a TODO";',
    '/* FIXME(#12) cache this */',
    '// TODO(acme/web#34): split',
    '// TODO(PROJ-56) migrate',
    '// TODO see https://github.com/acme/web/issues/7',
    '// TODOs, todo and Todo are ordinary words, and so is a TODO mentioned in prose or quoted: `TODO(#1)`',
    '/**',
    ' * FIXME first word of a doc comment line',
    ' */',
  ].join('\n');

  it('off: nothing', () => {
    expect(scan(text, 'src/a.ts', { todoPolicy: 'off' })).toEqual([]);
  });

  it('warn: every TODO/FIXME comment is a warning', () => {
    expect(scan(text, 'src/a.ts', { todoPolicy: 'warn' })).toEqual([
      'todo warning 1:4',
      'todo warning 3:4',
      'todo warning 4:4',
      'todo warning 5:4',
      'todo warning 6:4',
      'todo warning 9:4',
    ]);
  });

  it('fail: every TODO/FIXME comment is an error', () => {
    expect(scan(text, 'src/a.ts', { todoPolicy: 'fail' })).toHaveLength(6);
    expect(scan(text, 'src/a.ts', { todoPolicy: 'fail' }).every((f) => f.includes(' error '))).toBe(true);
  });

  it('require-issue: only TODOs without an issue reference or URL, as errors', () => {
    expect(scan(text, 'src/a.ts', { todoPolicy: 'require-issue' })).toEqual(['todo error 1:4', 'todo error 9:4']);
  });

  it('says how to reference an issue', () => {
    const policy = compilePolicy({ consoleAllow: [], todoPolicy: 'require-issue', exempt: [], allowlist: [] });
    expect(scanText('// FIXME later', 'a.ts', policy)[0]!.message).toBe(
      'FIXME without an issue reference: write FIXME(#123) or put the issue URL in the comment.',
    );
  });
});

describe('file kinds and exemptions', () => {
  it('scans JS-family files but not declaration files or other languages', () => {
    for (const file of ['a.js', 'a.jsx', 'a.ts', 'a.tsx', 'a.mjs', 'a.cjs', 'a.mts', 'a.cts', 'a.vue', 'a.svelte']) expect(isSourceFile(file)).toBe(true);
    for (const file of ['a.d.ts', 'a.d.mts', 'a.py', 'a.md', 'a.json', 'Makefile']) expect(isSourceFile(file)).toBe(false);
  });

  it('exempts test and config files by default', () => {
    const text = 'console.log(1)';
    for (const file of ['src/a.test.ts', 'src/a.spec.js', 'src/__tests__/a.ts', 'test/a.js', 'packages/x/tests/a.ts', 'next.config.mjs', 'apps/web/vite.config.ts', '.eslintrc.cjs', 'public/vendor.min.js', 'scripts/seed.ts', 'bench/run.ts']) {
      expect([file, scan(text, file)]).toEqual([file, []]);
    }
    expect(scan(text, 'src/testing/a.ts')).toHaveLength(1);
  });

  it('uses the configured exempt globs instead of the defaults', () => {
    expect(scan('console.log(1)', 'tools/seed.ts', { exempt: ['tools/**'] })).toEqual([]);
    expect(scan('console.log(1)', 'src/a.test.ts', { exempt: ['tools/**'] })).toHaveLength(1);
  });

  it('scans the script blocks of Vue and Svelte components and their HTML comments', () => {
    const vue = [
      '<template>',
      '  <p>{{ "console.log(1)" }}</p><!-- TODO: copy -->',
      '</template>',
      '<script setup lang="ts">',
      'const n = <number>x; console.log(n) // TODO tidy',
      '</script>',
    ].join('\n');
    expect(scan(vue, 'src/App.vue')).toEqual(['todo warning 2:37', 'console warning 5:22', 'todo warning 5:40']);
    expect(scan('<script>\n  debugger\n</script>\n<h1>console.log(1)</h1>', 'src/App.svelte')).toEqual(['debugger error 2:3']);
  });
});
