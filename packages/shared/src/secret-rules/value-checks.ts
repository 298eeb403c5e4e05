/**
 * Tests on a candidate secret value: how random it looks (Shannon entropy) and whether it is
 * a placeholder someone wrote in docs, examples or templates rather than a real credential.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Words that mark a value as a placeholder. Long words are matched anywhere (a random key
 * practically never contains seven given letters in a row); short ones only as whole words,
 * because "here" or "your" may well occur inside a random string.
 */
const PLACEHOLDER_SUBSTRINGS = [
  'example', 'placeholder', 'changeme', 'change_me', 'change-me', 'redacted', 'dummy', 'sample',
  'replace', 'insert', 'password', 'lorem', 'foobar', 'notreal', 'not_real', 'not-a-real', 'secretkey',
];
const PLACEHOLDER_WORDS = new Set([
  'your', 'yours', 'my', 'here', 'fake', 'mock', 'todo', 'tbd', 'none', 'null', 'undefined', 'xxx', 'foo',
  'bar', 'baz', 'test', 'demo', 'key', 'token', 'secret', 'value', 'string', 'abc', 'abcd', 'abcdef',
]);

/** Splits on non-alphanumerics, letter/digit changes and lower→upper case changes (camelCase). */
export function wordsOf(value: string): string[] {
  return value
    .split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** How much of the value is made of runs like `abcdef` or `123456` (ascending or descending). */
function sequentialShare(value: string): number {
  let sequential = 0;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if (step === 1 || step === -1) sequential++;
  }
  return value.length > 1 ? sequential / (value.length - 1) : 0;
}

/**
 * Changes between lower case, upper case and digits per character: about 0.5 in a random
 * token, well under 0.35 in readable text (`YOUR_API_KEY`, `myToken123`). Whole-word checks
 * run only on readable values, so a random key that happens to contain "my" stays a finding.
 */
export function caseSwitchRatio(value: string): number {
  let switches = 0;
  let previous = -1;
  let counted = 0;
  for (let i = 0; i < value.length; i++) {
    const kind = charClass(value.charCodeAt(i));
    if (kind < 0) continue;
    if (previous >= 0 && kind !== previous) switches++;
    previous = kind;
    counted++;
  }
  return counted > 1 ? switches / (counted - 1) : 0;
}

function charClass(code: number): number {
  if (code >= 97 && code <= 122) return 0;
  if (code >= 65 && code <= 90) return 1;
  if (code >= 48 && code <= 57) return 2;
  return -1;
}

const TEMPLATE_MARKERS = /\$\{|\{\{|\}\}|\$\(|%\(|%[sd]\b|^\$[A-Za-z_]|^<.*>$|^\[.*\]$|^\{.*\}$|^%.*%$|^@.*@$|^__.*__$/;
const ENV_REFERENCE = /^(?:process\.env|import\.meta\.env|os\.environ|env\.|Deno\.env|getenv|System\.getenv|secrets\.)/i;
const MASKED = /\*{3,}|x{4,}|X{4,}|\.{3,}|…|#{4,}|0{8,}/;

/**
 * True when the value is a placeholder: template syntax (`${VAR}`, `{{ secrets.X }}`, `<token>`),
 * an environment reference, masked text (`****`, `xxxx`), a placeholder word (your_key_here,
 * changeme, example), one repeated character, or a mostly sequential run (`abcdef123456`).
 */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (TEMPLATE_MARKERS.test(value) || ENV_REFERENCE.test(value) || MASKED.test(value)) return true;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_SUBSTRINGS.some((word) => lower.includes(word))) return true;
  if (caseSwitchRatio(value) < 0.35 && wordsOf(value).some((word) => PLACEHOLDER_WORDS.has(word))) return true;
  if (new Set(value).size <= 2) return true;
  return value.length >= 8 && sequentialShare(value) > 0.5;
}

/**
 * Whether a value found by a vendor prefix (the part after `ghp_`, `sk_live_`, ...) looks like
 * a real random token: not a placeholder and not obviously low in entropy.
 */
export function looksRandom(body: string, minimumEntropy = 3): boolean {
  if (isPlaceholder(body) || shannonEntropy(body) < minimumEntropy) return false;
  // Letters only and few case changes: words (`vcr_cassette_name_for_the_case`), not a token.
  return /[0-9]/.test(body) || caseSwitchRatio(body) >= 0.3;
}
