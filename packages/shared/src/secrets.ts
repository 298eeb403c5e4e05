import * as core from './workflow-commands.js';

/**
 * Every secret value the run has read. Renderers pass all text through `redact`, so a
 * secret cannot reach a summary, comment, output or file even when the runner's own log
 * masking does not apply (files, API calls, the local CLI).
 */
const secrets = new Set<string>();
const MASK = '***';
/** Very short values would mask ordinary words; the runner treats them the same way. */
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  for (const variant of variantsOf(value)) {
    if (secrets.has(variant)) continue;
    secrets.add(variant);
    // ::add-mask:: is a runner command; in a terminal it would print the secret itself.
    if (process.env['GITHUB_ACTIONS'] === 'true') core.setSecret(variant);
  }
}

/**
 * Names of environment variables whose values are secrets whatever they look like: a word of the
 * name (split at `_`, `-`, `.`) is one of these, or the name ends in one (`GH_PAT`, `APIKEY`).
 */
const SECRET_NAME_WORDS = new Set([
  'PASSWORD', 'PASSWD', 'PASS', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'KEY', 'KEYS', 'APIKEY', 'PAT',
  'DSN', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATE', 'AUTH', 'COOKIE', 'SESSION', 'SIGNATURE', 'SALT', 'WEBHOOK', 'JWT',
]);
const SECRET_NAME_PHRASES = [/DATABASE_URL/i, /DB_URL/i, /CONNECTION_STRING/i, /_URI$/i, /PASSWORD/i, /SECRET/i, /TOKEN/i, /APIKEY/i, /API_KEY/i, /PRIVATE_KEY/i];
/** Values that cannot be secrets and would mask ordinary words. */
const NOT_SECRET_VALUES = new Set(['true', 'false', 'null', 'undefined', 'none', 'yes', 'no']);

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.startsWith('INPUT_') && !SECRET_NAME_PHRASES.some((p) => p.test(upper))) return false;
  if (upper.split(/[_\-.]+/).some((word) => SECRET_NAME_WORDS.has(word))) return true;
  return SECRET_NAME_PHRASES.some((p) => p.test(upper));
}

/**
 * Registers the values of the step's environment variables whose names say secret
 * (DB_PASSWORD, STRIPE_SECRET_KEY, DATABASE_URL, SENTRY_DSN, ...), so that a command printing
 * one cannot put it in a report, whatever the value looks like.
 */
export function registerSecretEnvironment(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) {
    if (!value || !isSecretName(name) || NOT_SECRET_VALUES.has(value.trim().toLowerCase()) || /^\d{1,6}$/.test(value.trim())) continue;
    registerSecret(value);
  }
}

/**
 * Registers every value a command asked the runner to mask (`::add-mask::VALUE` lines in its
 * output, https://docs.github.com/actions/reference/workflow-commands-for-github-actions#masking-a-value-in-a-log),
 * before that output reaches a report.
 */
export function registerMasksIn(output: string): void {
  if (!output.includes('::add-mask::')) return;
  for (const match of output.matchAll(/::add-mask::([^\r\n]*)/g)) registerSecret(match[1]!.trim());
}

/** The forms a secret takes once it is put in a URL or a JSON string. */
function variantsOf(value: string): string[] {
  const variants = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  // A secret web URL (a Slack webhook) also leaks through its path alone; a database URL's path
  // is only the database name, and its password is registered by the action that reads it.
  try {
    const url = new URL(value);
    if (/^https?:$/.test(url.protocol) && url.pathname.length > 8) variants.add(url.pathname);
  } catch {
    // not a URL
  }
  return [...variants].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

export function redact(text: string): string {
  let result = text;
  // Longest first, so a secret containing another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (result.includes(secret)) result = result.split(secret).join(MASK);
  }
  return redactUrlCredentials(result);
}

/** Whether text holds a registered secret (credentials written in a URL alone do not count). */
export function containsSecret(text: string): boolean {
  for (const secret of secrets) if (text.includes(secret)) return true;
  return false;
}

/** `postgres://user:pass@host` → `postgres://user:***@host`, for values that were never registered. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):([^\s@/]+)@/gi, `$1:${MASK}@`);
}

/** Redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  secrets.clear();
}
