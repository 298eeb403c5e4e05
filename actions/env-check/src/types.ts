import { checkJwt, checkStripePublishableKey, checkStripeSecretKey, checkSupabaseAnonKey, checkSupabaseServiceRoleKey } from './keys.js';
import type { Environment, VariableSchema, VariableType } from './schema.js';
import { invalid, ok, plural, type Verdict } from './verdict.js';

/** Checks a (non-empty) value against its type and options; the reason never quotes the value. */
export function checkValue(type: VariableType, options: VariableSchema, value: string, environment: Environment): Verdict {
  return CHECKS[type](value, options, environment);
}

type Check = (value: string, options: VariableSchema, environment: Environment) => Verdict;

const CHECKS: Record<VariableType, Check> = {
  string: checkString,
  url: checkUrl,
  email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(v) ? ok('an email address') : invalid('is not an email address (name@domain.tld)')),
  integer: checkInteger,
  port: (v) => (isInteger(v) && Number(v) >= 1 && Number(v) <= 65535 ? ok('a port') : invalid('is not a port number from 1 to 65535')),
  boolean: (v) => (/^(?:true|false|1|0)$/i.test(v.trim()) ? ok('a boolean') : invalid('is not a boolean: expected true, false, 1 or 0')),
  enum: (v, o) => (o.values!.includes(v) ? ok('an allowed value') : invalid(`is not one of: ${o.values!.join(', ')}`)),
  hex: checkHex,
  base64: checkBase64,
  jwt: (v, o) => checkJwt(v, o.claims),
  'stripe-secret-key': (v, _o, env) => checkStripeSecretKey(v, env),
  'stripe-publishable-key': (v, _o, env) => checkStripePublishableKey(v, env),
  'supabase-anon-key': (v) => checkSupabaseAnonKey(v),
  'supabase-service-role-key': (v) => checkSupabaseServiceRoleKey(v),
};

function checkString(value: string, options: VariableSchema): Verdict {
  const length = [...value].length;
  const min = options['min-length'];
  const max = options['max-length'];
  if (min !== undefined && length < min) return invalid(`is ${plural(length, 'character')}, shorter than min-length ${min}`);
  if (max !== undefined && length > max) return invalid(`is ${plural(length, 'character')}, longer than max-length ${max}`);
  if (options.pattern !== undefined && !new RegExp(options.pattern, 'u').test(value)) return invalid(`does not match the pattern ${options.pattern}`);
  return ok(`${plural(length, 'character')}`);
}

function checkUrl(value: string, options: VariableSchema): Verdict {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid('is not an absolute URL (scheme://host/…)');
  }
  const scheme = url.protocol.replace(/:$/, '');
  const allowed = options.protocols?.map((p) => p.replace(/:$/, ''));
  if (allowed && !allowed.includes(scheme)) return invalid(`is a ${scheme} URL, expected ${allowed.join(' or ')}`);
  return ok(`a URL (${scheme})`);
}

const isInteger = (value: string) => /^-?\d+$/.test(value.trim());

function checkInteger(value: string, options: VariableSchema): Verdict {
  if (!isInteger(value)) return invalid('is not a whole number');
  const n = Number(value);
  if (options.min !== undefined && n < options.min) return invalid(`is less than the minimum ${options.min}`);
  if (options.max !== undefined && n > options.max) return invalid(`is more than the maximum ${options.max}`);
  return ok('a whole number');
}

function checkHex(value: string, options: VariableSchema): Verdict {
  if (!/^[0-9a-fA-F]+$/.test(value)) return invalid('has characters that are not hexadecimal digits (0-9, a-f)');
  if (options.length !== undefined && value.length !== options.length) {
    return invalid(`is ${plural(value.length, 'hex character')}, expected ${options.length}`);
  }
  return ok(`${plural(value.length, 'hex character')}`);
}

/** Standard or URL-safe alphabet, padding optional; `bytes` is the decoded length. */
function checkBase64(value: string, options: VariableSchema): Verdict {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) && !/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return invalid('is not base64 (A-Z, a-z, 0-9, + and / or - and _, = padding)');
  if (value.replace(/=+$/, '').length % 4 === 1) return invalid('is not base64: its length cannot be a whole number of bytes');
  const bytes = Buffer.from(value, 'base64').length;
  if (options.bytes !== undefined && bytes !== options.bytes) return invalid(`decodes to ${plural(bytes, 'byte')}, expected ${options.bytes}`);
  return ok(`base64 of ${plural(bytes, 'byte')}`);
}
