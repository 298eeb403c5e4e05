import { DEFAULT_CONFIG_PATH } from './config.js';
import { DURATION_RULE, formatLimit, parseDuration } from './duration.js';
import { ConfigurationError } from './errors.js';
import { registerSecret } from './secrets.js';

/**
 * An action's inputs are a record of specs keyed by the kebab-case names of its action.yml.
 * Each spec knows how to parse the raw string the runner (or the CLI) hands over, what form
 * it expects (for error messages and --help), its default, and whether it is a secret.
 *
 * Parsers are plain functions, not zod schemas: every action reads its inputs before anything
 * else, so this module stays small and an input error is reported without loading a validator.
 */
export interface InputSpec<T> {
  parse: Parser<T>;
  /** The expected form, read by a person: "one of: low, moderate, high". */
  expected: string;
  /** The default as action.yml spells it, applied when the raw value is empty. */
  default?: string;
  required?: boolean;
  secret?: boolean;
}

/** What a parser makes of a raw value: the value, or what is wrong with it in a few words ("is not a boolean"). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; item?: number };
/** Async only where the check needs code loaded on demand (slack-notify's YAML payload). */
export type Parser<T> = (raw: string) => Parsed<T> | Promise<Parsed<T>>;
/** A check on a value and the problem reported when it fails. */
export type Rule = readonly [test: (value: string) => boolean, problem: string];

/** A rule that the whole value matches `pattern`. */
export const matches = (pattern: RegExp, problem: string): Rule => [(value) => pattern.test(value), problem];

export const valid = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const invalid = (problem: string, item?: number): Parsed<never> => (item === undefined ? { ok: false, problem } : { ok: false, problem, item });

/** A text parser: `normalize` (trim by default) then each rule in order; the first failing rule's problem is reported. */
export function checkedText(rules: readonly Rule[], normalize: (raw: string) => string = (raw) => raw.trim()): (raw: string) => Parsed<string> {
  return (raw) => {
    const value = normalize(raw);
    const failed = rules.find(([test]) => !test(value));
    return failed ? invalid(failed[1]) : valid(value);
  };
}

/**
 * Paths inside a directory as people type them (`apps/web`, `./dist/`, `.next\static`): `\` read
 * as `/`, a leading `./` and trailing `/` dropped; absolute paths and `..` refused.
 */
export const relativePath = checkedText(
  [
    [(v) => !v.startsWith('/') && !/^[A-Za-z]:/.test(v), 'is an absolute path'],
    [(v) => !v.split('/').includes('..'), 'leaves the working directory'],
  ],
  (raw) => raw.trim().replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, ''),
);

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

function spec<T, O extends Common>(parse: Parser<T>, expected: string, options: O, secret = false): InputSpec<Out<T, O>> {
  return { parse: parse as Parser<Out<T, O>>, expected, secret, ...options };
}

const asIs = (raw: string): Parsed<string> => valid(raw);
/** Any text, without the blanks around it. */
export const trimmed = (raw: string): Parsed<string> => valid(raw.trim());

export function text<O extends Common>(options: O = {} as O, expected = 'any text'): InputSpec<Out<string, O>> {
  return spec(asIs, expected, options);
}

export function secret<O extends Common>(options: O = {} as O, expected = 'a secret, e.g. ${{ secrets.NAME }}'): InputSpec<Out<string, O>> {
  return spec(asIs, expected, options, true);
}

export function bool(defaultValue: boolean): InputSpec<boolean> {
  const parse = (raw: string): Parsed<boolean> => {
    const value = raw.trim().toLowerCase();
    return value === 'true' || value === 'false' ? valid(value === 'true') : invalid('is not a boolean');
  };
  return { parse, expected: "'true' or 'false'", default: String(defaultValue) };
}

export function choice<const V extends string, O extends Common>(values: readonly V[], options: O = {} as O): InputSpec<Out<V, O>> {
  const parse = (raw: string): Parsed<V> => {
    const value = raw.trim().toLowerCase();
    return (values as readonly string[]).includes(value) ? valid(value as V) : invalid('is not one of the choices');
  };
  return spec(parse, `one of: ${values.join(', ')}`, options);
}

/** What a list checks each entry with, and the entries' form for the error message. */
export interface ListItem {
  parse: (entry: string) => Parsed<string>;
  expected: string;
}

