import type { Deployment, Project } from '../../../packages/shared/src/clients/vercel.js';

/**
 * The URL the smoke checks run against: the `url` input, else production's own domain — a custom
 * domain when the project has one (what users reach), else its *.vercel.app alias, else the
 * deployment's unique URL. Aliases come from the production target and the deployments involved.
 */
export function productionUrl(given: string | undefined, project: Project, ...deployments: (Deployment | undefined)[]): string {
  if (given) return given;
  const aliases = [project.targets?.['production']?.alias, ...deployments.map((d) => d?.alias)].flatMap((a) => a ?? []);
  const host = aliases.find((a) => !a.endsWith('.vercel.app')) ?? aliases[0] ?? deployments.find((d) => d !== undefined)?.url;
  return `https://${host}`;
}
