/**
 * A small JavaScript/TypeScript lexer: just enough to tell code from strings, template
 * literals (with `${}` nesting), comments, regular expression literals and JSX text, so that
 * `"console.log"` in a string or a comment is not taken for a call. It never throws: on
 * malformed input it keeps going and stays in step at the next line or quote.
 *
 * It hands out one token at a time through mutable fields (`kind`, `start`, `end`) instead of
 * allocating token objects, because it runs over every source file of a repository.
 */
export const TOKEN = {
  end: 0,
  identifier: 1,
  punctuator: 2,
  string: 3,
  template: 4,
  regex: 5,
  comment: 6,
  jsxText: 7,
} as const;
export type TokenKind = (typeof TOKEN)[keyof typeof TOKEN];

/** What the lexer is inside of; code contexts keep a brace depth, JSX contexts an element depth. */
const MODE = {
  code: 0,
  templateExpression: 1,
  jsxAttributeExpression: 2,
  jsxChildExpression: 3,
  jsxTag: 4,
  jsxClosingTag: 5,
  jsxChildren: 6,
} as const;
type Mode = (typeof MODE)[keyof typeof MODE];

/** After these words an expression starts, so `/` begins a regular expression and `<` JSX. */
const EXPRESSION_KEYWORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await',
]);

const CHAR = {
  tab: 9, lf: 10, vt: 11, ff: 12, cr: 13, space: 32, bang: 33, dquote: 34, hash: 35, dollar: 36,
  squote: 39, lparen: 40, rparen: 41, star: 42, plus: 43, comma: 44, minus: 45, dot: 46, slash: 47, zero: 48,
  nine: 57, colon: 58, lt: 60, eq: 61, gt: 62, question: 63, upperA: 65, upperZ: 90, lbracket: 91,
  backslash: 92, rbracket: 93, underscore: 95, backtick: 96, lowerA: 97, lowerZ: 122, lbrace: 123,
  rbrace: 125, nbsp: 160, bom: 0xfeff,
} as const;

function isIdentifierChar(code: number): boolean {
  return (
    (code >= CHAR.lowerA && code <= CHAR.lowerZ) ||
    (code >= CHAR.upperA && code <= CHAR.upperZ) ||
    (code >= CHAR.zero && code <= CHAR.nine) ||
    code === CHAR.underscore ||
    code === CHAR.dollar ||
    (code > 127 && !isWhitespace(code))
  );
}

function isIdentifierStart(code: number): boolean {
  return isIdentifierChar(code) && !(code >= CHAR.zero && code <= CHAR.nine);
}

function isWhitespace(code: number): boolean {
  return (
    code === CHAR.space || code === CHAR.tab || code === CHAR.lf || code === CHAR.cr || code === CHAR.vt ||
    code === CHAR.ff || code === CHAR.nbsp || code === CHAR.bom || code === 0x2028 || code === 0x2029
  );
}

function isLineBreak(code: number): boolean {
  return code === CHAR.lf || code === CHAR.cr || code === 0x2028 || code === 0x2029;
}

export interface LexerOptions {
  /** Recognise JSX (`.js`, `.jsx`, `.tsx`, ...); off for `.ts`, where `<T>x` is a type assertion. */
  jsx: boolean;
}

export class JsLexer {
  kind: TokenKind = TOKEN.end;
  start = 0;
  end = 0;

  private readonly text: string;
  private readonly limit: number;
  private readonly jsx: boolean;
  private pos: number;
  private regexAllowed = true;
  /** The last code token was `.` or `?.`: a keyword after it is a property name (`a.else / b`). */
  private afterDot = false;
  private readonly modes: Mode[] = [MODE.code];
  /** Brace depth of each code context, element depth of each JSX context. */
  private readonly depths: number[] = [0];

