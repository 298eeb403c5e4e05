import { relative, resolve, sep } from 'node:path';
import { configSection, type LoadedConfig } from '../../../packages/shared/src/config.js';
import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import { readWorkspaceFile, workspaceDirectory } from '../../../packages/shared/src/workspace-files.js';
import { parseDotenv, type DotenvFile } from '../../../packages/shared/src/dotenv.js';
import type { Located } from './file-findings.js';
import { envCheckInputs, type EnvCheckInputs } from './inputs.js';
import { envConfigSchema, type EnvConfig } from './schema.js';

/**
 * What a run checks, resolved from the inputs and the config file: the working directory, the
 * `env:` schema, the example file (optional at its default path) and, for `source: dotenv`, the
 * env file. Paths resolve inside the repository; a file the user named must exist.
 */
export interface EnvCheckSettings {
  workdir: string;
  config: LoadedConfig;
  schema: EnvConfig;
  example?: Located;
  envFile?: Located;
}

export async function resolveSettings(inputs: EnvCheckInputs, workspace: string, config: LoadedConfig): Promise<EnvCheckSettings> {
  const workdir = await workspaceDirectory(workspace, { input: 'working-directory', value: inputs['working-directory'], expected: envCheckInputs['working-directory'].expected });
  const schema = configSection(config, 'env', envConfigSchema);
  const example = await readDotenv(workspace, workdir, 'example-file', inputs['example-file'], inputs['example-file'] !== envCheckInputs['example-file'].default);
  const envFile = inputs.source === 'dotenv' ? await readDotenv(workspace, workdir, 'env-file', requireEnvFile(inputs), true) : undefined;
  if (!example && Object.keys(schema.variables ?? {}).length === 0) {
    throw new ConfigurationError(
      `Nothing to check: there is no ${inputs['example-file']} in '${inputs['working-directory']}' and no env.variables in ${config.path}. ` +
        "Commit a .env.example listing the variable names (or set 'example-file'), or declare them under env.variables.",
      'example-file',
    );
  }
  return { workdir, config, schema, example, envFile };
}

function requireEnvFile(inputs: EnvCheckInputs): string {
  const file = inputs['env-file'];
  if (file) return file;
  throw new ConfigurationError(`Input 'env-file' is required with source 'dotenv': expected ${envCheckInputs['env-file'].expected}.`, 'env-file');
}

async function readDotenv(workspace: string, workdir: string, input: string, value: string, mustExist: boolean): Promise<Located | undefined> {
  const expected = envCheckInputs[input as 'env-file'].expected;
  const text = await readWorkspaceFile(workspace, workdir, { input, value, expected });
  if (text === undefined) {
    if (!mustExist) return undefined;
    throw new ConfigurationError(`Input '${input}' ${JSON.stringify(value)} does not exist in '${relative(workspace, workdir) || '.'}': expected ${expected}.`, input);
  }
  const file: DotenvFile = parseDotenv(text);
  const path = relative(workspace, resolve(workdir, value)).split(sep).join('/');
  return { path, file };
}
