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

export function scanSource(text: string, path: string, policy: SourcePolicy): Hit[] {
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

/** Room after the last keyword for the rest of a call (`console.log(`) or a whole TODO marker. */
const TAIL = 1024;

/**
 * Nothing after the last `console`, `debugger`, `TODO` or `FIXME` can be a finding, so lexing
 * stops shortly after it (and does not start when there is none in the range).
 */
function lexingEnd(text: string, from: number, to: number, policy: SourcePolicy): number {
  const words = policy.todoPolicy === 'off' ? ['console', 'debugger'] : ['console', 'debugger', 'TODO', 'FIXME'];
  let last = -1;
  for (const word of words) {
    const at = text.lastIndexOf(word, to - word.length);
    if (at >= from && at > last) last = at;
  }
  return last < 0 ? from : Math.min(to, last + TAIL);
}

/** Where a possible `console.<method>(` call has got to, token by token. */
const STEP = { none: 0, console: 1, dot: 2, method: 3, optionalCall: 4 } as const;
type Step = (typeof STEP)[keyof typeof STEP];

const DOT = 46;
const QUESTION = 63;
const COLON = 58;
const OPEN_PAREN = 40;

/**
 * Token patterns: `console` (not after a `.`), then `.` or `?.`, a method name, then `(` or
 * `?.(` is a call; `debugger` not after a `.` and not followed by `:` or `?` (a property name)
 * is the statement. Comments between the tokens are skipped.
 */
function scanScript(text: string, from: number, to: number, jsx: boolean, policy: SourcePolicy, hits: Hit[]): void {
  const end = lexingEnd(text, from, to, policy);
  if (end <= from) return;
  const lexer = new JsLexer(text, from, end, { jsx });
  let afterDot = false;
  let step: Step = STEP.none;
  let consoleAt = -1;
  let method = '';
  let debuggerAt = -1;

  for (let kind = lexer.next(); kind !== TOKEN.end; kind = lexer.next()) {
    if (kind === TOKEN.comment) {
      if (policy.todoPolicy !== 'off') checkTodos(text, lexer.start, lexer.end, policy, hits);
      continue;
    }
    const { start } = lexer;
    const punctuator = kind === TOKEN.punctuator ? text.charCodeAt(start) : 0;
    const optionalChain = punctuator === QUESTION && lexer.end - start === 2;

    if (debuggerAt >= 0) {
      if (punctuator !== COLON && punctuator !== QUESTION) hits.push(debuggerHit(debuggerAt));
      debuggerAt = -1;
    }

    if (step === STEP.console && (punctuator === DOT || optionalChain)) step = STEP.dot;
    else if (step === STEP.dot && kind === TOKEN.identifier) {
      method = lexer.value();
      step = STEP.method;
    } else if (step === STEP.method && optionalChain) step = STEP.optionalCall;
    else if ((step === STEP.method || step === STEP.optionalCall) && punctuator === OPEN_PAREN) {
      if (!policy.consoleAllow.has(method)) hits.push(consoleHit(consoleAt, method));
      step = STEP.none;
    } else step = STEP.none;

    if (kind === TOKEN.identifier && !afterDot) {
      const length = lexer.end - start;
      if (length === 7 && text.startsWith('console', start)) {
        step = STEP.console;
        consoleAt = start;
      } else if (length === 8 && text.startsWith('debugger', start)) {
        debuggerAt = start;
      }
    }
    afterDot = punctuator === DOT || optionalChain;
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
