/**
 * Secrets found by context: a value assigned to a name that says "secret" — `DB_PASSWORD=...`,
 * `apiKey: "..."`, `"client_secret": "..."`, `TOKEN := "..."` — when the value is random
 * enough (Shannon entropy) and not a placeholder. Two vendor formats without a prefix are
 * recognised here too: AWS secret access keys (40 base64 characters assigned to an AWS secret
 * name) and classic Vercel tokens (24 alphanumerics assigned to a VERCEL_* name).
 *
 * secret-scan.ts finds the keywords (ASSIGNMENT_KEYWORDS, any case) and hands them over in
 * text order; the rest of the assignment is checked here.
 *
 * Unquoted values count only in files where an unquoted value is a literal (.env, YAML, INI,
 * shell, Markdown...), not in code, where `token: someVariable` is an expression.
 */
import type { Hit } from './hit.js';
import { baseNameOf, extensionOf } from './paths.js';
import { caseSwitchRatio, isPlaceholder, looksRandom, shannonEntropy, wordsOf } from '../../../../packages/shared/src/secret-rules/value-checks.js';
import { redactValue } from './redact-value.js';

/** The words an assignment's name ends with (case-insensitive); the whole name is checked afterwards. */
export const ASSIGNMENT_KEYWORDS: readonly string[] = [
  'secret', 'password', 'passwd', 'pwd', 'passphrase', 'pass', 'token', 'key', 'credentials', 'credential',
];
/** After the keyword: an optional suffix (`_VALUE`, `Prod`), an optional closing quote, then `=`, `:`, `:=` or `==`. */
const ASSIGNMENT_TAIL =
  /(?:[_.-]?(?:value|str|string|raw|hex|b64|base64|prod|production|live|dev|staging|base))?["']?[ \t]*(?:={1,3}(?![=>])|:=|:(?![:/\\]))[ \t]*/iy;
const VALUE = /"([^"\\\r\n]{8,1000})"|'([^'\\\r\n]{8,1000})'|`([^`\\\r\n$]{8,1000})`|([^\s"'`,;#]{8,1000})/y;

const FINAL_WORDS = new Set([
  'secret', 'secrets', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'token', 'credential', 'credentials',
  'apikey', 'apitoken', 'accesstoken', 'authtoken', 'secretkey', 'accesskey', 'privatekey', 'clientsecret',
]);
/** Compound final words (`dbpassword`, `APIKEY`, `nextauthsecret`). */
const COMPOUND_ENDINGS = ['apikey', 'secretkey', 'accesskey', 'privatekey', 'token', 'secret', 'password', 'passwd', 'passphrase'];
/** `<qualifier> key`: an API/access/signing key; a plain `key` (React keys, map keys) is not. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'auth', 'encryption', 'signing', 'sign', 'master', 'client', 'app',
  'service', 'license', 'admin', 'webhook', 'session', 'jwt', 'hmac', 'cipher', 'crypto', 'account', 'consumer',
  'server', 'stripe', 'openai', 'anthropic', 'sendgrid', 'resend', 'mailgun', 'twilio', 'sentry', 'vercel', 'supabase',
  'firebase', 'algolia', 'pusher', 'mapbox', 'github', 'slack', 'aws', 'gcp', 'azure', 'cloudflare', 'shopify',
]);
const TRAILING_WORDS = new Set([
  'value', 'str', 'string', 'raw', 'hex', 'b64', 'base64', 'prod', 'production', 'live', 'dev', 'staging', 'base',
]);
/**
 * Names of values that are not credentials: published on purpose (NEXT_PUBLIC_*, publishable
 * and anon keys), derived from one (`hashed_token`, `encrypted_password`), or made up.
 */
const NOT_SECRET_WORDS = new Set([
  'public', 'publishable', 'anon', 'pk', 'hashed', 'hash', 'encrypted', 'masked', 'redacted', 'example', 'sample',
  'dummy', 'fake', 'mock',
]);

const CODE_EXTENSIONS = new Set([
  'js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'vue', 'svelte', 'astro', 'py', 'rb', 'go', 'java', 'kt',
  'kts', 'scala', 'cs', 'c', 'cc', 'cpp', 'h', 'hpp', 'rs', 'php', 'swift', 'm', 'dart', 'lua', 'pl', 'ex', 'exs',
  'clj', 'groovy', 'gradle', 'html', 'htm', 'xml', 'json', 'json5', 'jsonc', 'graphql', 'sql', 'css', 'scss', 'less',
  'map',
]);

export function allowsUnquotedValues(path: string): boolean {
  return !CODE_EXTENSIONS.has(extensionOf(path)) || baseNameOf(path).startsWith('.env');
}

/** A character of a key name as written in env files and configs: identifier characters plus `-` and `.`. */
function isKeyNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 ||
    code === 45 || code === 46 || code === 36
  );
}

