import { z } from 'zod';
import { DEFAULT_CONFIG_PATH } from './config.js';
import { DURATION_RULE, formatLimit, parseDuration } from './duration.js';
import { ConfigurationError } from './errors.js';
import { registerSecret } from './secrets.js';

/**
 * An action's inputs are a record of specs keyed by the kebab-case names of its action.yml.
 * Each spec knows how to parse the raw string the runner (or the CLI) hands over, what form
 * it expects (for error messages and --help), its default, and whether it is a secret.
 */
export interface InputSpec<T> {
  schema: z.ZodType<T>;
  /** The expected form, read by a person: "one of: low, moderate, high". */
  expected: string;
  /** The default as action.yml spells it, applied when the raw value is empty. */
  default?: string;
  required?: boolean;
  secret?: boolean;
}

export type InputSpecs = Record<string, InputSpec<unknown>>;
export type InputsOf<S extends InputSpecs> = { [K in keyof S]: S[K] extends InputSpec<infer T> ? T : never };

/** Where raw values come from: the runner's INPUT_* variables, or the CLI's flags. */
export type InputSource = (name: string) => string | undefined;

/**
 * The runner names an input's variable `INPUT_` + the name upper-cased with spaces as `_`, so
 * `webhook-url` arrives as `INPUT_WEBHOOK-URL` (a name most shells cannot export). The
 * underscore spelling `INPUT_WEBHOOK_URL`, which people type, is read too; the runner's wins.
 */
export function inputVariableNames(name: string): string[] {
  const runner = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const typed = runner.replace(/-/g, '_');
  return typed === runner ? [runner] : [runner, typed];
}

export const runnerInputSource: InputSource = (name) => {
  for (const variable of inputVariableNames(name)) {
    const value = process.env[variable];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
};

interface Common {
  required?: boolean;
  default?: string;
}

/** Optional values come out as `undefined` when neither the user nor a default gave one. */
type Out<T, O extends Common> = O extends { required: true } ? T : O extends { default: string } ? T : T | undefined;

function spec<T, O extends Common>(schema: z.ZodType<T>, expected: string, options: O, secret = false): InputSpec<Out<T, O>> {
  return { schema: schema as z.ZodType<Out<T, O>>, expected, secret, ...options };
}

export function text<O extends Common>(options: O = {} as O, expected = 'any text'): InputSpec<Out<string, O>> {
  return spec(z.string(), expected, options);
}

export function secret<O extends Common>(options: O = {} as O, expected = 'a secret, e.g. ${{ secrets.NAME }}'): InputSpec<Out<string, O>> {
  return spec(z.string(), expected, options, true);
}

export function bool(defaultValue: boolean): InputSpec<boolean> {
  const schema = z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === 'true' || v === 'false', { message: 'is not a boolean' })
    .transform((v) => v === 'true');
  return { schema, expected: "'true' or 'false'", default: String(defaultValue) };
}

export function choice<const V extends string, O extends Common>(values: readonly V[], options: O = {} as O): InputSpec<Out<V, O>> {
  const schema = z
    .string()
    .trim()
    .toLowerCase()
    .refine((v): v is V => (values as readonly string[]).includes(v), { message: 'is not one of the choices' })
    .transform((v) => v as V);
  return spec(schema, `one of: ${values.join(', ')}`, options);
}

/** Newline- or comma-separated; blanks dropped. `item` checks each entry. */
export function list<O extends Common>(
  options: O = {} as O,
  item?: { schema: z.ZodType<string, string>; expected: string },
): InputSpec<Out<string[], O>> {
  const items = z
    .string()
    .transform((v) => v.split(/[\n,]/).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item?.schema ?? z.string()));
  const expected = item ? `a comma- or newline-separated list of ${item.expected}` : 'a comma- or newline-separated list';
  return spec(items, expected, options);
}

