/**
 * The source scan of JavaScript-family files: `console.<method>(` calls other than the allowed
 * methods, `debugger` statements, and TODO/FIXME comments by policy. It walks the token stream
 * of the lexer, so text inside strings, templates, regular expressions and comments is never
 * taken for code, and TODO is looked for only inside comments.
 */
import { JsLexer, TOKEN } from './lexer.js';
import type { Hit } from './hit.js';
import { extensionOf } from './paths.js';

export type TodoPolicy = 'off' | 'warn' | 'fail' | 'require-issue';

export interface SourcePolicy {
  consoleAllow: ReadonlySet<string>;
  todoPolicy: TodoPolicy;
}

const JSX_EXTENSIONS = new Set(['js', 'jsx', 'mjs', 'cjs', 'tsx']);
const TS_EXTENSIONS = new Set(['ts', 'mts', 'cts']);
const COMPONENT_EXTENSIONS = new Set(['vue', 'svelte']);
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** Whether the source scan applies to the file at all (by extension; exemption is decided elsewhere). */
export function isSourceFile(path: string): boolean {
  const extension = extensionOf(path);
  if (TS_EXTENSIONS.has(extension)) return !DECLARATION_FILE.test(path);
  return JSX_EXTENSIONS.has(extension) || COMPONENT_EXTENSIONS.has(extension);
}

/** Cheap test first: most files contain none of the words, and lexing them would find nothing. */
function mayHaveFindings(text: string, policy: SourcePolicy): boolean {
  return (
    text.includes('console') ||
    text.includes('debugger') ||
    (policy.todoPolicy !== 'off' && (text.includes('TODO') || text.includes('FIXME')))
  );
}

export function scanSource(text: string, path: string, policy: SourcePolicy): Hit[] {
  if (!mayHaveFindings(text, policy)) return [];
  const hits: Hit[] = [];
  const extension = extensionOf(path);
  if (COMPONENT_EXTENSIONS.has(extension)) {
    scanComponent(text, policy, hits);
  } else {
    scanScript(text, 0, text.length, JSX_EXTENSIONS.has(extension), policy, hits);
  }
  return hits;
}

