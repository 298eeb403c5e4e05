import { inferRule } from './inference.js';
import { TYPE_OPTIONS, type Environment, type VariableSchema, type VariableType } from './schema.js';

/**
 * The rule each variable is checked against: what its name implies (inference.ts), overridden by
 * its schema entry. The type and its options go together: a schema `type` replaces the inferred
 * type, while `required`, `secret` and `public` override one by one.
 */
export interface VariableRule {
  name: string;
  type: VariableType;
  options: VariableSchema;
  /** true, false, or the environments it is required in. */
  required: boolean | Environment[];
  secret: boolean;
  public: boolean;
  /** Declared in the schema (else only listed in the example file). */
  declared: boolean;
}

export function buildRule(name: string, declared: VariableSchema | undefined): VariableRule {
  const inferred = inferRule(name);
  const typed = declared?.type !== undefined || hasTypeOptions(declared) ? declared! : inferred;
  const type = typed.type ?? 'string';
  const isPublic = declared?.public ?? inferred.public ?? false;
  return {
    name,
    type,
    options: typed,
    required: declared?.required ?? true,
    secret: !isPublic && (declared?.secret ?? inferred.secret ?? false),
    public: isPublic,
    declared: declared !== undefined,
  };
}

/** `{ min-length: 32 }` without a type is a string rule, not the inferred one. */
function hasTypeOptions(rule: VariableSchema | undefined): boolean {
  return rule !== undefined && (TYPE_OPTIONS.string ?? []).some((option) => rule[option] !== undefined);
}

export function isRequiredIn(rule: VariableRule, environment: Environment): boolean {
  return Array.isArray(rule.required) ? rule.required.includes(environment) : rule.required;
}

/** Schema entries first, in their order, then the example file's other keys in theirs. */
export function buildRules(schema: Record<string, VariableSchema> | undefined, exampleKeys: readonly string[]): VariableRule[] {
  const names = [...new Set([...Object.keys(schema ?? {}), ...exampleKeys])];
  return names.map((name) => buildRule(name, schema?.[name]));
}
