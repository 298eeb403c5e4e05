/**
 * dotenv files as the `dotenv` package and Next.js read them: `KEY=value` lines, optional
 * `export `, `#` comments (after whitespace in unquoted values), single, double and backtick
 * quotes, double-quoted `\n` escapes, and quoted values spanning lines. No variable expansion:
 * `${OTHER}` stays as written.
 */
const LINE = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*(?:=|:)[ \t]*('(?:\\'|[^'])*'|"(?:\\"|[^"])*"|`(?:\\`|[^`])*`|[^#\r\n]*?)?[ \t]*(?:#.*)?$/gm;

export function parseDotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const source = text.replace(/\r\n?/g, '\n');
  for (let match = LINE.exec(source); match; match = LINE.exec(source)) {
    const [, key, raw = ''] = match;
    vars.set(key!, unquote(raw.trim()));
  }
  LINE.lastIndex = 0;
  return vars;
}

function unquote(value: string): string {
  const quote = value[0];
  if (value.length < 2 || (quote !== '"' && quote !== "'" && quote !== '`') || value[value.length - 1] !== quote) return value;
  const inner = value.slice(1, -1);
  return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : inner;
}