/** Newline- or comma-separated; blanks dropped. `item` checks each entry; a bad one is named by its 0-based position. */
export function list<O extends Common>(options: O = {} as O, item?: ListItem): InputSpec<Out<string[], O>> {
  const parse = (raw: string): Parsed<string[]> => {
    const entries = raw.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    if (!item) return valid(entries);
    const values: string[] = [];
    for (const [index, entry] of entries.entries()) {
      const parsed = item.parse(entry);
      if (!parsed.ok) return invalid(parsed.problem, index);
      values.push(parsed.value);
    }
    return valid(values);
  };
  const expected = item ? `a comma- or newline-separated list of ${item.expected}` : 'a comma- or newline-separated list';
  return spec(parse, expected, options);
}

export function int<O extends Common>(options: O & { min?: number; max?: number; unit?: string }): InputSpec<Out<number, O>> {
  const { min = 0, max = Number.MAX_SAFE_INTEGER, unit = '' } = options;
  const parse = (raw: string): Parsed<number> => {
    const value = raw.trim();
    if (!/^-?\d+$/.test(value)) return invalid('is not a whole number');
    const n = Number(value);
    return n >= min && n <= max ? valid(n) : invalid('is out of range');
  };
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
  return spec(parse, `a whole number ${range}${unit ? ` (${unit})` : ''}`, options);
}

export function url<O extends Common>(options: O = {} as O, protocols: readonly string[] = ['https:', 'http:']): InputSpec<Out<string, O>> {
  const parse = checkedText([[(v) => isUrl(v, protocols), 'is not a valid URL']]);
  return spec(parse, `an absolute URL (${protocols.map((p) => p.replace(':', '')).join(' or ')}://…)`, options);
}

/** A secret that must be a URL (e.g. a Slack webhook); its value is masked before it is checked. */
export function secretUrl<O extends Common>(options: O = {} as O, protocols: readonly string[] = ['https:', 'http:']): InputSpec<Out<string, O>> {
  return { ...url(options, protocols), secret: true };
}

/** A token or key: masked as soon as it is read; a pasted line break is caught here, not by a 401. */
export function token<O extends Common>(expected: string, options: O = {} as O): InputSpec<Out<string, O>> {
  return spec(checkedText([[(v) => !/\s/.test(v), 'contains whitespace']]), expected, options, true);
}

/** `30m`, `90s`, `1h`, `1500ms`; a bare number is seconds (the rule in duration.ts). Parsed to milliseconds. */
export function duration<O extends Common>(options: O & { minMs: number; maxMs: number; example: string }): InputSpec<Out<number, O>> {
  const { minMs, maxMs, example, ...common } = options;
  const parse = (raw: string): Parsed<number> => {
    const ms = parseDuration(raw);
    if (ms === undefined) return invalid('is not a duration');
    return ms < minMs || ms > maxMs ? invalid('is out of range') : valid(ms);
  };
  return spec(parse, `a duration from ${formatLimit(minMs)} to ${formatLimit(maxMs)}, e.g. ${example} (${DURATION_RULE})`, common as unknown as O);
}

/** Every action's `config` input: the path of .github/deploy-kit.yml. */
export function configFile(): InputSpec<string> {
  return spec(trimmed, `a path to the deploy-kit config file, relative to the workspace, e.g. ${DEFAULT_CONFIG_PATH}`, { default: DEFAULT_CONFIG_PATH });
}

export function custom<T, O extends Common>(parse: Parser<T>, expected: string, options: O = {} as O): InputSpec<Out<T, O>> {
  return spec(parse, expected, options);
}

function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Reads and validates every input; throws one ConfigurationError naming each bad input. */
export async function readInputs<S extends InputSpecs>(specs: S, source: InputSource = runnerInputSource): Promise<InputsOf<S>> {
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
    const parsed = await input.parse(raw);
    if (parsed.ok) values[name] = parsed.value;
    else problems.push({ input: name, message: describeProblem(name, raw, input, parsed) });
  }
  if (problems.length > 0) {
    throw new ConfigurationError(problems.map((p) => p.message).join('\n'), problems[0]?.input);
  }
  return values as InputsOf<S>;
}

function rawValue(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function describeProblem(name: string, raw: string, input: InputSpec<unknown>, parsed: { problem: string; item?: number }): string {
  const shown = input.secret ? '(value hidden)' : JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
  const where = parsed.item === undefined ? '' : ` (item ${parsed.item})`;
  return `Input '${name}' ${shown}${where} ${parsed.problem}: expected ${input.expected}.`;
}
