/**
 * Runs preflight's scan over large real code trees installed from npm and lists every secret
 * finding (for the false-positive review in the issue note) and the source-scan counts.
 *
 *   node --import ./bench/register-ts.mjs bench/scan/real-trees.ts [--each] [package ...]
 *
 * Every file of each package is scanned (only known binary formats are left out), with no
 * size limit, so typescript's 9 MB lib files are included.
 *
 * The lexer-based console/debugger findings of every .js/.mjs/.cjs file are checked against
 * a real parser (acorn, installed as a dependency of the tools): a call the AST has and the
 * scan missed, or a finding the AST does not have (text in a string or comment taken for
 * code), is listed.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as acorn from 'acorn';
import type { Finding } from '../../packages/shared/src/report/model.js';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONSOLE_ALLOW, scanFiles } from '../../actions/preflight/src/scan/index.js';
import { BINARY_EXTENSIONS } from '../../actions/preflight/src/scan/list-files.js';
import { extensionOf } from '../../actions/preflight/src/scan/paths.js';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_TREES = ['typescript', 'lighthouse', '@vercel/sdk', 'undici', '@sentry', 'puppeteer-core', '@secretlint', '@octokit/openapi'];
/** `--each` lists every finding; by default findings with the same rule and message are grouped. */
const each = process.argv.includes('--each');

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((path) => !BINARY_EXTENSIONS.has(extensionOf(path)))
    .sort();
}

async function scanTree(name: string): Promise<void> {
  const root = join(repository, 'node_modules', name);
  const files = await allFiles(root);
  const started = performance.now();
  const result = await scanFiles(
    files,
    { root, consoleAllow: DEFAULT_CONSOLE_ALLOW, todoPolicy: 'warn', exempt: [], allowlist: [] },
    { maxFileBytes: Number.MAX_SAFE_INTEGER },
  );
  const seconds = (performance.now() - started) / 1000;
  const secrets = result.findings.filter((f) => f.rule.startsWith('secret/'));
  const source = new Map<string, number>();
  for (const f of result.findings) if (!f.rule.startsWith('secret/')) source.set(f.rule, (source.get(f.rule) ?? 0) + 1);

  console.log(`\n## node_modules/${name}: ${result.files} files, ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`);
  console.log(`source scan (nothing exempt): ${[...source].map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'}`);
  console.log(`secret findings: ${secrets.length}`);
  if (each) {
    for (const f of secrets) console.log(`  ${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} — ${f.message}`);
  } else {
    const groups = new Map<string, Finding[]>();
    for (const f of secrets) groups.set(`${f.rule} — ${f.message}`, [...(groups.get(`${f.rule} — ${f.message}`) ?? []), f]);
    for (const [key, group] of groups) {
      const places = group.slice(0, 3).map((f) => `${f.file}:${f.line}:${f.column}`);
      console.log(`  ${group.length} × ${key}\n      at ${places.join(', ')}${group.length > 3 ? ', …' : ''}`);
    }
  }
  await crossCheckLexer(root, files, result.findings);
}

interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

function parse(text: string): AstNode | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return acorn.parse(text, { ecmaVersion: 'latest', sourceType, locations: true, allowHashBang: true, allowReturnOutsideFunction: true }) as unknown as AstNode;
    } catch {
      // try the other source type
    }
  }
  return undefined;
}

/** `line:column rule` of each console call (method not allowed) and debugger statement in the AST. */
function astFindings(root: AstNode): string[] {
  const found: string[] = [];
  const visit = (node: AstNode) => {
    if (node.type === 'DebuggerStatement') found.push(`${node.loc!.start.line}:${node.loc!.start.column + 1} debugger`);
    if (node.type === 'CallExpression') {
      const callee = node.callee as AstNode;
      const object = callee.object as AstNode | undefined;
      const property = callee.property as AstNode | undefined;
      if (callee.type === 'MemberExpression' && !callee.computed && object?.type === 'Identifier' && object.name === 'console' && property?.type === 'Identifier') {
        if (!DEFAULT_CONSOLE_ALLOW.includes(property.name as string)) found.push(`${object.loc!.start.line}:${object.loc!.start.column + 1} console`);
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object' && 'type' in item) visit(item as AstNode);
      if (value && typeof value === 'object' && 'type' in value) visit(value as AstNode);
    }
  };
  visit(root);
  return found.sort();
}

async function crossCheckLexer(root: string, files: string[], findings: Finding[]): Promise<void> {
  let checked = 0;
  let calls = 0;
  let unparsed = 0;
  const disagreements: string[] = [];
  for (const file of files.filter((path) => /\.(?:c|m)?js$/.test(path))) {
    const text = await readFile(join(root, file), 'utf8');
    if (!text.includes('console') && !text.includes('debugger')) continue;
    const ast = parse(text);
    if (!ast) {
      unparsed++;
      continue;
    }
    checked++;
    const expected = astFindings(ast);
    calls += expected.length;
    const actual = findings
      .filter((f) => f.file === file && (f.rule === 'console' || f.rule === 'debugger'))
      .map((f) => `${f.line}:${f.column} ${f.rule}`)
      .sort();
    for (const place of expected) if (!actual.includes(place)) disagreements.push(`  MISSED ${file}:${place}`);
    for (const place of actual) if (!expected.includes(place)) disagreements.push(`  EXTRA ${file}:${place}`);
  }
  console.log(
    `lexer vs acorn: ${checked} JS files with console/debugger text parsed (${unparsed} not parseable), ${calls} calls/statements in the ASTs, ${disagreements.length} disagreements`,
  );
  for (const line of disagreements) console.log(line);
}

const trees = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
for (const name of trees.length > 0 ? trees : DEFAULT_TREES) await scanTree(name);
