import { describe, it, expect } from '@jest/globals';
import { compileLiteralMatcher, type Literal } from '../../src/scan/literal-matcher.js';
import { seededRandom } from '../fixtures/secrets-corpus/corpus.js';

/** `start:literal text` of every match, in the order reported. */
function matches(literals: Literal[], text: string): string[] {
  const found: string[] = [];
  compileLiteralMatcher(literals).forEachMatch(text, (start, literal) => found.push(`${start}:${literals[literal]!.text}`));
  return found;
}

/** Every occurrence by trying each literal at each position, in the order the matcher promises. */
function occurrencesByBruteForce(literals: Literal[], text: string): string[] {
  const fold = (value: string, literal: Literal) => (literal.ignoreCase ? value.replace(/[A-Z]/g, (c) => c.toLowerCase()) : value);
  const found: { start: number; literal: number }[] = [];
  for (let start = 0; start < text.length; start++) {
    literals.forEach((literal, i) => {
      if (fold(text.slice(start, start + literal.text.length), literal) === fold(literal.text, literal)) found.push({ start, literal: i });
    });
  }
  const length = (i: number) => literals[i]!.text.length;
  found.sort((a, b) => a.start - b.start || length(b.literal) - length(a.literal) || a.literal - b.literal);
  return found.map(({ start, literal }) => `${start}:${literals[literal]!.text}`);
}

describe('literal matcher', () => {
  it('reports overlapping literals by start, the longer first at the same start', () => {
    const literals = [{ text: 'sk-' }, { text: 'sk-ant-' }, { text: 'ant' }];
    expect(matches(literals, 'x sk-ant-api')).toEqual(['2:sk-ant-', '2:sk-', '5:ant']);
  });

  it('reports a literal inside a longer one after the longer one that starts before it', () => {
    const literals = [{ text: 'slack' }, { text: 'hooks.slack.com/' }];
    expect(matches(literals, 'https://hooks.slack.com/x')).toEqual(['8:hooks.slack.com/', '14:slack']);
  });

  it('finds matches at the start and at the end of the text, and repeated ones', () => {
    const literals = [{ text: 'ab' }, { text: 'b' }];
    expect(matches(literals, 'abab')).toEqual(['0:ab', '1:b', '2:ab', '3:b']);
    expect(matches(literals, 'ab')).toEqual(['0:ab', '1:b']);
    expect(matches(literals, '')).toEqual([]);
  });

  it('folds ASCII letters of case-insensitive literals only', () => {
    const literals = [{ text: 'key', ignoreCase: true }, { text: 'SG.' }];
    expect(matches(literals, 'KEY Key kEy sg. SG. key')).toEqual(['0:key', '4:key', '8:key', '16:SG.', '20:key']);
  });

  it('does not fold non-letters: `@` is not `` ` ``, `[` is not `{`', () => {
    const literals = [{ text: 'a[', ignoreCase: true }, { text: '@b', ignoreCase: true }];
    expect(matches(literals, 'A{ a[ `B @B')).toEqual(['3:a[', '9:@b']);
  });

  it('does not fold non-ASCII letters into ASCII ones (Kelvin sign, long s)', () => {
    const literals = [{ text: 'key', ignoreCase: true }, { text: 'secret', ignoreCase: true }];
    expect(matches(literals, '\u212Aey \u017Fecret')).toEqual([]);
  });

  it('restarts after a non-ASCII character and keeps UTF-16 offsets', () => {
    const literals = [{ text: 'token' }];
    expect(matches(literals, 'tok\u00e9n token ドキュメント token 😀token')).toEqual(['6:token', '19:token', '27:token']);
  });

  it('reports a literal listed twice once per listing, in list order', () => {
    const literals = [{ text: 'pass', ignoreCase: true }, { text: 'pass' }];
    expect(matches(literals, 'Pass pass')).toEqual(['0:pass', '5:pass', '5:pass']);
  });

  it('refuses literals it cannot match', () => {
    expect(() => compileLiteralMatcher([{ text: '' }])).toThrow(/Not a literal/);
    expect(() => compileLiteralMatcher([{ text: 'clé' }])).toThrow(/Not a literal/);
  });

  it.each([
    ['literals of one character among them', 1, 'abAB-é'],
    ['literals of two characters or more, in texts mostly of other characters', 2, 'abAB-éxyz  '],
  ])('agrees with trying every literal at every position on random texts: %s', (_case, shortest, alphabet) => {
    const random = seededRandom(7);
    const pick = (characters: string, length: number) => Array.from({ length }, () => characters[Math.floor(random() * characters.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const literals = Array.from({ length: 1 + Math.floor(random() * 8) }, () => ({ text: pick('abAB-', shortest + Math.floor(random() * 4)), ignoreCase: random() < 0.5 }));
      const text = pick(alphabet, Math.floor(random() * 80));
      expect([literals, text, matches(literals, text)]).toEqual([literals, text, occurrencesByBruteForce(literals, text)]);
    }
  });
});
