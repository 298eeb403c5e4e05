import { recognizeSecret } from './secret-rules/recognize.js';

/**
 * A dotenv file (`.env.example`, `.env.production.local`) as dotenv and Next.js read it: `KEY=value`
 * lines, an optional `export `, `#` comments, values in single quotes (literal), double quotes
 * (`\n` escapes) or backticks, any of them spanning lines, unquoted values ending at ` #`.
 * Every line that is not one of those is reported with its line number — never with its value.
 */
export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
}

export interface DotenvProblem {
  line: number;
  rule: 'malformed' | 'duplicate' | 'lowercase';
  message: string;
}

export interface DotenvFile {
  entries: DotenvEntry[];
  /** The last value of each key (the one dotenv keeps). */
  values: Map<string, DotenvEntry>;
  problems: DotenvProblem[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?([^\s=#]+)\s*=\s?(.*)$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const QUOTES = new Set(['"', "'", '`']);

export function parseDotenv(text: string): DotenvFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const number = i + 1;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match || !KEY.test(match[1]!)) {
      problems.push({ line: number, rule: 'malformed', message: malformedMessage(line, match?.[1]) });
      continue;
    }
    const value = readValue(match[2]!.trimStart(), lines, i);
    if (value.unterminated) {
      problems.push({ line: number, rule: 'malformed', message: `${match[1]} opens a ${value.quote} quote that is never closed.` });
      break;
    }
    const pasted = recognizeSecret(match[1]!);
    if (pasted) problems.push({ line: number, rule: 'malformed', message: `The name on this line looks like a ${pasted.title}: a secret pasted in the wrong place? Rotate it if this file was shared.` });
    else entries.push({ key: match[1]!, value: value.text, line: number });
    i = value.lastLine;
  }
  return { entries, values: lastValues(entries), problems: [...problems, ...nameProblems(entries)].sort((a, b) => a.line - b.line) };
}

function malformedMessage(line: string, key: string | undefined): string {
  // The text is not shown: a line that is not an assignment may be a pasted secret.
  if (key !== undefined) return 'The text before `=` is not a variable name: letters, digits and _, not starting with a digit.';
  const name = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]{0,63})\s*$/.exec(line)?.[1];
  return name && !recognizeSecret(name) ? `${name} has no \`=\`: write ${name}= (empty) or ${name}=value.` : 'is not a KEY=value line or a # comment.';
}

interface RawValue {
  text: string;
  lastLine: number;
  unterminated?: boolean;
  quote?: string;
}

function readValue(rest: string, lines: string[], index: number): RawValue {
  const quote = rest[0];
  if (!quote || !QUOTES.has(quote)) return { text: rest.replace(/(^|\s+)#.*$/, '').trim(), lastLine: index };
  let body = rest.slice(1);
  for (let at = index; ; ) {
    const end = closingQuote(body, quote);
    if (end >= 0) {
      const text = body.slice(0, end);
      return { text: quote === '"' ? unescape(text) : text, lastLine: at };
    }
    if (++at >= lines.length) return { text: '', lastLine: at, unterminated: true, quote };
    body += `\n${lines[at]}`;
  }
}

function closingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && quote === '"') i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

function lastValues(entries: DotenvEntry[]): Map<string, DotenvEntry> {
  return new Map(entries.map((e) => [e.key, e]));
}

function nameProblems(entries: DotenvEntry[]): DotenvProblem[] {
  const problems: DotenvProblem[] = [];
  const first = new Map<string, number>();
  for (const { key, line } of entries) {
    const earlier = first.get(key);
    if (earlier !== undefined) problems.push({ line, rule: 'duplicate', message: `${key} is set again (first on line ${earlier}): the later value wins.` });
    else first.set(key, line);
    if (key !== key.toUpperCase() && earlier === undefined) problems.push({ line, rule: 'lowercase', message: `${key} is not upper case: environment variable names are UPPER_SNAKE_CASE by convention, and lookups are case-sensitive.` });
  }
  return problems;
}
