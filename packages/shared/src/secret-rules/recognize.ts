import { SECRET_RULES } from './rules.js';

/**
 * What kind of secret a single value holds, by the vendor rules preflight's secret scan uses
 * (rules.ts): a service_role JWT, an `sb_secret_` key, a Stripe secret key, a token, a private key
 * or a database URL with a password, anywhere in the value. Undefined when no rule accepts it.
 */
export interface RecognizedSecret {
  /** The rule id, e.g. `secret/stripe-live-key`. */
  rule: string;
  /** What it is, e.g. "Stripe live secret key". */
  title: string;
}

export function recognizeSecret(value: string): RecognizedSecret | undefined {
  for (const rule of SECRET_RULES) {
    for (const anchor of rule.anchors) {
      for (let at = value.indexOf(anchor); at >= 0; at = value.indexOf(anchor, at + 1)) {
        if (at > 0 && /[A-Za-z0-9]/.test(value[at - 1]!)) continue;
        rule.pattern.lastIndex = at;
        const match = rule.pattern.exec(value);
        if (match && rule.accept(match)) return { rule: rule.id, title: rule.title };
      }
    }
  }
  return undefined;
}
