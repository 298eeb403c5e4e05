/**
 * Content-Security-Policy parsing for grading (W3C CSP3 §2.2: a header holds comma-separated
 * policies of semicolon-separated directives; within a policy the first of a repeated directive
 * wins). Several policies are all enforced, so a source counts only when every policy that sets
 * the directive allows it.
 */
export type Policy = Map<string, Set<string>>;

const DIRECTIVE_NAME = /^[a-z0-9-]+$/;

/** The effective policy of all CSP header values; `invalid` when one cannot be parsed. */
export function parseCsp(values: string[]): Policy | 'invalid' {
  const policies: Policy[] = [];
  for (const text of values.flatMap((v) => v.split(','))) {
    const policy: Policy = new Map();
    for (const directive of text.split(';').map((d) => d.trim()).filter(Boolean)) {
      const [name = '', ...sources] = directive.split(/\s+/).map((t) => t.toLowerCase());
      if (!DIRECTIVE_NAME.test(name)) return 'invalid';
      if (!policy.has(name)) policy.set(name, new Set(sources));
    }
    if (policy.size > 0) policies.push(policy);
  }
  return policies.reduce<Policy>((merged, policy) => intersect(merged, policy), new Map());
}

function intersect(a: Policy, b: Policy): Policy {
  const merged: Policy = new Map(a);
  for (const [name, sources] of b) {
    const existing = merged.get(name);
    if (!existing || existing.has('*')) merged.set(name, sources);
    else if (!sources.has('*')) merged.set(name, new Set([...existing].filter((s) => sources.has(s))));
  }
  return merged;
}

export const DANGEROUSLY_BROAD = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
export const UNSAFE_INLINE = new Set(["'unsafe-inline'", 'data:']);

export function usesNonceOrHash(sources: Set<string>): boolean {
  return [...sources].some((s) => /^'(nonce-|sha256-|sha384-|sha512-)/.test(s));
}