  /** Lexes `text` from `from` to `limit` (a `<script>` block of a .vue file is a range of it). */
  constructor(text: string, from = 0, limit = text.length, options: LexerOptions = { jsx: true }) {
    this.text = text;
    this.limit = limit;
    this.jsx = options.jsx;
    this.pos = from;
    if (text.charCodeAt(from) === CHAR.hash && text.charCodeAt(from + 1) === CHAR.bang) {
      this.pos = this.skipToLineEnd(from);
    }
  }

  /** Advances to the next token and returns its kind (`TOKEN.end` at the end of the range). */
  next(): TokenKind {
    const mode = this.modes[this.modes.length - 1]!;
    if (mode === MODE.jsxChildren) return this.nextJsxChild();
    if (mode === MODE.jsxTag || mode === MODE.jsxClosingTag) return this.nextJsxTagToken(mode);
    return this.nextCodeToken();
  }

  /** The text of the current token. */
  value(): string {
    return this.text.slice(this.start, this.end);
  }

  private emit(kind: TokenKind, start: number, end: number): TokenKind {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.pos = end;
    return kind;
  }

  private skipWhitespace(): void {
    const { text, limit } = this;
    let pos = this.pos;
    while (pos < limit && isWhitespace(text.charCodeAt(pos))) pos++;
    this.pos = pos;
  }

  private skipToLineEnd(from: number): number {
    let pos = from;
    while (pos < this.limit && !isLineBreak(this.text.charCodeAt(pos))) pos++;
    return pos;
  }

  private nextCodeToken(): TokenKind {
    this.skipWhitespace();
    const { text, limit } = this;
    const start = this.pos;
    if (start >= limit) return this.emit(TOKEN.end, limit, limit);
    const code = text.charCodeAt(start);

    if (code === CHAR.slash) {
      const following = text.charCodeAt(start + 1);
      if (following === CHAR.slash) return this.emit(TOKEN.comment, start, this.skipToLineEnd(start));
      if (following === CHAR.star) return this.emit(TOKEN.comment, start, this.blockCommentEnd(start));
      if (this.regexAllowed) {
        const end = this.regexEnd(start);
        if (end > 0) return this.afterValue(this.emit(TOKEN.regex, start, end));
      }
      return this.punctuator(start, 1);
    }
    if (code === CHAR.dquote || code === CHAR.squote) {
      return this.afterValue(this.emit(TOKEN.string, start, this.stringEnd(start, code)));
    }
    if (code === CHAR.backtick) return this.templateChunk(start, start + 1);
    if (isIdentifierChar(code)) {
      let end = start + 1;
      while (end < limit && isIdentifierChar(text.charCodeAt(end))) end++;
      this.emit(TOKEN.identifier, start, end);
      this.regexAllowed = !this.afterDot && end - start <= 10 && EXPRESSION_KEYWORDS.has(text.slice(start, end));
      this.afterDot = false;
      return TOKEN.identifier;
    }
    if (code === CHAR.lbrace) {
      this.depths[this.depths.length - 1]!++;
      return this.punctuator(start, 1);
    }
    if (code === CHAR.rbrace) return this.closeBrace(start);
    // `d << c`: a shift, whose second `<` must not look like the start of JSX.
    if (code === CHAR.lt && text.charCodeAt(start + 1) === CHAR.lt) return this.punctuator(start, 2);
    if (code === CHAR.lt && this.jsx && this.regexAllowed && this.startsJsx(start)) {
      this.modes.push(MODE.jsxTag);
      this.depths.push(0);
      return this.emit(TOKEN.punctuator, start, start + 1);
    }
    if (code === CHAR.question && text.charCodeAt(start + 1) === CHAR.dot) {
      const afterDot = text.charCodeAt(start + 2);
      if (!(afterDot >= CHAR.zero && afterDot <= CHAR.nine)) return this.punctuator(start, 2);
    }
    if (code === CHAR.lt && text.startsWith('<!--', start)) return this.emit(TOKEN.comment, start, this.skipToLineEnd(start));
    if ((code === CHAR.plus || code === CHAR.minus) && text.charCodeAt(start + 1) === code) {
      // `i++ < n`, `i-- / 2`: a postfix update ends a value (a prefix one cannot precede `/` or `<`).
      this.punctuator(start, 2);
      this.regexAllowed = false;
      return TOKEN.punctuator;
    }
    return this.punctuator(start, 1);
  }

