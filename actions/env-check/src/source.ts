/**
 * Where variable values come from. A source answers, per name: not set, a value, or — for a
 * variable it holds but will not reveal (a Vercel sensitive variable) — present, with why its
 * value cannot be checked.
 */
export type SourceValue = { kind: 'value'; value: string } | { kind: 'presence'; reason: string };

export interface ValueSource {
  /** How the report names it, e.g. "the step's environment" or ".env.production.local". */
  description: string;
  get(name: string): SourceValue | undefined;
}

export function processEnvSource(env: NodeJS.ProcessEnv = process.env): ValueSource {
  return {
    description: "the step's environment",
    get: (name) => {
      const value = env[name];
      return value === undefined ? undefined : { kind: 'value', value };
    },
  };
}

export function mapSource(description: string, values: ReadonlyMap<string, string>): ValueSource {
  return {
    description,
    get: (name) => {
      const value = values.get(name);
      return value === undefined ? undefined : { kind: 'value', value };
    },
  };
}
