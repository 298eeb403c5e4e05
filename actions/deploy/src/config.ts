import { z } from 'zod';
import { configSection, type LoadedConfig } from '../../../packages/shared/src/config.js';

/**
 * The `deploy:` section of .github/deploy-kit.yml: the Vercel project settings to apply with this
 * deployment (ProjectSettings in @vercel/sdk models/responsebodyimages.ts). Keys are kebab-case
 * like every config key; the camelCase names of vercel.json (`projectSettings`, `buildCommand`)
 * are still accepted with a deprecation warning. Sent, in the API's camelCase, only when set:
 * Vercel saves a deployment's settings on the project.
 *
 * ```yaml
 * deploy:
 *   project-settings:
 *     framework: nextjs
 *     build-command: pnpm build
 *     node-version: 22.x
 * ```
 */
const command = z.string().min(1).nullable();

/** kebab-case key → the API's camelCase name. */
const camel = (key: string) => key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

const projectSettings = z
  .object({
    'build-command': command.optional(),
    'install-command': command.optional(),
    'dev-command': command.optional(),
    'output-directory': command.optional(),
    'command-for-ignoring-build-step': command.optional(),
    framework: z.string().regex(/^[a-z0-9-]+$/, 'is not a framework slug such as nextjs').nullable().optional(),
    'node-version': z.string().regex(/^\d+\.x$/, 'is not a Node.js major such as 22.x').optional(),
    'root-directory': z.string().nullable().optional(),
    'serverless-function-region': z.string().nullable().optional(),
    'source-files-outside-root-directory': z.boolean().optional(),
  })
  .strict()
  .transform((settings) => Object.fromEntries(Object.entries(settings).map(([key, value]) => [camel(key), value])) as ApiProjectSettings);

/** The settings as the Vercel API names them. */
export type ApiProjectSettings = {
  buildCommand?: string | null;
  installCommand?: string | null;
  devCommand?: string | null;
  outputDirectory?: string | null;
  commandForIgnoringBuildStep?: string | null;
  framework?: string | null;
  nodeVersion?: string;
  rootDirectory?: string | null;
  serverlessFunctionRegion?: string | null;
  sourceFilesOutsideRootDirectory?: boolean;
};

export const deployConfigSchema = z
  .object({
    'project-settings': projectSettings.optional(),
  })
  .strict();

export type ProjectSettings = ApiProjectSettings;

/** The `deploy.project-settings` of the config file; none when the default file does not exist. */
export function readDeployConfig(config: LoadedConfig): ProjectSettings {
  return configSection(config, 'deploy', deployConfigSchema)['project-settings'] ?? {};
}
