/**
 * The user's scan settings, checked and compiled once: exempt globs, allowed console methods,
 * the TODO policy and the allowlist. Mistakes are ConfigurationErrors naming the setting.
 */
import picomatch from 'picomatch';
import { ConfigurationError } from '../../../../packages/shared/src/errors.js';
import type { SourcePolicy, TodoPolicy } from './source-scan.js';

/** Where the allowlist is written, for messages. */
const ALLOWLIST_KEY = 'preflight.secret-allowlist';

export interface SecretAllowEntry {
  rule?: string;
  /** Glob over the path relative to the repository root, e.g. `docs/**`. */
  path?: string;
  /** The secret itself, or `/regex/flags` matched against it. */
  value?: string;
}

export interface PolicyOptions {
  consoleAllow: string[];
  todoPolicy: TodoPolicy;
  exempt: string[];
  allowlist: SecretAllowEntry[];
}

export interface ScanPolicy extends SourcePolicy {
  isExempt(path: string): boolean;
  /** Whether an allowlist entry silences this finding. */
  isAllowed(rule: string, path: string, secret: string | undefined): boolean;
}

const GLOB_OPTIONS = { dot: true };

type Test = (text: string) => boolean;
interface CompiledEntry {
  rule?: Test;
  path?: Test;
  value?: Test;
}

function compileValue(value: string, index: number): Test {
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(value);
  if (!literal) return (secret) => secret === value;
  try {
    const pattern = new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, ''));
    return (secret) => pattern.test(secret);
  } catch (error) {
    // V8 quotes the pattern in its message; keep only the reason, the pattern may hold a secret.
    const reason = (error as Error).message.split(': ').pop();
    throw new ConfigurationError(
      `${ALLOWLIST_KEY} entry ${index + 1} in the config file: its value is not a valid regular expression (${reason}): fix the /pattern/, or write the exact value without slashes.`,
      ALLOWLIST_KEY,
    );
  }
}

function compileEntry(entry: SecretAllowEntry, index: number): CompiledEntry {
  if (!entry.rule && !entry.path && !entry.value) {
    throw new ConfigurationError(
      `${ALLOWLIST_KEY} entry ${index + 1} in the config file has no rule, path or value, so it would silence every finding: give it at least one of them.`,
      ALLOWLIST_KEY,
    );
  }
  return {
    rule: entry.rule ? picomatch(entry.rule) : undefined,
    path: entry.path ? picomatch(entry.path, GLOB_OPTIONS) : undefined,
    value: entry.value ? compileValue(entry.value, index) : undefined,
  };
}

export function compilePolicy(options: PolicyOptions): ScanPolicy {
  const entries = options.allowlist.map(compileEntry);
  const exempt = options.exempt.length > 0 ? picomatch(options.exempt, GLOB_OPTIONS) : () => false;
  return {
    consoleAllow: new Set(options.consoleAllow.map((method) => method.trim()).filter(Boolean)),
    todoPolicy: options.todoPolicy,
    isExempt: (path) => exempt(path),
    isAllowed: (rule, path, secret) =>
      entries.some(
        (entry) =>
          (!entry.rule || entry.rule(rule)) &&
          (!entry.path || entry.path(path)) &&
          (!entry.value || (secret !== undefined && entry.value(secret))),
      ),
  };
}
