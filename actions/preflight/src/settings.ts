import { statSync } from 'node:fs';
import type { LoadedConfig } from '../../../packages/shared/src/config.js';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import { resolveInWorkspace } from '../../../packages/shared/src/paths.js';
import { expandChecks, isCheckId, type CheckId, type ScriptCheckId } from './checks.js';
import { preflightConfig, type PreflightConfig } from './config.js';
import type { PreflightInputs } from './inputs.js';
import type { VercelPull } from './environment/index.js';
import { readProjectLink } from '../../../packages/shared/src/clients/vercel.js';
import { readRunContext } from '../../../packages/shared/src/github/context.js';
import type { SecretAllowEntry, TodoPolicy } from './scan/index.js';
import { compilePolicy } from './scan/policy.js';

/** Everything one preflight run is told to do, with inputs over the config file over defaults. */
export interface Settings {
  /** The repository root (GITHUB_WORKSPACE). */
  workspace: string;
  /** Where package.json and the commands are: `working-directory` resolved against the workspace. */
  workdir: string;
  checks: CheckId[];
  required: Set<CheckId>;
  install: 'auto' | 'true' | 'false';
  consoleAllow: string[];
  todoPolicy: TodoPolicy;
  auditLevel: 'low' | 'moderate' | 'high' | 'critical' | 'none';
  auditUnavailable: 'warn' | 'fail';
  failOn: 'error' | 'warning';
  checkName: string;
  token?: string;
  /** package.json script names tried for each check; `configured` when the file named them. */
  scripts: Record<ScriptCheckId, { names: string[]; configured: boolean }>;
  exempt: string[];
  allowlist: SecretAllowEntry[];
  auditIgnore: string[];
  auditDevDependencies: boolean;
  envFilesAllow: string[];
  /** `env-file`: dotenv files loaded into the commands' environment. */
  envFiles: string[];
  /** Pull the Vercel project's variables for the commands (set when vercel-token is). */
  vercel?: VercelPull;
  /** Also scan the lines each commit of the event's range added. */
  scanHistory: boolean;
}

/** The defaults, as the README and action.yml descriptions state them. */
export const DEFAULTS = {
  checks: ['all'],
  requiredChecks: [] as CheckId[],
  install: 'auto',
  consoleAllow: ['error', 'warn'],
  todoPolicy: 'warn',
  auditLevel: 'high',
  auditUnavailable: 'warn',
  failOn: 'error',
} as const;

/** Common names for each check's script, tried in order (the first one package.json has runs). */
export const DEFAULT_SCRIPTS: Record<ScriptCheckId, string[]> = {
  lint: ['lint'],
  'type-check': ['type-check', 'typecheck', 'check-types', 'types:check', 'tsc'],
  build: ['build'],
  test: ['test'],
};

export async function resolveSettings(inputs: PreflightInputs, workspace: string, file: LoadedConfig): Promise<Settings> {
  const workdir = workingDirectory(inputs['working-directory'], workspace);
  const config = preflightConfig(file);
  const checks = expandChecks(inputs.checks ?? config.checks ?? [...DEFAULTS.checks]);
  const required = (inputs['required-checks'] ?? config['required-checks'] ?? DEFAULTS.requiredChecks).filter(isCheckId);
  requireRunnable(required, checks, inputs['required-checks'] !== undefined);
  const settings: Settings = {
    workspace,
    workdir,
    checks,
    required: new Set(required),
    install: inputs.install ?? config.install ?? DEFAULTS.install,
    consoleAllow: inputs['console-allow'] ?? config['console-allow'] ?? [...DEFAULTS.consoleAllow],
    todoPolicy: inputs['todo-policy'] ?? config['todo-policy'] ?? DEFAULTS.todoPolicy,
    auditLevel: inputs['audit-level'] ?? config['audit-level'] ?? DEFAULTS.auditLevel,
    auditUnavailable: inputs['audit-unavailable'] ?? config['audit-unavailable'] ?? DEFAULTS.auditUnavailable,
    failOn: inputs['fail-on'] ?? config['fail-on'] ?? DEFAULTS.failOn,
    checkName: inputs['check-name'],
    token: inputs['github-token'],
    scripts: scriptNames(config),
    exempt: config.exempt ?? [],
    allowlist: config['secret-allowlist'] ?? [],
    auditIgnore: config['audit-ignore'] ?? [],
    auditDevDependencies: config['audit-dev-dependencies'] ?? false,
    envFilesAllow: config['env-files-allow'] ?? [],
    envFiles: inputs['env-file'] ?? [],
    vercel: await vercelPull(inputs, workdir),
    scanHistory: (inputs['scan-history'] ?? (process.env['GITHUB_ACTIONS'] === 'true' ? 'true' : 'false')) === 'true',
  };
  // A bad allowlist pattern stops the run now, not after a ten-minute build.
  if (checks.includes('scan')) compilePolicy(settings);
  return settings;
}

/** The file is read from the workspace and named in messages as the input spells it. A missing default file is an empty config. */

function workingDirectory(input: string, workspace: string): string {
  const dir = resolveInWorkspace(workspace, input, { input: 'working-directory', expected: 'a directory of the repository, e.g. apps/web' });
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new ConfigurationError(
      `Input 'working-directory' ${JSON.stringify(input)} is not a directory of the repository (${dir}): expected a directory of the repository, e.g. apps/web.`,
      'working-directory',
    );
  }
  return dir;
}

function requireRunnable(required: readonly CheckId[], checks: readonly CheckId[], fromInput: boolean): void {
  const missing = required.filter((id) => !checks.includes(id));
  if (missing.length === 0) return;
  const where = fromInput ? "Input 'required-checks'" : 'preflight.required-checks in the config file';
  throw new ConfigurationError(
    `${where} lists ${missing.join(', ')}, which 'checks' does not run: add ${missing.length === 1 ? 'it' : 'them'} to 'checks' or remove ${missing.length === 1 ? 'it' : 'them'} from 'required-checks'.`,
    'required-checks',
  );
}

function scriptNames(config: PreflightConfig): Settings['scripts'] {
  const configured = config.scripts ?? {};
  const entry = (id: ScriptCheckId) => ({ names: configured[id] ?? DEFAULT_SCRIPTS[id], configured: configured[id] !== undefined });
  return { lint: entry('lint'), 'type-check': entry('type-check'), build: entry('build'), test: entry('test') };
}

/** The `vercel pull` inputs: on when vercel-token is set; the project from the input or .vercel/project.json. */
async function vercelPull(inputs: PreflightInputs, workdir: string): Promise<VercelPull | undefined> {
  const token = inputs['vercel-token'];
  if (!token) return undefined;
  const link = await readProjectLink(workdir);
  const projectId = inputs['vercel-project-id'] ?? link?.projectId;
  if (!projectId) {
    throw new ConfigurationError(
      "Input 'vercel-token' is set but no project is named: set 'vercel-project-id' (the projectId of .vercel/project.json) or commit .vercel/project.json, or remove vercel-token to skip pulling the project's variables.",
      'vercel-project-id',
    );
  }
  return {
    token,
    projectId,
    orgId: inputs['vercel-org-id'] ?? link?.orgId,
    apiUrl: inputs['api-url'],
    environment: inputs.environment,
    branch: readRunContext().branch,
  };
}