export function int<O extends Common>(options: O & { min?: number; max?: number; unit?: string }): InputSpec<Out<number, O>> {
  const { min = 0, max = Number.MAX_SAFE_INTEGER, unit = '' } = options;
  const schema = z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'is not a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: 'is out of range' });
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
  return spec(schema, `a whole number ${range}${unit ? ` (${unit})` : ''}`, options);
}

export function url<O extends Common>(options: O = {} as O, protocols: readonly string[] = ['https:', 'http:']): InputSpec<Out<string, O>> {
  const schema = z
    .string()
    .trim()
    .refine((v) => isUrl(v, protocols), { message: 'is not a valid URL' });
  return spec(schema, `an absolute URL (${protocols.map((p) => p.replace(':', '')).join(' or ')}://…)`, options);
}

/** A secret that must be a URL (e.g. a Slack webhook); its value is masked before it is checked. */
export function secretUrl<O extends Common>(options: O = {} as O, protocols: readonly string[] = ['https:', 'http:']): InputSpec<Out<string, O>> {
  return { ...url(options, protocols), secret: true };
}

/** A token or key: masked as soon as it is read; a pasted line break is caught here, not by a 401. */
export function token<O extends Common>(expected: string, options: O = {} as O): InputSpec<Out<string, O>> {
  const schema = z
    .string()
    .refine((v) => !/\s/.test(v.trim()), { message: 'contains whitespace' })
    .transform((v) => v.trim());
  return spec(schema, expected, options, true);
}

/** `30m`, `90s`, `1h`, `1500ms`; a bare number is seconds (the rule in duration.ts). Parsed to milliseconds. */
export function duration<O extends Common>(options: O & { minMs: number; maxMs: number; example: string }): InputSpec<Out<number, O>> {
  const { minMs, maxMs, example, ...common } = options;
  const schema = z.string().transform((v, ctx) => {
    const ms = parseDuration(v);
    const problem = ms === undefined ? 'is not a duration' : ms < minMs || ms > maxMs ? 'is out of range' : undefined;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return ms!;
  });
  return spec(schema, `a duration from ${formatLimit(minMs)} to ${formatLimit(maxMs)}, e.g. ${example} (${DURATION_RULE})`, common as unknown as O);
}

/** Every action's `config` input: the path of .github/deploy-kit.yml. */
export function configFile(): InputSpec<string> {
  return spec(z.string().trim(), `a path to the deploy-kit config file, relative to the workspace, e.g. ${DEFAULT_CONFIG_PATH}`, { default: DEFAULT_CONFIG_PATH });
}

export function custom<T, O extends Common>(schema: z.ZodType<T>, expected: string, options: O = {} as O): InputSpec<Out<T, O>> {
  return spec(schema, expected, options);
}

function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Reads and validates every input; throws one ConfigurationError naming each bad input. */
export function readInputs<S extends InputSpecs>(specs: S, source: InputSource = runnerInputSource): InputsOf<S> {
  const values: Record<string, unknown> = {};
  const problems: { input: string; message: string }[] = [];
  for (const [name, input] of Object.entries(specs)) {
    const raw = rawValue(source(name)) ?? input.default;
    if (input.secret) registerSecret(raw);
    if (raw === undefined) {
      if (input.required) problems.push({ input: name, message: `Input '${name}' is required: expected ${input.expected}.` });
      values[name] = undefined;
      continue;
    }
    const parsed = input.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push({ input: name, message: describeProblem(name, raw, input, parsed.error) });
  }
  if (problems.length > 0) {
    throw new ConfigurationError(problems.map((p) => p.message).join('\n'), problems[0]?.input);
  }
  return values as InputsOf<S>;
}

function rawValue(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function describeProblem(name: string, raw: string, input: InputSpec<unknown>, error: z.ZodError): string {
  const shown = input.secret ? '(value hidden)' : JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (item ${issue.path.join('.')})` : '';
  const problem = issue?.message && !issue.message.startsWith('Invalid') ? issue.message : 'is not valid';
  return `Input '${name}' ${shown}${where} ${problem}: expected ${input.expected}.`;
}