  private punctuator(start: number, length: number): TokenKind {
    this.emit(TOKEN.punctuator, start, start + length);
    const code = this.text.charCodeAt(start);
    this.regexAllowed = !(code === CHAR.rparen || code === CHAR.rbracket || code === CHAR.rbrace);
    this.afterDot = code === CHAR.dot || (code === CHAR.question && length === 2);
    return TOKEN.punctuator;
  }

  /** After a string, template or regex, `/` is a division. */
  private afterValue(kind: TokenKind): TokenKind {
    this.regexAllowed = false;
    this.afterDot = false;
    return kind;
  }

  private closeBrace(start: number): TokenKind {
    const top = this.depths.length - 1;
    if (this.depths[top]! > 0 || top === 0) {
      if (this.depths[top]! > 0) this.depths[top]!--;
      return this.punctuator(start, 1);
    }
    const mode = this.modes.pop();
    this.depths.pop();
    if (mode === MODE.templateExpression) return this.templateChunk(start, start + 1);
    // Back in the JSX tag or children that the expression container interrupted.
    return this.emit(TOKEN.punctuator, start, start + 1);
  }

  private stringEnd(start: number, quote: number): number {
    const { text, limit } = this;
    let pos = start + 1;
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (code === quote) return pos + 1;
      if (code === CHAR.backslash) {
        pos += text.charCodeAt(pos + 1) === CHAR.cr && text.charCodeAt(pos + 2) === CHAR.lf ? 3 : 2;
        continue;
      }
      // An unterminated string ends at the line break; the next line lexes normally.
      if (isLineBreak(code)) return pos;
      pos++;
    }
    return limit;
  }

  private blockCommentEnd(start: number): number {
    const close = this.text.indexOf('*/', start + 2);
    return close < 0 || close + 2 > this.limit ? this.limit : close + 2;
  }

  /** Lexes template text from `from` to the closing backtick or to a `${`, which opens an expression. */
  private templateChunk(start: number, from: number): TokenKind {
    const { text, limit } = this;
    let pos = from;
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (code === CHAR.backslash) {
        pos += 2;
        continue;
      }
      if (code === CHAR.backtick) return this.afterValue(this.emit(TOKEN.template, start, pos + 1));
      if (code === CHAR.dollar && text.charCodeAt(pos + 1) === CHAR.lbrace) {
        this.modes.push(MODE.templateExpression);
        this.depths.push(0);
        this.emit(TOKEN.template, start, pos + 2);
        this.regexAllowed = true;
        return TOKEN.template;
      }
      pos++;
    }
    return this.afterValue(this.emit(TOKEN.template, start, limit));
  }

  /** End of a regular expression literal starting at `start`, or -1 when it is not one (it hit a line end). */
  private regexEnd(start: number): number {
    const { text, limit } = this;
    let pos = start + 1;
    let inClass = false;
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (isLineBreak(code)) return -1;
      if (code === CHAR.backslash) {
        pos += 2;
        continue;
      }
      if (code === CHAR.lbracket) inClass = true;
      else if (code === CHAR.rbracket) inClass = false;
      else if (code === CHAR.slash && !inClass) {
        pos++;
        while (pos < limit && isIdentifierChar(text.charCodeAt(pos))) pos++;
        return pos;
      }
      pos++;
    }
    return -1;
  }

  /**
   * `<` in expression position opens JSX when a tag name or `>` (a fragment) follows, except for
   * TypeScript generic arrow functions in .tsx files, written `<T,>(...)` or `<T extends U>(...)`.
   */
  private startsJsx(start: number): boolean {
    const { text, limit } = this;
    const first = text.charCodeAt(start + 1);
    if (first === CHAR.gt) return true;
    if (!isIdentifierStart(first)) return false;
    let pos = start + 2;
    while (pos < limit && isIdentifierChar(text.charCodeAt(pos))) pos++;
    while (pos < limit && isWhitespace(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === CHAR.comma) return false;
    return !(text.startsWith('extends', pos) && !isIdentifierChar(text.charCodeAt(pos + 7)));
  }

  private nextJsxTagToken(mode: Mode): TokenKind {
    this.skipWhitespace();
    const { text, limit } = this;
    const start = this.pos;
    if (start >= limit) return this.emit(TOKEN.end, limit, limit);
    const code = text.charCodeAt(start);
    const top = this.modes.length - 1;

    if (code === CHAR.slash) {
      const following = text.charCodeAt(start + 1);
      if (following === CHAR.gt) return this.endJsxTag(start, 2, false);
      if (following === CHAR.slash) return this.emit(TOKEN.comment, start, this.skipToLineEnd(start));
      if (following === CHAR.star) return this.emit(TOKEN.comment, start, this.blockCommentEnd(start));
      // `</` was consumed by the children scanner; a lone `/` right after `<` also closes.
      this.modes[top] = MODE.jsxClosingTag;
      return this.emit(TOKEN.punctuator, start, start + 1);
    }
    if (code === CHAR.gt) return this.endJsxTag(start, 1, mode === MODE.jsxClosingTag);
    if (code === CHAR.dquote || code === CHAR.squote) {
      const close = text.indexOf(String.fromCharCode(code), start + 1);
      return this.emit(TOKEN.string, start, close < 0 || close >= limit ? limit : close + 1);
    }
    if (code === CHAR.lbrace) {
      this.modes.push(MODE.jsxAttributeExpression);
      this.depths.push(0);
      this.regexAllowed = true;
      return this.emit(TOKEN.punctuator, start, start + 1);
    }
    if (isIdentifierChar(code)) {
      let end = start + 1;
      while (end < limit) {
        const c = text.charCodeAt(end);
        if (!(isIdentifierChar(c) || c === CHAR.minus || c === CHAR.colon || c === CHAR.dot)) break;
        end++;
      }
      return this.emit(TOKEN.identifier, start, end);
    }
    return this.emit(TOKEN.punctuator, start, start + 1);
  }

  /** `>` or `/>` ends a tag: into the element's children, or out of JSX when the outermost element closed. */
  private endJsxTag(start: number, length: number, closing: boolean): TokenKind {
    const top = this.modes.length - 1;
    const selfClosing = length === 2;
    if (closing) this.depths[top]!--;
    else if (!selfClosing) this.depths[top]!++;
    if (this.depths[top]! <= 0) {
      this.modes.pop();
      this.depths.pop();
      this.emit(TOKEN.punctuator, start, start + length);
      this.regexAllowed = false;
      return TOKEN.punctuator;
    }
    this.modes[top] = MODE.jsxChildren;
    return this.emit(TOKEN.punctuator, start, start + length);
  }

  private nextJsxChild(): TokenKind {
    const { text, limit } = this;
    const start = this.pos;
    if (start >= limit) return this.emit(TOKEN.end, limit, limit);
    const top = this.modes.length - 1;
    const code = text.charCodeAt(start);
    if (code === CHAR.lbrace) {
      this.modes.push(MODE.jsxChildExpression);
      this.depths.push(0);
      this.regexAllowed = true;
      return this.emit(TOKEN.punctuator, start, start + 1);
    }
    if (code === CHAR.lt) {
      if (text.charCodeAt(start + 1) === CHAR.slash) {
        this.modes[top] = MODE.jsxClosingTag;
        return this.emit(TOKEN.punctuator, start, start + 2);
      }
      this.modes[top] = MODE.jsxTag;
      return this.emit(TOKEN.punctuator, start, start + 1);
    }
    let end = start;
    while (end < limit) {
      const c = text.charCodeAt(end);
      if (c === CHAR.lt || c === CHAR.lbrace) break;
      end++;
    }
    return this.emit(TOKEN.jsxText, start, end);
  }
}
