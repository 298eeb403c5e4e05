import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * GitHub Actions expressions (`${{ … }}`), enough of them to run deploy-kit's own workflows and
 * composite action here: literals, context paths (`steps.deploy.outputs.url`, `inputs.x`), `!`,
 * `==` `!=` `<` `>` `<=` `>=`, `&&` `||` (which return an operand, as in JavaScript), parentheses, and
 * the functions always, success, failure, cancelled, format, contains, startsWith, endsWith, join,
 * toJSON, fromJSON and hashFiles. The semantics follow
 * https://docs.github.com/en/actions/reference/workflows-and-actions/expressions: loose equality
 * that coerces mismatched types to numbers, case-insensitive string comparison, null for a
 * missing property, falsy values false, 0, -0, "", null and NaN. Anything else is an error, so a
 * workflow using a construct this does not understand fails the test instead of passing it.
 */
export interface ExpressionContext {
  contexts: Record<string, unknown>;
  /** For success() / failure(): whether an earlier step (or needed job) failed. */
  failed: boolean;
  /** For hashFiles(): the workspace its patterns are relative to. */
  workspace?: string;
}

type Token = { kind: 'num' | 'str' | 'ident' | 'op' | 'punct'; value: string };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error(`Unterminated string in expression: ${source}`);
        if (source[i] === "'" && source[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (source[i] === "'") {
          i++;
          break;
        } else value += source[i++];
      }
      tokens.push({ kind: 'str', value });
      continue;
    }
    const number = /^-?(0x[0-9a-f]+|\d+(\.\d+)?(e[+-]?\d+)?)/i.exec(source.slice(i));
    if (number && !/[A-Za-z_]/.test(source[i - 1] ?? '')) {
      tokens.push({ kind: 'num', value: number[0] });
      i += number[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', value: op });
      i += op.length;
      continue;
    }
    if ('().,[]*'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i++;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i));
    if (!ident) throw new Error(`Unexpected '${c}' in expression: ${source}`);
    tokens.push({ kind: 'ident', value: ident[0] });
    i += ident[0].length;
  }
  return tokens;
}

export function isTruthy(value: unknown): boolean {
  return !(value === false || value === 0 || value === '' || value === null || value === undefined || Number.isNaN(value));
}

function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return NaN;
}