const SCRIPT_OPEN = /<script\b([^>]*)>/gi;
const SCRIPT_CLOSE = /<\/script\s*>/gi;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const LANG_ATTRIBUTE = /\blang\s*=\s*["']?([a-z]+)/i;

/** .vue and .svelte: each `<script>` block is lexed as JS or TS; HTML comments elsewhere are checked for TODOs. */
function scanComponent(text: string, policy: SourcePolicy, hits: Hit[]): void {
  const scripts: [number, number][] = [];
  SCRIPT_OPEN.lastIndex = 0;
  for (let open = SCRIPT_OPEN.exec(text); open; open = SCRIPT_OPEN.exec(text)) {
    const from = open.index + open[0].length;
    SCRIPT_CLOSE.lastIndex = from;
    const close = SCRIPT_CLOSE.exec(text);
    const to = close ? close.index : text.length;
    const lang = LANG_ATTRIBUTE.exec(open[1] ?? '')?.[1]?.toLowerCase() ?? 'js';
    scanScript(text, from, to, lang !== 'ts', policy, hits);
    scripts.push([from, to]);
    SCRIPT_OPEN.lastIndex = to;
  }
  if (policy.todoPolicy === 'off') return;
  HTML_COMMENT.lastIndex = 0;
  for (let comment = HTML_COMMENT.exec(text); comment; comment = HTML_COMMENT.exec(text)) {
    const at = comment.index;
    if (!scripts.some(([from, to]) => at >= from && at < to)) checkTodos(text, at, at + comment[0].length, policy, hits);
  }
}

/**
 * Token patterns: `console` (not after a `.`) `.`|`?.` method `(`|`?.(` is a call; `debugger`
 * not after a `.` and not followed by `:` (an object key) is the statement.
 */
function scanScript(text: string, from: number, to: number, jsx: boolean, policy: SourcePolicy, hits: Hit[]): void {
  const lexer = new JsLexer(text, from, to, { jsx });
  let afterDot = false;
  let consoleAt = -1;
  let method = '';
  let step = 0; // 0: nothing, 1: saw console, 2: saw the dot, 3: saw the method, 4: saw `?.` after it
  let debuggerAt = -1;

  for (let kind = lexer.next(); kind !== TOKEN.end; kind = lexer.next()) {
    if (kind === TOKEN.comment) {
      if (policy.todoPolicy !== 'off') checkTodos(text, lexer.start, lexer.end, policy, hits);
      continue;
    }
    const { start, end } = lexer;
    const isPunctuator = kind === TOKEN.punctuator;
    const punctuator = isPunctuator ? text.charCodeAt(start) : 0;

    if (debuggerAt >= 0) {
      // `{ debugger: 1 }` and `debugger?: boolean` are property names, not the statement.
      if (!(isPunctuator && (punctuator === 58 /* : */ || punctuator === 63) /* ? */)) hits.push(debuggerHit(debuggerAt));
      debuggerAt = -1;
    }

    if (step === 1 && isPunctuator && (punctuator === 46 /* . */ || end - start === 2)) step = 2;
    else if (step === 2 && kind === TOKEN.identifier) {
      method = text.slice(start, end);
      step = 3;
    } else if (step === 3 && isPunctuator && punctuator === 40 /* ( */) {
      if (!policy.consoleAllow.has(method)) hits.push(consoleHit(consoleAt, method));
      step = 0;
    } else if (step === 3 && isPunctuator && end - start === 2 /* ?. */) step = 4;
    else if (step === 4 && isPunctuator && punctuator === 40) {
      if (!policy.consoleAllow.has(method)) hits.push(consoleHit(consoleAt, method));
      step = 0;
    } else step = 0;

    if (kind === TOKEN.identifier && !afterDot) {
      const length = end - start;
      if (length === 7 && text.startsWith('console', start)) {
        step = 1;
        consoleAt = start;
      } else if (length === 8 && text.startsWith('debugger', start)) {
        debuggerAt = start;
      }
    }
    afterDot = isPunctuator && (punctuator === 46 || end - start === 2);
  }
  if (debuggerAt >= 0) hits.push(debuggerHit(debuggerAt));
}

function consoleHit(offset: number, method: string): Hit {
  return {
    rule: 'console',
    severity: 'warning',
    message: `console.${method}() call left in the source: remove it or use a logger (allowed methods are set by console-allow).`,
    offset,
    length: 'console.'.length + method.length,
  };
}

function debuggerHit(offset: number): Hit {
  return {
    rule: 'debugger',
    severity: 'error',
    message: 'debugger statement left in the source: it stops the app whenever developer tools are open; remove it.',
    offset,
    length: 'debugger'.length,
  };
}

const TODO_MARKER = /\b(TODO|FIXME)\b/g;
/** `TODO(#123)`, `TODO(owner/repo#123)`, `TODO(PROJ-123)` right after the marker. */
const ISSUE_REFERENCE = /^\s*\(\s*(?:[\w.-]+\/[\w.-]+)?#\d+\s*\)|^\s*\(\s*[A-Z][A-Z0-9]+-\d+\s*\)/;
const URL_IN_TEXT = /https?:\/\/\S+/;
/** Only comment openers and whitespace before the marker on its line. */
const LINE_START = /^[\s/*#!<-]*$/;

/**
 * A marker is `TODO`/`FIXME` followed by `:` or `(`, or the first word of a comment line —
 * `// TODO remove`, ` * FIXME(#12) ...` — not a mention in prose ("checks TODO comments")
 * nor a quotation in backticks, as in this very comment.
 */
function isMarker(comment: string, at: number, word: string): boolean {
  const lineStart = comment.lastIndexOf('\n', at) + 1;
  const before = comment.slice(lineStart, at);
  if (before.split('`').length % 2 === 0) return false;
  const next = comment.charCodeAt(at + word.length);
  return next === 58 /* : */ || next === 40 /* ( */ || LINE_START.test(before);
}

function checkTodos(text: string, from: number, to: number, policy: SourcePolicy, hits: Hit[]): void {
  const comment = text.slice(from, to);
  if (!comment.includes('TODO') && !comment.includes('FIXME')) return;
  TODO_MARKER.lastIndex = 0;
  for (let marker = TODO_MARKER.exec(comment); marker; marker = TODO_MARKER.exec(comment)) {
    const word = marker[1]!;
    if (!isMarker(comment, marker.index, word)) continue;
    const after = comment.slice(marker.index + word.length);
    const restOfLine = after.split(/\r?\n/, 1)[0] ?? '';
    if (policy.todoPolicy === 'require-issue' && (ISSUE_REFERENCE.test(after) || URL_IN_TEXT.test(restOfLine))) continue;
    hits.push({
      rule: 'todo',
      severity: policy.todoPolicy === 'warn' ? 'warning' : 'error',
      message:
        policy.todoPolicy === 'require-issue'
          ? `${word} without an issue reference: write ${word}(#123) or put the issue URL in the comment.`
          : `${word} comment left in the source: resolve it, or track it in an issue.`,
      offset: from + marker.index,
      length: word.length,
    });
  }
}
