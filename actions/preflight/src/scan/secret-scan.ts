/**
 * The secret scan of one file's text: one pass of a literal matcher (literal-matcher.ts) finds
 * every vendor rule's anchor (vendor-rules.ts) and every assignment keyword (assignments.ts)
 * in text order, and each is checked where it was found. Where a vendor rule and an assignment
 * find the same value, the vendor rule wins (it says what the secret is).
 */
import type { Hit } from './hit.js';
import { ANCHORS, VendorRuleScan } from './vendor-rules.js';
import { ASSIGNMENT_KEYWORDS, AssignmentScan } from './assignments.js';
import { compileLiteralMatcher, type LiteralMatcher } from './literal-matcher.js';

let candidates: LiteralMatcher | undefined;

/**
 * Anchors first (case-sensitive), then keywords (any case): a literal's index says which it is.
 * Compiled on first use (some 20 ms), not when the action loads.
 */
function candidateMatcher(): LiteralMatcher {
  candidates ??= compileLiteralMatcher([
    ...ANCHORS.map((text) => ({ text })),
    ...ASSIGNMENT_KEYWORDS.map((text) => ({ text, ignoreCase: true })),
  ]);
  return candidates;
}

function overlaps(a: Hit, b: Hit): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

export function scanSecrets(text: string, path: string): Hit[] {
  const vendor = new VendorRuleScan(text);
  const assignments = new AssignmentScan(text, path);
  candidateMatcher().forEachMatch(text, (start, literal) => {
    if (literal < ANCHORS.length) vendor.atAnchor(start, ANCHORS[literal]!);
    else assignments.atKeyword(start, start + ASSIGNMENT_KEYWORDS[literal - ANCHORS.length]!.length);
  });
  const hits = vendor.hits;
  for (const assigned of assignments.hits) {
    if (!hits.some((hit) => overlaps(hit, assigned))) hits.push(assigned);
  }
  return hits;
}