/** The string a value becomes when interpolated: null → '', booleans → 'true'/'false', objects → JSON. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (typeof a === typeof b && typeof a === 'object') return a === b ? 0 : NaN;
  const x = toNumber(a);
  const y = toNumber(b);
  return x === y ? 0 : x < y ? -1 : x > y ? 1 : NaN;
}

function property(target: unknown, name: string): unknown {
  if (target === null || typeof target !== 'object') return null;
  const record = target as Record<string, unknown>;
  if (name in record) return record[name] ?? null;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (record[key] ?? null);
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly ctx: ExpressionContext,
    private readonly source: string,
  ) {}

  parse(): unknown {
    const value = this.or();
    if (this.at < this.tokens.length) throw new Error(`Unexpected '${this.tokens[this.at]!.value}' in expression: ${this.source}`);
    return value;
  }

  private peek(value: string): boolean {
    return this.tokens[this.at]?.value === value && this.tokens[this.at]?.kind !== 'str';
  }

  private expect(value: string): void {
    if (!this.peek(value)) throw new Error(`Expected '${value}' in expression: ${this.source}`);
    this.at++;
  }

  private or(): unknown {
    let left = this.and();
    while (this.peek('||')) {
      this.at++;
      const right = this.and();
      left = isTruthy(left) ? left : right;
    }
    return left;
  }

  private and(): unknown {
    let left = this.comparison();
    while (this.peek('&&')) {
      this.at++;
      const right = this.comparison();
      left = isTruthy(left) ? right : left;
    }
    return left;
  }

  private comparison(): unknown {
    let left = this.unary();
    for (;;) {
      const op = ['==', '!=', '<', '>', '<=', '>='].find((o) => this.peek(o));
      if (!op) return left;
      this.at++;
      const c = compare(left, this.unary());
      left = op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    }
  }

  private unary(): unknown {
    if (this.peek('!')) {
      this.at++;
      return !isTruthy(this.unary());
    }
    return this.postfix(this.primary());
  }

  private postfix(value: unknown): unknown {
    for (;;) {
      if (this.peek('.')) {
        this.at++;
        const name = this.tokens[this.at++];
        if (!name || (name.kind !== 'ident' && name.value !== '*')) throw new Error(`Expected a property name in expression: ${this.source}`);
        value = property(value, name.value);
      } else if (this.peek('[')) {
        this.at++;
        const key = this.or();
        this.expect(']');
        value = property(value, toText(key));
      } else return value;
    }
  }

  private primary(): unknown {
    const token = this.tokens[this.at++];
    if (!token) throw new Error(`Unexpected end of expression: ${this.source}`);
    if (token.kind === 'str') return token.value;
    if (token.kind === 'num') return Number(token.value);
    if (token.value === '(') {
      const value = this.or();
      this.expect(')');
      return value;
    }
    if (token.kind !== 'ident') throw new Error(`Unexpected '${token.value}' in expression: ${this.source}`);
    if (token.value === 'true') return true;
    if (token.value === 'false') return false;
    if (token.value === 'null') return null;
    if (this.peek('(')) return this.call(token.value);
    if (!(token.value in this.ctx.contexts)) throw new Error(`Unknown context '${token.value}' in expression: ${this.source}`);
    return this.ctx.contexts[token.value] ?? null;
  }

  private call(name: string): unknown {
    this.expect('(');
    const args: unknown[] = [];
    while (!this.peek(')')) {
      args.push(this.or());
      if (!this.peek(')')) this.expect(',');
    }
    this.expect(')');
    return callFunction(name, args, this.ctx, this.source);
  }
}

function callFunction(name: string, args: unknown[], ctx: ExpressionContext, source: string): unknown {
  const text = args.map(toText);
  switch (name.toLowerCase()) {
    case 'always':
      return true;
    case 'success':
      return !ctx.failed;
    case 'failure':
      return ctx.failed;
    case 'cancelled':
      return false;
    case 'format':
      return text[0]!.replace(/\{(\d+)\}/g, (_m, i: string) => text[Number(i) + 1] ?? '');
    case 'contains':
      return Array.isArray(args[0]) ? args[0].some((v) => compare(v, args[1]) === 0) : text[0]!.toLowerCase().includes(text[1]!.toLowerCase());
    case 'startswith':
      return text[0]!.toLowerCase().startsWith(text[1]!.toLowerCase());
    case 'endswith':
      return text[0]!.toLowerCase().endsWith(text[1]!.toLowerCase());
    case 'join':
      return Array.isArray(args[0]) ? args[0].map(toText).join(text[1] ?? ',') : text[0];
    case 'tojson':
      return JSON.stringify(args[0] ?? null, null, 2);
    case 'fromjson':
      return JSON.parse(text[0]!);
    case 'hashfiles':
      return hashFiles(text, ctx.workspace ?? process.cwd());
    default:
      throw new Error(`Unknown function '${name}' in expression: ${source}`);
  }
}

/** hashFiles with literal paths (no globs): the SHA-256 of each existing file's SHA-256, '' when none exists. */
function hashFiles(paths: string[], workspace: string): string {
  const outer = createHash('sha256');
  let any = false;
  for (const path of paths) {
    try {
      outer.update(createHash('sha256').update(readFileSync(join(workspace, path))).digest());
      any = true;
    } catch {
      // A missing file does not count, as on the runner.
    }
  }
  return any ? outer.digest('hex') : '';
}

export function evaluate(expression: string, ctx: ExpressionContext): unknown {
  return new Parser(tokenize(expression), ctx, expression).parse();
}

/** A value that may hold `${{ … }}`: a lone expression keeps its type, a template becomes text. */
export function interpolate(value: unknown, ctx: ExpressionContext): unknown {
  if (typeof value !== 'string') return value;
  const lone = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (lone && !lone[1]!.includes('}}')) return evaluate(lone[1]!, ctx);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expression: string) => toText(evaluate(expression, ctx)));
}

export function interpolateText(value: unknown, ctx: ExpressionContext): string {
  return toText(interpolate(value, ctx));
}

/**
 * A step's or job's `if:`: `${{ }}` optional; without a status function the runner adds
 * `success() &&` in front (docs: "a default status check of success() is applied").
 */
export function condition(value: unknown, ctx: ExpressionContext): boolean {
  if (value === undefined || value === null || value === '') return !ctx.failed;
  if (typeof value === 'boolean') return value && !ctx.failed;
  const inner = String(value).replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
  const statusChecked = /\b(always|success|failure|cancelled)\s*\(/i.test(inner);
  return isTruthy(evaluate(statusChecked ? inner : `success() && (${inner})`, ctx));
}

/** Every `ctx.a.b.c` path an expression text refers to, e.g. for a structure test. */
export function references(text: string, context: string): string[][] {
  const found: string[][] = [];
  for (const [, expression] of text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    for (const token of expression!.matchAll(new RegExp(`(?<![\\w.-])${context}((?:\\.[A-Za-z_][\\w-]*)+)`, 'g'))) {
      found.push(token[1]!.slice(1).split('.'));
    }
  }
  return found;
}
