/**
 * The secret scan as it was before literal-matcher.ts, kept as the reference the single-pass
 * scan is compared with (test: secret-scan-differential.test.ts; bench: secret-matcher.ts):
 * two regular expressions found the candidates, ANCHORS (every vendor anchor, URL schemes found
 * by their `://` and read backwards) and ASSIGNMENT (keyword, suffix, quote and operator).
 * A candidate is checked by the same code as today (vendor rules' sticky patterns, and
 * assignedSecret for assignments), so a difference can only come from finding candidates.
 */
import type { Hit } from '../../actions/preflight/src/scan/hit.js';
import { SECRET_RULES, type SecretRule } from '../../packages/shared/src/secret-rules/rules.js';
import { allowsUnquotedValues, assignedSecret } from '../../actions/preflight/src/scan/assignments.js';
import { redactValue } from '../../actions/preflight/src/scan/redact-value.js';

const RULES_BY_ANCHOR = new Map<string, SecretRule[]>();
for (const rule of SECRET_RULES) {
  for (const anchor of rule.anchors) RULES_BY_ANCHOR.set(anchor, [...(RULES_BY_ANCHOR.get(anchor) ?? []), rule]);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const SCHEME_SEPARATOR = '://';
const ANCHORS = new RegExp(
  [...[...RULES_BY_ANCHOR.keys()].filter((anchor) => !anchor.endsWith(SCHEME_SEPARATOR)), SCHEME_SEPARATOR]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'g',
);
const ASSIGNMENT =
  /(?:secret|passw(?:or)?d|pwd|pass(?:phrase)?|token|key|credentials?)(?:[_.-]?(?:value|str|string|raw|hex|b64|base64|prod|production|live|dev|staging|base))?["']?[ \t]*(?:={1,3}(?![=>])|:=|:(?![:/\\]))[ \t]*/gi;

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSchemeChar(code: number): boolean {
  return isAlphanumeric(code) || code === 43 || code === 45 || code === 46;
}

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

function findAssignedSecrets(text: string, path: string): Hit[] {
  const hits: Hit[] = [];
  const unquotedAllowed = allowsUnquotedValues(path);
  ASSIGNMENT.lastIndex = 0;
  for (let match = ASSIGNMENT.exec(text); match; match = ASSIGNMENT.exec(text)) {
    const valueStart = ASSIGNMENT.lastIndex;
    const nameEnd = match.index + match[0].search(/["' \t=:]/);
    const hit = assignedSecret(text, { keywordStart: match.index, nameEnd, valueStart }, unquotedAllowed);
    if (!hit) continue;
    hits.push(hit);
    ASSIGNMENT.lastIndex = hit.offset + hit.length;
  }
  return hits;
}

function overlaps(a: Hit, b: Hit): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

export function scanSecretsWithRegexes(text: string, path: string): Hit[] {
  const hits: Hit[] = [];
  matchVendorRules(text, hits);
  for (const assigned of findAssignedSecrets(text, path)) {
    if (!hits.some((hit) => overlaps(hit, assigned))) hits.push(assigned);
  }
  return hits;
}
