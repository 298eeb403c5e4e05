import { recognizeSecret } from '../../../packages/shared/src/secret-rules/recognize.js';
import { registerSecret } from '../../../packages/shared/src/secrets.js';
import { isRequiredIn, type VariableRule } from './rules.js';
import type { Environment } from './schema.js';
import type { ValueSource } from './source.js';
import { checkValue } from './types.js';
import type { Verdict } from './verdict.js';

/**
 * One variable's outcome: ok, missing, invalid, presence-only (set, but its value cannot be
 * read), or optional (not set and not required here); `warning` marks an ok or presence value
 * that is probably wrong. `shown` is the value itself, only for a public variable that holds no
 * secret — a secret variable's value never leaves this module, and is registered for masking
 * before anything is checked.
 */
export type VariableState = 'ok' | 'missing' | 'invalid' | 'presence-only' | 'optional';

export interface VariableResult {
  name: string;
  state: VariableState;
  warning: boolean;
  reason: string;
  secret: boolean;
  public: boolean;
  shown?: string;
}

/**
 * Every variable, in order. A public variable that holds the very value of a secret one (a key
 * copied under a NEXT_PUBLIC_ name) is invalid even when no rule recognises the secret's shape.
 */
export function evaluateVariables(rules: readonly VariableRule[], source: ValueSource, environment: Environment): VariableResult[] {
  const valueOf = (name: string) => {
    const found = source.get(name);
    return found?.kind === 'value' && found.value !== '' ? found.value : undefined;
  };
  const secretNames = new Map<string, string>();
  for (const rule of rules) {
    const value = valueOf(rule.name);
    if (rule.secret && value !== undefined) secretNames.set(value, rule.name);
  }
  return rules.map((rule) => {
    const result = evaluateVariable(rule, source, environment);
    const value = rule.public ? valueOf(rule.name) : undefined;
    const copied = value === undefined ? undefined : secretNames.get(value);
    if (!copied || result.state === 'invalid') return result;
    return {
      ...result,
      state: 'invalid',
      warning: false,
      shown: undefined,
      reason: `holds the value of the secret variable ${copied}: a public variable is shipped to every browser. Give it its own value and rotate ${copied}`,
    };
  });
}

export function evaluateVariable(rule: VariableRule, source: ValueSource, environment: Environment): VariableResult {
  const base = { name: rule.name, secret: rule.secret, public: rule.public, warning: false };
  const found = source.get(rule.name);
  const required = isRequiredIn(rule, environment);
  if (found?.kind === 'presence') return { ...base, state: 'presence-only', reason: found.reason };
  if (found === undefined || found.value === '') {
    const what = found === undefined ? `not set in ${source.description}` : 'set but empty';
    if (!required) return { ...base, state: 'optional', reason: `${what} (optional in ${environment})` };
    return { ...base, state: 'missing', reason: `${what}; required in ${environment}` };
  }
  const value = found.value;
  const leaked = rule.public ? recognizeSecret(value) : undefined;
  const secret = rule.secret || (!rule.public && recognizeSecret(value) !== undefined);
  if (secret || leaked) registerSecret(value);
  if (leaked) {
    return {
      ...base,
      state: 'invalid',
      reason: `holds a ${leaked.title}: a public variable is shipped to every browser. Move the secret to a variable without the public prefix and rotate it`,
    };
  }
  const verdict = checkValue(rule.type, rule.options, value, environment);
  return { ...base, secret, ...fromVerdict(verdict), ...(rule.public ? { shown: value } : {}) };
}

/**
 * A pull request from a fork runs without secrets: a secret variable missing there is expected,
 * not a failure, and its row says why.
 */
export function excuseForkSecrets(results: VariableResult[]): VariableResult[] {
  return results.map((r) =>
    r.state === 'missing' && r.secret ? { ...r, state: 'optional', reason: 'not set: a pull request from a fork gets no secrets, so it is not checked here' } : r,
  );
}

function fromVerdict(verdict: Verdict): Pick<VariableResult, 'state' | 'warning' | 'reason'> {
  if (verdict.status === 'invalid') return { state: 'invalid', warning: false, reason: verdict.reason };
  return { state: 'ok', warning: verdict.status === 'warn', reason: verdict.reason };
}
