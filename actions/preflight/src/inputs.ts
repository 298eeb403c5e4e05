import { DEFAULT_VERCEL_API, vercelOrgId, vercelProjectId, vercelToken } from '../../../packages/shared/src/clients/vercel/inputs.js';
import { checkedText, choice, configFile, custom, type InputsOf, list, type ListItem, text, token, url } from '../../../packages/shared/src/inputs.js';
import { CHECK_IDS, isCheckId } from './checks.js';

/**
 * preflight's inputs, kebab-case as in preflight/action.yml. The policy inputs (checks,
 * install, console-allow, todo-policy, audit-*, fail-on) have no default here on purpose:
 * an input left empty falls back to the config file's `preflight:` section, then to the
 * built-in default in settings.ts — so "inputs override the file" holds.
 */
export const CONSOLE_METHODS = [
  'assert', 'clear', 'count', 'countReset', 'debug', 'dir', 'dirxml', 'error', 'group', 'groupCollapsed', 'groupEnd',
  'info', 'log', 'profile', 'profileEnd', 'table', 'time', 'timeEnd', 'timeLog', 'timeStamp', 'trace', 'warn',
] as const;

export const TODO_POLICIES = ['off', 'warn', 'fail', 'require-issue'] as const;
export const AUDIT_LEVELS = ['low', 'moderate', 'high', 'critical', 'none'] as const;
export const AUDIT_UNAVAILABLE = ['warn', 'fail'] as const;
export const FAIL_ON = ['error', 'warning'] as const;
export const INSTALL_MODES = ['auto', 'true', 'false'] as const;
export const VERCEL_ENVIRONMENTS = ['production', 'preview', 'development'] as const;
export const BOOLEANS = ['true', 'false'] as const;

const envFileItem: ListItem = {
  parse: checkedText([[(v) => !v.includes('\0'), 'is not a path']]),
  expected: 'dotenv file paths relative to working-directory, e.g. .env.ci',
};

const DEFAULT_CHECK_NAME = 'deploy-kit preflight';

const checkItem: ListItem = {
  parse: checkedText([[(v) => v === 'all' || isCheckId(v), 'is not a check']]),
  expected: `check ids (${CHECK_IDS.join(', ')}) or all`,
};

const requiredItem: ListItem = {
  parse: checkedText([[isCheckId, 'is not a check']]),
  expected: `check ids (${CHECK_IDS.join(', ')})`,
};

const consoleItem: ListItem = {
  parse: checkedText([[(v) => (CONSOLE_METHODS as readonly string[]).includes(v), 'is not a console method']]),
  expected: 'console methods (error, warn, info, debug, log, …)',
};

/** One line, so it reads as a name in the pull request's checks list. */
const checkName = custom(
  checkedText([
    [(v) => !/[\r\n]/.test(v), 'spans several lines'],
    [(v) => v.length <= 100, 'is longer than 100 characters'],
  ]),
  'a one-line check run name of at most 100 characters',
  { default: DEFAULT_CHECK_NAME },
);

export const preflightInputs = {
  'working-directory': text({ default: '.' }, 'a directory of the repository, e.g. apps/web'),
  checks: list({}, checkItem),
  'required-checks': list({}, requiredItem),
  install: choice(INSTALL_MODES),
  'console-allow': list({}, consoleItem),
  'todo-policy': choice(TODO_POLICIES),
  'audit-level': choice(AUDIT_LEVELS),
  'audit-unavailable': choice(AUDIT_UNAVAILABLE),
  'check-name': checkName,
  'fail-on': choice(FAIL_ON),
  'github-token': token('a GitHub token, e.g. ${{ github.token }}'),
  'env-file': list({}, envFileItem),
  'vercel-token': vercelToken(),
  'vercel-org-id': vercelOrgId(),
  'vercel-project-id': vercelProjectId(),
  environment: choice(VERCEL_ENVIRONMENTS, { default: 'preview' }),
  'api-url': url({ default: DEFAULT_VERCEL_API }),
  'scan-history': choice(BOOLEANS),
  config: configFile(),
};

export type PreflightInputs = InputsOf<typeof preflightInputs>;
