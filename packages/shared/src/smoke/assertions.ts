/**
 * JSON assertions on a response body, one per line of the `json:` list:
 *
 *   status == "healthy"          a value equals a JSON literal ("string", 12, true, null)
 *   services.* == "healthy"      `*` is every value of an object or every item of an array
 *   checks.db.latencyMs < 250    < <= > >= compare numbers; != differs
 *   version ~= "^1\\.4\\."       ~= matches a regular expression
 *   build.sha exists             the key is present (any value, null included)
 *
 * A path is dot-separated keys; `items[0]` and `items.0` both index an array. Every value a
 * wildcard reaches must pass, and a wildcard that reaches nothing fails: `services.*` on `{}`
 * proves nothing is healthy.
 */
export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '~=' | 'exists';

export interface Assertion {
  /** As written, for messages. */
  source: string;
  path: string[];
  op: Operator;
  value?: unknown;
}

export const ASSERTION_FORM = '`<path> <op> <JSON value>` or `<path> exists`, e.g. `status == "healthy"` or `services.* == "healthy"` (ops: == != < <= > >= ~=)';

const COMPARISON = /^\s*([^\s=!<>~]+)\s*(==|!=|<=|>=|<|>|~=)\s*(.+?)\s*$/;
const EXISTS = /^\s*([^\s=!<>~]+)\s+exists\s*$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseAssertion(source: string): Parsed<Assertion> {
  const exists = EXISTS.exec(source);
  const comparison = exists ? undefined : COMPARISON.exec(source);
  const match = exists ?? comparison;
  if (!match) return { ok: false, message: `\`${source}\` is not an assertion: expected ${ASSERTION_FORM}` };
  const path = parsePath(match[1]!);
  if (!path) return { ok: false, message: `\`${match[1]}\` is not a key path: use dot-separated keys, \`*\` or [index], e.g. \`services.*.status\`` };
  if (exists) return { ok: true, value: { source: source.trim(), path, op: 'exists' } };
  const op = match[2] as Operator;
  const literal = parseLiteral(match[3]!);
  if (!literal.ok) return literal;
  const problem = operandProblem(op, literal.value);
  if (problem) return { ok: false, message: `\`${source.trim()}\`: ${problem}` };
  return { ok: true, value: { source: source.trim(), path, op, value: literal.value } };
}

function parsePath(text: string): string[] | undefined {
  const segments = text.replace(/\[(\d+|\*)\]/g, '.$1').split('.');
  return segments.every((s) => s.length > 0 && !/[[\]"']/.test(s)) ? segments : undefined;
}

function parseLiteral(text: string): Parsed<unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object') return { ok: false, message: `\`${text}\`: compare with a single value (a string, number, true, false or null), not an object or list` };
    return { ok: true, value };
  } catch {
    return { ok: false, message: `\`${text}\` is not a JSON value: quote strings, e.g. "${text.replace(/^['"]|['"]$/g, '')}"` };
  }
}

function operandProblem(op: Operator, value: unknown): string | undefined {
  if (['<', '<=', '>', '>='].includes(op) && typeof value !== 'number') return `${op} compares numbers: the right side must be a number`;
  if (op === '~=') {
    if (typeof value !== 'string') return '~= matches a regular expression: the right side must be a "quoted" pattern';
    try {
      new RegExp(value);
    } catch (error) {
      return `~= pattern is not a valid regular expression: ${(error as Error).message}`;
    }
  }
  return undefined;
}

interface Reached {
  path: string;
  value: unknown;
  present: boolean;
}

/** Every value the path reaches; a wildcard over nothing reaches nothing. */
function reach(data: unknown, path: string[]): Reached[] {
  let current: Reached[] = [{ path: '', value: data, present: true }];
  for (const segment of path) {
    const next: Reached[] = [];
    for (const { path: at, value, present } of current) {
      const join = (key: string) => (at ? `${at}.${key}` : key);
      if (!present) next.push({ path: join(segment), value: undefined, present: false });
      else if (segment === '*') {
        if (value && typeof value === 'object') {
          for (const [key, child] of Object.entries(value)) next.push({ path: join(key), value: child, present: true });
        }
      } else if (value && typeof value === 'object' && Object.hasOwn(value, segment)) {
        next.push({ path: join(segment), value: (value as Record<string, unknown>)[segment], present: true });
      } else next.push({ path: join(segment), value: undefined, present: false });
    }
    current = next;
  }
  return current;
}

function holds(op: Operator, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return true;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '~=':
      return typeof actual === 'string' && new RegExp(expected as string).test(actual);
    default:
      if (typeof actual !== 'number') return false;
      if (op === '<') return actual < (expected as number);
      if (op === '<=') return actual <= (expected as number);
      if (op === '>') return actual > (expected as number);
      return actual >= (expected as number);
  }
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The failures of one assertion against a parsed body, each "where: expected …, got …". */
export function evaluate(assertion: Assertion, data: unknown): string[] {
  const reached = reach(data, assertion.path);
  const expected = assertion.op === 'exists' ? 'to exist' : `${assertion.op} ${shown(assertion.value)}`;
  if (reached.length === 0) return [`${assertion.path.join('.')}: matched nothing (expected ${expected} for every match)`];
  return reached
    .filter((r) => !r.present || !holds(assertion.op, r.value, assertion.value))
    .map((r) => `${r.path}: expected ${expected}, got ${r.present ? shown(r.value) : 'no such key'}`);
}
