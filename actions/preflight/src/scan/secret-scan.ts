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
/** Longest anchors first, so `sk-ant-` is tried before `sk-`. */
const ANCHORS = new RegExp(
  [...RULES_BY_ANCHOR.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
  'g',
);

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function matchVendorRules(text: string, hits: Hit[]): void {
  ANCHORS.lastIndex = 0;
  for (let anchor = ANCHORS.exec(text); anchor; anchor = ANCHORS.exec(text)) {
    const at = anchor.index;
    // A token starts a word: `AKIA` inside a longer base64 run or an identifier is not a key.
    if (at > 0 && isAlphanumeric(text.charCodeAt(at - 1))) continue;
    for (const rule of RULES_BY_ANCHOR.get(anchor[0]) ?? []) {
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
