/**
 * Checks the scan's JavaScript lexer against a real tokenizer (acorn, installed with the
 * tools) on every .js/.mjs/.cjs file under a folder: each token acorn finds must start where
 * one of ours starts. A string, comment, template or regex taken for code (or the reverse)
 * shows up as the first token acorn has and we do not.
 *
 *   node --import ./bench/register-ts.mjs bench/scan/lexer-vs-acorn.ts [folder, default node_modules]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as acorn from 'acorn';
import { JsLexer, TOKEN } from '../../actions/preflight/src/scan/lexer.js';

const SKIPPED_LABELS = new Set(['template', '`', '${', 'eof', 'invalidTemplate']);

/** Token starts by acorn, or undefined when acorn cannot tokenize the file (JSX, Flow, syntax errors). */
function acornStarts(text: string): number[] | undefined {
  for (const sourceType of ['script', 'module'] as const) {
    try {
      const starts: number[] = [];
      const options = { ecmaVersion: 'latest', sourceType, allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true } as const;
      for (const token of acorn.tokenizer(text, options)) if (!SKIPPED_LABELS.has(token.type.label)) starts.push(token.start);
      return starts;
    } catch {
      // try the other source type
    }
  }
  return undefined;
}

function ourStarts(text: string): Set<number> {
  const starts = new Set<number>();
  const lexer = new JsLexer(text, 0, text.length, { jsx: true });
  for (let kind = lexer.next(); kind !== TOKEN.end; kind = lexer.next()) starts.add(lexer.start);
  return starts;
}

const root = process.argv[2] ?? 'node_modules';
const entries = readdirSync(root, { recursive: true, withFileTypes: true });
const files = entries.filter((entry) => entry.isFile() && /\.[cm]?js$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
let checked = 0;
let untokenizable = 0;
let bytes = 0;
const diverging: string[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const expected = acornStarts(text);
  if (!expected) {
    untokenizable++;
    continue;
  }
  checked++;
  bytes += text.length;
  const ours = ourStarts(text);
  const first = expected.find((start) => !ours.has(start));
  if (first !== undefined) diverging.push(`${file}:${first} ${JSON.stringify(text.slice(Math.max(0, first - 100), first + 40))}`);
}
console.log(`${checked} files (${(bytes / 1e6).toFixed(1)} MB) compared, ${untokenizable} not tokenizable by acorn, ${diverging.length} diverging`);
for (const line of diverging.slice(0, 20)) console.log(`  ${line}`);
