/**
 * Splits a migration file into statements the way the Supabase CLI does before it records them in
 * `schema_migrations.statements` (supabase/cli apps/cli-go/pkg/parser/token.go `SplitAndTrim` and
 * the state machine in state.go): a `;` ends a statement unless it is inside a '…' or "…" quote,
 * a $tag$…$tag$ body, a -- line comment, a nested /* block comment *\/, parentheses, or a
 * BEGIN ATOMIC … END body; each statement keeps its comments, loses its trailing `;` and
 * surrounding white space, and empty ones are dropped.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  let depth = 0;
  let atomic = false;
  const emit = (end: number) => {
    const text = sql.slice(start, end).replace(/;+$/, '').trim();
    if (text) statements.push(text);
    start = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') i = skipTo(sql, i + 2, '\n');
    else if (c === '/' && next === '*') i = skipBlockComment(sql, i + 2);
    else if (c === "'" || c === '"') i = skipQuote(sql, i + 1, c);
    else if (c === '$' && dollarTag(sql, i)) {
      const tag = dollarTag(sql, i)!;
      i = skipTo(sql, i + tag.length, tag);
    } else if (c === '\\') i += 2;
    else if (c === '(' || c === ')') {
      depth = c === '(' ? depth + 1 : Math.max(0, depth - 1);
      i++;
    }
    else if (!atomic && /^begin\s+atomic\b/i.test(sql.slice(i, i + 40)) && !isIdentifierChar(sql[i - 1])) {
      atomic = true;
      i += 5;
    } else if (atomic && /^end\b/i.test(sql.slice(i, i + 4)) && !isIdentifierChar(sql[i - 1])) {
      atomic = false;
      i += 3;
    } else if (c === ';' && depth === 0 && !atomic) emit(++i);
    else i++;
  }
  emit(sql.length);
  return statements;
}

function skipTo(sql: string, from: number, end: string): number {
  const at = sql.indexOf(end, from);
  return at === -1 ? sql.length : at + end.length;
}

function skipBlockComment(sql: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < sql.length && depth > 0) {
    const step = sql.startsWith('/*', i) ? 1 : sql.startsWith('*/', i) ? -1 : 0;
    depth += step;
    i += step === 0 ? 1 : 2;
  }
  return i;
}

function skipQuote(sql: string, from: number, quote: string): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/** `$$` or `$tag$` starting at `i`, not part of an identifier or a positional parameter `$1`. */
function dollarTag(sql: string, i: number): string | undefined {
  if (isIdentifierChar(sql[i - 1])) return undefined;
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
  return match?.[0];
}

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
}

/**
 * The statements' text with white space and `;` separators removed, for comparing a recorded
 * history with a file without depending on how the two were split.
 */
export function statementsFingerprint(statements: readonly string[]): string {
  return statements.join('').replace(/[\s;]+/g, '');
}

/** Comments removed and white space collapsed: what the risk and transaction rules read. */
export function stripComments(statement: string): string {
  let out = '';
  let i = 0;
  while (i < statement.length) {
    const c = statement[i]!;
    if (c === '-' && statement[i + 1] === '-') i = skipTo(statement, i + 2, '\n');
    else if (c === '/' && statement[i + 1] === '*') i = skipBlockComment(statement, i + 2);
    else if (c === "'") {
      const end = skipQuote(statement, i + 1, "'");
      out += "''";
      i = end;
    } else if (c === '$' && dollarTag(statement, i)) {
      const tag = dollarTag(statement, i)!;
      out += '$$';
      i = skipTo(statement, i + tag.length, tag);
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}
