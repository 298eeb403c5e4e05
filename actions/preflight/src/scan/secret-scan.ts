/**
 * The secret scan of one file's text: every vendor rule (secret-rules.ts) in a single pass
 * over the anchors, then the keyword assignments (assignments.ts). Where a vendor rule and an
 * assignment find the same value, the vendor rule wins (it says what the secret is).
 */
import type { Hit } from './hit.js';
import { SECRET_RULES, type SecretRule } from '../../../../packages/shared/src/secret-rules/rules.js';
import { findAssignedSecrets } from './assignments.js';
import { redactValue } from './redact-value.js';

const RULES_BY_ANCHOR = new Map<string, SecretRule[]>();
for (const rule of SECRET_RULES) {
  for (const anchor of rule.anchors) RULES_BY_ANCHOR.set(anchor, [...(RULES_BY_ANCHOR.get(anchor) ?? []), rule]);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const SCHEME_SEPARATOR = '://';
/**
 * One pass over the text finds every anchor. URL schemes (https://, postgres://, ...: a third of
 * the anchors) are found by their shared `://` and read backwards to their start: a regular
 * expression of 64 alternatives, many starting with common letters, costs V8 a test of each at
 * every position, while `://` is rare and found by a quick scan. Longest anchors first, so
 * `sk-ant-` is tried before `sk-`.
 */
const ANCHORS = new RegExp(
  [...[...RULES_BY_ANCHOR.keys()].filter((anchor) => !anchor.endsWith(SCHEME_SEPARATOR)), SCHEME_SEPARATOR]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'g',
);

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A URL scheme's character (RFC 3986 §3.1: letters, digits, +, -, .). */
function isSchemeChar(code: number): boolean {
  return isAlphanumeric(code) || code === 43 || code === 45 || code === 46;
}

/**
 * The scheme anchor ending at the `://` found at `separator`: the leftmost start at or after
 * `from` whose text is an anchor (`git+https://` holds `https://`), as a search from the left
 * would have found it.
 */
function schemeAnchorAt(text: string, separator: number, from: number): { at: number; anchor: string } | undefined {
  let start = separator;
  while (start > from && isSchemeChar(text.charCodeAt(start - 1))) start--;
  for (let at = start; at < separator; at++) {
    const anchor = text.slice(at, separator + SCHEME_SEPARATOR.length);
    if (RULES_BY_ANCHOR.has(anchor)) return { at, anchor };
  }
  return undefined;
}

function matchVendorRules(text: string, hits: Hit[]): void {
  ANCHORS.lastIndex = 0;
  for (let from = 0, found = ANCHORS.exec(text); found; from = ANCHORS.lastIndex, found = ANCHORS.exec(text)) {
    const scheme = found[0] === SCHEME_SEPARATOR ? schemeAnchorAt(text, found.index, from) : undefined;
    if (found[0] === SCHEME_SEPARATOR && !scheme) continue;
    const { at, anchor } = scheme ?? { at: found.index, anchor: found[0] };
    // A token starts a word: `AKIA` inside a longer base64 run or an identifier is not a key.
    if (at > 0 && isAlphanumeric(text.charCodeAt(at - 1))) continue;
    for (const rule of RULES_BY_ANCHOR.get(anchor) ?? []) {
      rule.pattern.lastIndex = at;
      const match = rule.pattern.exec(text);
      if (!match || !rule.accept(match)) continue;
      const secret = match[rule.secretGroup] ?? match[0];
      hits.push({
        rule: rule.id,
        severity: rule.severity,
        message: rule.describe?.(match) ?? `${rule.title} ${redactValue(secret)} is committed: ${rule.rotate}.`,
        offset: at,
        length: match[0].length,
        ...(rule.nameOnly ? {} : { secret }),
      });
      ANCHORS.lastIndex = at + match[0].length;
      break;
    }
  }
}

function overlaps(a: Hit, b: Hit): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

export function scanSecrets(text: string, path: string): Hit[] {
  const hits: Hit[] = [];
  matchVendorRules(text, hits);
  for (const assigned of findAssignedSecrets(text, path)) {
    if (!hits.some((hit) => overlaps(hit, assigned))) hits.push(assigned);
  }
  return hits;
}
