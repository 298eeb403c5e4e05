import { z } from 'zod';
import { configSection, loadConfig } from '../../../packages/shared/src/config.js';

/**
 * The `deploy:` section of .github/deploy-kit.yml: the Vercel project settings to apply with this
 * deployment (ProjectSettings in @vercel/sdk models/responsebodyimages.ts, same names as
 * vercel.json). Sent only when set: Vercel saves a deployment's settings on the project.
 *
 * ```yaml
 * deploy:
 *   projectSettings:
 *     framework: nextjs
 *     buildCommand: pnpm build
 *     nodeVersion: 22.x
 * ```
 */
const command = z.string().min(1).nullable();

export const deployConfigSchema = z
  .object({
    projectSettings: z
      .object({
        buildCommand: command.optional(),
        installCommand: command.optional(),
        devCommand: command.optional(),
        outputDirectory: command.optional(),
        commandForIgnoringBuildStep: command.optional(),
        framework: z.string().regex(/^[a-z0-9-]+$/, 'is not a framework slug such as nextjs').nullable().optional(),
        nodeVersion: z.string().regex(/^\d+\.x$/, 'is not a Node.js major such as 22.x').optional(),
        rootDirectory: z.string().nullable().optional(),
        serverlessFunctionRegion: z.string().nullable().optional(),
        sourceFilesOutsideRootDirectory: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ProjectSettings = NonNullable<z.infer<typeof deployConfigSchema>['projectSettings']>;

/** The `deploy.projectSettings` of the config file; none when the default file does not exist. */
export async function readDeployConfig(path: string, workspace: string): Promise<ProjectSettings> {
  return configSection(await loadConfig(path, workspace), 'deploy', deployConfigSchema).projectSettings ?? {};
}