/** Whether a name like `STRIPE_SECRET_KEY` or `dbPassword` (but not `tokenType` or `publicKey`) holds a secret. */
export function isSecretName(name: string): boolean {
  const words = wordsOf(name);
  if (words.some((word) => NOT_SECRET_WORDS.has(word))) return false;
  if (words.length > 1 && TRAILING_WORDS.has(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  if (!last) return false;
  if (FINAL_WORDS.has(last)) return true;
  if (last === 'key') return KEY_QUALIFIERS.has(words[words.length - 2] ?? '');
  return COMPOUND_ENDINGS.some((ending) => last.length > ending.length && last.endsWith(ending));
}

/** bcrypt, argon2, scrypt and PBKDF2 hashes in modular crypt format: stored hashes, not credentials. */
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|[156])\$/;
/** `ErrorIdToken`, `resetPasswordToken`: words joined in camel or Pascal case, no digits. */
const CAMEL_CASE_WORDS = /^[A-Za-z][a-z]+(?:[A-Z][a-z]+)+$/;
const FILE_NAME = /^[\w./-]+\.(?:json|ya?ml|pem|key|crt|cer|txt|js|ts|env|p12|pfx|jks|keystore|gpg)$/i;

/** `/run/secrets/db`, `./keys/dev.pem`, `C:\\keys`: where a secret is kept, not the secret (base64 may start with `/` too). */
function isReadablePath(value: string): boolean {
  if (/^[A-Za-z]:\\/.test(value)) return true;
  return /^(?:\.{1,2}|~)?\/[\w.@/-]*$/.test(value) && caseSwitchRatio(value) < 0.3;
}

/** Whether a value assigned to a secret name is a real secret: long, random-looking, not a placeholder. */
export function isHighEntropySecret(value: string): boolean {
  // Credentials are printable ASCII; translated text (`"pass": "ドキュメント…"`) is not.
  if (value.length < 12 || !/^[\x21-\x7e]+$/.test(value) || value.includes('://')) return false;
  if (isReadablePath(value) || FILE_NAME.test(value)) return false;
  if (/^(?:sha(?:1|256|384|512)|md5)[-:]/i.test(value) || PASSWORD_HASH.test(value) || isPlaceholder(value)) return false;
  if (!/[A-Za-z]/.test(value)) return false;
  if (!/[0-9]/.test(value) && (caseSwitchRatio(value) < 0.3 || CAMEL_CASE_WORDS.test(value))) return false;
  return shannonEntropy(value) >= Math.min(3.5, Math.log2(value.length) * 0.8);
}

const AWS_SECRET = /^[A-Za-z0-9/+]{40}$/;
const VERCEL_CLASSIC = /^[A-Za-z0-9]{24}$/;

function classify(name: string, value: string): { rule: string; title: string; rotate: string } | undefined {
  const words = wordsOf(name);
  if (AWS_SECRET.test(value) && words.includes('aws') && words.includes('secret')) {
    if (isPlaceholder(value) || shannonEntropy(value) < 4) return undefined;
    return {
      rule: 'secret/aws-secret-access-key',
      title: 'AWS secret access key',
      rotate: 'deactivate the access key in AWS IAM and use OIDC (aws-actions/configure-aws-credentials) or a repository secret',
    };
  }
  if (VERCEL_CLASSIC.test(value) && words.includes('vercel')) {
    if (!looksRandom(value)) return undefined;
    return { rule: 'secret/vercel-token', title: 'Vercel token', rotate: 'delete it in Vercel (Account settings → Tokens) and use a repository secret' };
  }
  if (!isHighEntropySecret(value)) return undefined;
  return {
    rule: 'secret/generic-assignment',
    title: `High-entropy value of ${name.length <= 40 ? name : `${name.slice(0, 40)}…`}`,
    rotate: 'if it is a real credential, rotate it; then read it from an environment variable or a secret store',
  };
}

/** Where an assignment's parts are: the keyword, the end of the name (suffix included) and the value. */
export interface Assignment {
  keywordStart: number;
  nameEnd: number;
  valueStart: number;
}

/** The secret assigned, if the name holds one and the value is one. */
export function assignedSecret(text: string, assignment: Assignment, unquotedAllowed: boolean): Hit | undefined {
  VALUE.lastIndex = assignment.valueStart;
  const value = VALUE.exec(text);
  if (!value) return undefined;
  const quoted = value[1] ?? value[2] ?? value[3];
  const secret = quoted ?? (unquotedAllowed ? value[4] : undefined);
  if (!secret) return undefined;

  let nameStart = assignment.keywordStart;
  while (nameStart > 0 && isKeyNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  const name = text.slice(nameStart, assignment.nameEnd);
  if (!isSecretName(name)) return undefined;

  // `ErrorIdToken = "ErrorIdToken"`: an enum member or a constant that names itself.
  if (secret.replace(/[_.-]/g, '').toLowerCase() === name.replace(/[_.-]/g, '').toLowerCase()) return undefined;
  const kind = classify(name, secret);
  if (!kind) return undefined;
  return {
    rule: kind.rule,
    severity: 'error',
    message: `${kind.title} ${redactValue(secret)} is committed: ${kind.rotate}.`,
    offset: assignment.valueStart + (quoted === undefined ? 0 : 1),
    length: secret.length,
    secret,
  };
}

/**
 * The assignment hits of one text, fed its keywords in text order (by start, the longer first
 * at the same start). An assignment found hides the keywords up to its value's start, and a
 * hit those up to the end of its value.
 */
export class AssignmentScan {
  readonly hits: Hit[] = [];
  private resumeAt = 0;
  private readonly unquotedAllowed: boolean;

  constructor(
    private readonly text: string,
    path: string,
  ) {
    this.unquotedAllowed = allowsUnquotedValues(path);
  }

  atKeyword(keywordStart: number, keywordEnd: number): void {
    if (keywordStart < this.resumeAt) return;
    ASSIGNMENT_TAIL.lastIndex = keywordEnd;
    const tail = ASSIGNMENT_TAIL.exec(this.text);
    if (!tail) return;
    const valueStart = ASSIGNMENT_TAIL.lastIndex;
    this.resumeAt = valueStart;
    const nameEnd = keywordEnd + tail[0].search(/["' \t=:]/);
    const hit = assignedSecret(this.text, { keywordStart, nameEnd, valueStart }, this.unquotedAllowed);
    if (!hit) return;
    this.hits.push(hit);
    this.resumeAt = hit.offset + hit.length;
  }
}
