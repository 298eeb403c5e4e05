import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { applicableVariables, readableValue, vercelClientFor } from '../../../../packages/shared/src/clients/vercel.js';
import { ConfigurationError } from '../../../../packages/shared/src/errors.js';
import { isInside, readSmallFile } from '../../../../packages/shared/src/paths.js';
import type { Logger } from '../../../../packages/shared/src/logger.js';
import type { Report } from '../../../../packages/shared/src/report/model.js';
import { registerSecret } from '../../../../packages/shared/src/secrets.js';
import { isSecretName } from '../scan/assignments.js';
import { parseDotenv } from '../../../../packages/shared/src/dotenv.js';

/**
 * The environment the project's commands run with: the Vercel project's variables for the
 * target environment (the `vercel pull` equivalent), then the `env-file` files in order, then
 * the step's own environment, each overriding the one before. Every value is registered as a
 * secret the moment it is read, so no log line, report or output shows it.
 */
export interface VercelPull {
  token: string;
  projectId: string;
  orgId?: string;
  apiUrl?: string;
  environment: 'production' | 'preview' | 'development';
  /** The branch a preview is built from, for branch-scoped preview values. */
  branch?: string;
}

export interface CommandEnvironment {
  /** What the commands get (the step's environment included). */
  env: NodeJS.ProcessEnv;
  /** Names added on top of the step's environment, by where they came from: for the report. */
  added: { source: string; names: string[] }[];
  /** Sensitive Vercel variables: listed, never readable through the API. */
  unreadable: string[];
}

/** dotenv files are small; a larger one is not a dotenv file. */
const MAX_ENV_FILE_BYTES = 1024 * 1024;

export async function commandEnvironment(
  options: { workdir: string; workspace: string; envFiles: string[]; vercel?: VercelPull },
  log: Logger,
): Promise<CommandEnvironment> {
  if (options.envFiles.length === 0 && !options.vercel) return { env: process.env, added: [], unreadable: [] };
  const layers: { source: string; vars: Map<string, string> }[] = [];
  let unreadable: string[] = [];
  if (options.vercel) {
    const pulled = await pullVercelEnv(options.vercel, log);
    layers.push({ source: `Vercel project ${options.vercel.projectId} (${options.vercel.environment})`, vars: pulled.vars });
    unreadable = pulled.unreadable;
  }
  for (const file of options.envFiles) layers.push({ source: file, vars: await readEnvFile(file, options.workdir, options.workspace) });

  const merged: NodeJS.ProcessEnv = {};
  for (const { vars } of layers) for (const [key, value] of vars) merged[key] = value;
  const env = { ...merged, ...process.env };
  const added = layers
    .map(({ source, vars }) => ({ source, names: [...vars.keys()].filter((k) => process.env[k] === undefined).sort() }))
    .filter((layer) => layer.names.length > 0);
  return { env, added, unreadable };
}

/** Says in the log and the report which variables came from where (names only, never values). */
export function describeEnvironment(environment: CommandEnvironment, report: Report, log: Logger): void {
  const lines = environment.added.map(({ source, names }) => `${names.length} from ${source}: ${names.join(', ')}`);
  if (environment.unreadable.length > 0) {
    lines.push(`Not readable through Vercel's API (sensitive, legacy secret or system variables): ${environment.unreadable.join(', ')}: pass them with env-file or the step's env: from repository secrets.`);
  }
  if (lines.length === 0) return;
  for (const line of lines) log.info(`Command environment: ${line}`);
  report.addNote(`Command environment (values masked): ${lines.join('; ')}.`);
}

/**
 * Reads one `env-file` entry, resolved against the working directory and kept inside the
 * workspace with links followed (a link to a folder out of the repository counts too); read with
 * the shared bounded reader, which refuses a FIFO or a device.
 */
async function readEnvFile(path: string, workdir: string, workspace: string): Promise<Map<string, string>> {
  const full = resolve(workdir, path);
  const fail = (problem: string): never => {
    throw new ConfigurationError(
      `Input 'env-file' ${JSON.stringify(path)} ${problem}: expected dotenv files (KEY=value lines) inside the repository, relative to working-directory, e.g. .env.ci written from secrets in an earlier step.`,
      'env-file',
    );
  };
  if (!isInside(resolve(workspace), full)) fail('is outside the repository');
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    return fail(`does not exist (${full})`);
  }
  if (!isInside(realpathSync(workspace), real)) fail('is a symbolic link out of the repository');
  let text: string;
  try {
    text = await readSmallFile(real, MAX_ENV_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'EFBIG' ? 'is over the 1 MiB a dotenv file may have' : code === 'ENOTFILE' || code === 'EISDIR' ? 'is not a file' : `cannot be read (${code ?? 'error'})`);
  }
  const vars = new Map([...parseDotenv(text).values].map(([key, entry]) => [key, entry.value]));
  for (const [key, value] of vars) maskValue(key, value);
  return vars;
}

/**
 * Every value that could be a secret is masked: all of 8 characters or more, and shorter ones
 * under a secret name. Masking `true` or `3000` would blank those words out of every log line.
 */
function maskValue(key: string, value: string): void {
  if (value.length >= 8 || isSecretName(key)) registerSecret(value);
}

async function pullVercelEnv(pull: VercelPull, log: Logger): Promise<{ vars: Map<string, string>; unreadable: string[] }> {
  const client = vercelClientFor({ token: pull.token, orgId: pull.orgId, apiUrl: pull.apiUrl }, log);
  const applicable = applicableVariables(await client.listProjectEnv(pull.projectId), pull.environment, pull.branch);
  const vars = new Map<string, string>();
  const unreadable: string[] = [];
  for (const variable of applicable.values()) {
    const value = readableValue(variable);
    if (value === undefined) {
      unreadable.push(variable.key);
      continue;
    }
    maskValue(variable.key, value);
    vars.set(variable.key, value);
  }
  log.info(`Pulled ${vars.size} variable(s) of Vercel project ${pull.projectId} for ${pull.environment}${unreadable.length ? `; ${unreadable.length} sensitive one(s) cannot be read back` : ''}.`);
  return { vars, unreadable: unreadable.sort() };
}
