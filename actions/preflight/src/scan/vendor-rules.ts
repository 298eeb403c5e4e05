/**
 * Secrets recognised by their vendor prefix or structure (packages/shared/src/secret-rules/rules.ts):
 * where one of a rule's anchors starts a word, the rule's sticky pattern is tried there.
 * secret-scan.ts finds the anchors and hands them over in text order.
 */
import type { Hit } from './hit.js';
import { SECRET_RULES, type SecretRule } from '../../../../packages/shared/src/secret-rules/rules.js';
import { redactValue } from './redact-value.js';

const RULES_BY_ANCHOR = new Map<string, SecretRule[]>();
for (const rule of SECRET_RULES) {
  for (const anchor of rule.anchors) RULES_BY_ANCHOR.set(anchor, [...(RULES_BY_ANCHOR.get(anchor) ?? []), rule]);
}

/** Every rule's anchors, each once. */
export const ANCHORS: readonly string[] = [...RULES_BY_ANCHOR.keys()];

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The first rule of the anchor that matches at `at` and accepts the match. */
function ruleHitAt(text: string, at: number, anchor: string): Hit | undefined {
  for (const rule of RULES_BY_ANCHOR.get(anchor) ?? []) {
    rule.pattern.lastIndex = at;
    const match = rule.pattern.exec(text);
    if (!match || !rule.accept(match)) continue;
    const secret = match[rule.secretGroup] ?? match[0];
    return {
      rule: rule.id,
      severity: rule.severity,
      message: rule.describe?.(match) ?? `${rule.title} ${redactValue(secret)} is committed: ${rule.rotate}.`,
      offset: at,
      length: match[0].length,
      ...(rule.nameOnly ? {} : { secret }),
    };
  }
  return undefined;
}

/**
 * The vendor-rule hits of one text, fed its anchors in text order (by start, the longer first
 * at the same start). Anchors do not overlap: one that starts inside the previous anchor, or
 * inside the previous hit, is passed over, so `sk-ant-` hides the `sk-` it begins with.
 */
export class VendorRuleScan {
  readonly hits: Hit[] = [];
  private resumeAt = 0;

  constructor(private readonly text: string) {}

  atAnchor(at: number, anchor: string): void {
    if (at < this.resumeAt) return;
    this.resumeAt = at + anchor.length;
    // A token starts a word: `AKIA` inside a longer base64 run or an identifier is not a key.
    if (at > 0 && isAlphanumeric(this.text.charCodeAt(at - 1))) return;
    const hit = ruleHitAt(this.text, at, anchor);
    if (!hit) return;
    this.hits.push(hit);
    this.resumeAt = at + hit.length;
  }
}
