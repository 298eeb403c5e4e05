import { describe, it, expect } from '@jest/globals';
import { JsLexer, TOKEN, type TokenKind } from '../../src/scan/lexer.js';

const NAMES: Record<TokenKind, string> = {
  [TOKEN.end]: 'end',
  [TOKEN.identifier]: 'id',
  [TOKEN.punctuator]: 'punct',
  [TOKEN.string]: 'string',
  [TOKEN.template]: 'template',
  [TOKEN.regex]: 'regex',
  [TOKEN.comment]: 'comment',
  [TOKEN.jsxText]: 'jsx-text',
};

function tokens(text: string, jsx = true): string[] {
  const lexer = new JsLexer(text, 0, text.length, { jsx });
  const out: string[] = [];
  for (let kind = lexer.next(); kind !== TOKEN.end; kind = lexer.next()) out.push(`${NAMES[kind]}:${lexer.value()}`);
  return out;
}

const identifiers = (text: string, jsx = true) => tokens(text, jsx).filter((t) => t.startsWith('id:')).map((t) => t.slice(3));

describe('JsLexer', () => {
  it('lexes strings with escapes and keeps code after them', () => {
    expect(tokens(`a = "x\\"console.log(1)"; b = 'it\\'s'`)).toEqual([
      'id:a', 'punct:=', 'string:"x\\"console.log(1)"', 'punct:;', 'id:b', 'punct:=', "string:'it\\'s'",
    ]);
  });

  it('ends an unterminated string at the line break', () => {
    expect(tokens(`a = "open\nconsole.log(1)`)).toEqual(['id:a', 'punct:=', 'string:"open', 'id:console', 'punct:.', 'id:log', 'punct:(', 'id:1', 'punct:)']);
  });

  it('lexes line, block and hashbang comments', () => {
    expect(tokens('#!/usr/bin/env node\n// one\nx /* two\nlines */ y')).toEqual(['comment:// one', 'id:x', 'comment:/* two\nlines */', 'id:y']);
  });

  it('follows template literals through nested ${} expressions', () => {
    const text = 'const s = `a ${b ? `in ${c + "}"} x` : {d: 1}.d} console.log(z)`; after';
    expect(identifiers(text)).toEqual(['const', 's', 'b', 'c', 'd', '1', 'd', 'after']);
    expect(tokens('`${ {a: `}`} }` + 1')).toEqual(['template:`${', 'punct:{', 'id:a', 'punct::', 'template:`}`', 'punct:}', 'template:}`', 'punct:+', 'id:1']);
  });

  it('tells regular expressions from division', () => {
    expect(tokens('x = /"[/]"\\/ console/g.test(y)')).toEqual(['id:x', 'punct:=', 'regex:/"[/]"\\/ console/g', 'punct:.', 'id:test', 'punct:(', 'id:y', 'punct:)']);
    expect(tokens('a = b / c / d')).toEqual(['id:a', 'punct:=', 'id:b', 'punct:/', 'id:c', 'punct:/', 'id:d']);
    expect(tokens('f(x) / 2; return /re/')).toEqual(['id:f', 'punct:(', 'id:x', 'punct:)', 'punct:/', 'id:2', 'punct:;', 'id:return', 'regex:/re/']);
    expect(tokens('[1] / 2')).toContain('punct:/');
  });

  it('keeps shifts, postfix updates and keyword-named properties from opening JSX or regexes', () => {
    expect(tokens('p += d << c; x("s")')).toEqual(['id:p', 'punct:+', 'punct:=', 'id:d', 'punct:<<', 'id:c', 'punct:;', 'id:x', 'punct:(', 'string:"s"', 'punct:)']);
    expect(tokens('for (;y++ < p;) f("s")')).toContain('string:"s"');
    expect(tokens('a = i-- / 2 / 1; g("s")')).toContain('string:"s"');
    expect(tokens('r = a.else / o; s = "/"; t = a.return / 2')).toEqual([
      'id:r', 'punct:=', 'id:a', 'punct:.', 'id:else', 'punct:/', 'id:o', 'punct:;', 'id:s', 'punct:=', 'string:"/"', 'punct:;',
      'id:t', 'punct:=', 'id:a', 'punct:.', 'id:return', 'punct:/', 'id:2',
    ]);
  });

  it('falls back to division when a "regex" would cross a line break', () => {
    expect(tokens('a = x\n/ 2 + "s" /\ny')).toEqual(['id:a', 'punct:=', 'id:x', 'punct:/', 'id:2', 'punct:+', 'string:"s"', 'punct:/', 'id:y']);
    expect(tokens('(/unterminated\nz)')).toEqual(['punct:(', 'punct:/', 'id:unterminated', 'id:z', 'punct:)']);
  });

  it('lexes JSX text as text, not code, and attribute strings as strings', () => {
    const text = `return <p title="don't">Don't call console.log("x") here {value} <b>it's</b></p>; next`;
    const out = tokens(text);
    expect(out).toContain(`jsx-text:Don't call console.log("x") here `);
    expect(out).toContain(`string:"don't"`);
    expect(out).toContain("jsx-text:it's");
    expect(identifiers(text)).toEqual(['return', 'p', 'title', 'value', 'b', 'b', 'p', 'next']);
  });

  it('handles fragments, self-closing tags, nested expressions and JSX inside attributes', () => {
    const text = 'x = <><A render={() => <B on={{a: 1}} />} />{list.map((i) => <li key={i}>{i}</li>)}</>; done';
    expect(identifiers(text).slice(-1)).toEqual(['done']);
    expect(tokens(text).filter((t) => t.startsWith('jsx-text'))).toEqual([]);
  });

  it('does not take comparisons, TS generics or .ts type assertions for JSX', () => {
    expect(tokens('if (a < b) c("x")').filter((t) => t.startsWith('string'))).toEqual(['string:"x"']);
    expect(identifiers('const f = <T,>(x: T) => x; g("y")')).toContain('g');
    expect(identifiers('const f = <T extends U>(x: T) => x; g()')).toContain('g');
    expect(identifiers('const n = <number>value; console.log(n)', false)).toEqual(['const', 'n', 'number', 'value', 'console', 'log', 'n']);
  });

  it('lexes only the given range', () => {
    const text = 'skip(); keep(); skip()';
    const lexer = new JsLexer(text, 8, 15, { jsx: false });
    const seen: string[] = [];
    for (let kind = lexer.next(); kind !== TOKEN.end; kind = lexer.next()) seen.push(lexer.value());
    expect(seen).toEqual(['keep', '(', ')', ';']);
  });

  it('treats optional chaining as one token but not `?.5`', () => {
    expect(tokens('a?.b')).toEqual(['id:a', 'punct:?.', 'id:b']);
    expect(tokens('a?.5:1')).toEqual(['id:a', 'punct:?', 'punct:.', 'id:5', 'punct::', 'id:1']);
  });
});
