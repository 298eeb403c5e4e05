import { describe, it, expect } from '@jest/globals';
import { scanSecrets } from '../../src/scan/secret-scan.js';
import { ANCHORS } from '../../src/scan/vendor-rules.js';
import { ASSIGNMENT_KEYWORDS } from '../../src/scan/assignments.js';
import { scanSecretsWithRegexes } from '../../../../bench/scan/regex-secret-scan.js';
import { negatives, positives, seededRandom } from '../fixtures/secrets-corpus/corpus.js';

/**
 * The single-pass scan finds what the two regular expressions it replaced found: the same hits,
 * in the same order. bench/scan/secret-matcher.ts runs the same comparison over a real tree.
 */
function expectSameHits(text: string, path: string): void {
  expect({ path, text, hits: scanSecrets(text, path) }).toEqual({ path, text, hits: scanSecretsWithRegexes(text, path) });
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('single-pass secret scan against the regular expressions it replaced', () => {
  it('finds the same hits in every sample of the labelled corpus', () => {
    for (const sample of [...positives(), ...negatives()]) expectSameHits(sample.text, sample.file);
  });

  it('finds the same hits where anchors, schemes and keywords overlap', () => {
    const random = seededRandom(11);
    const base62 = (length: number) => Array.from({ length }, () => BASE62[Math.floor(random() * 62)]).join('');
    const texts = [
      `${['sk', 'ant', 'api03', base62(40)].join('-')} ${['sk', 'proj', base62(48)].join('-')}`,
      `git+https://deploy:${base62(20)}@github.com/o/r.git sftp://u:${base62(16)}@files.internal xhttps://u:${base62(16)}@h.io`,
      `mongodb+srv://app:${base62(16)}@cluster0.db.net/x postgres://a:b@localhost AIzamqp://u:${base62(12)}@mq.io`,
      `DB_PASSWORD=${base62(24)}\nPassWord: "${base62(20)}"\nSECRET_KEY_BASE == '${base62(30)}'\napi_key_string=${base62(26)}`,
      `credentialstr=${base62(30)} passprod=${base62(30)} token==== ${base62(30)} key:=${base62(30)} TOKEN=${['ghp', base62(36)].join('_')}`,
      `Authorization: Bearer ${base62(40)}\nauthorization = 'Basic ${base62(32)}'`,
      `DB_PASSWORD="apiToken=${base62(30)}" secret: 'key: ${base62(30)}'`,
      `ドキュメント password = "${base62(20)}" 😀secret: ${base62(20)}`,
    ];
    for (const text of texts) {
      for (const path of ['.env', 'src/config.ts', 'config/app.yaml']) expectSameHits(text, path);
    }
  });

  it('finds the same hits in random texts made of anchors, keywords, operators and values', () => {
    const random = seededRandom(12);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const base62 = (length: number) => Array.from({ length }, () => BASE62[Math.floor(random() * 62)]).join('');
    const assignment = () => {
      const [name, quote] = [pick(['API_', 'db', 'aws_', 'VERCEL_', 'client_', '']) + pick(ASSIGNMENT_KEYWORDS), pick(['', '"', "'"])];
      return `${name}${pick(['', '"', ' '])}${pick(['=', ': ', ':='])}${quote}${base62(pick([24, 40]))}${quote}`;
    };
    const pieces = [
      ...ANCHORS,
      ...ASSIGNMENT_KEYWORDS,
      ...ASSIGNMENT_KEYWORDS.map((keyword) => keyword.toUpperCase()),
      '=', '==', '===', ':', ':=', ' ', '"', "'", '_', '-', '.', '+', '\n', 'é', 'git+', 'api03-', 'proj-', '_value', 'Prod',
      () => base62(8), () => base62(24), () => base62(40), () => `:${base62(12)}@db.internal`,
      assignment,
    ];
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
        const piece = pick(pieces);
        return typeof piece === 'function' ? piece() : piece;
      }).join('');
      expectSameHits(text, pick(['.env', 'src/a.ts', 'notes.md']));
    }
  });
});
