import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../../errors.js';

/**
 * Which Vercel account a request acts on. `vercel-org-id` (the `orgId` of
 * `.vercel/project.json`) is a team id (`team_…`) or the id of a personal account. Only a team
 * id goes in the `teamId` query parameter; a personal account is the token's own scope and takes
 * none — the rule the Vercel CLI applies (`orgId.startsWith('team_')`, packages/cli getOrgById,
 * https://github.com/vercel/vercel).
 */
export interface VercelScope {
  /** The id as the user gave it, for messages. */
  orgId?: string;
  /** Set for a team, sent as `?teamId=` (https://vercel.com/docs/rest-api#authentication). */
  teamId?: string;
}

export function scopeOf(orgId: string | undefined): VercelScope {
  if (!orgId) return {};
  return orgId.startsWith('team_') ? { orgId, teamId: orgId } : { orgId };
}

/** How a scope reads in a message: "team team_abc" or "the token's personal account". */
export function describeScope(scope: VercelScope): string {
  if (scope.teamId) return `team ${scope.teamId}`;
  return scope.orgId ? `personal account ${scope.orgId}` : "the token's personal account";
}

/** `.vercel/project.json`, written by `vercel link`: `{ projectId, orgId }`. */
export interface ProjectLink {
  projectId?: string;
  orgId?: string;
  path: string;
}

/** Reads `.vercel/project.json` in `dir`; undefined when there is none. */
export async function readProjectLink(dir: string): Promise<ProjectLink | undefined> {
  const path = join(dir, '.vercel', 'project.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { projectId?: unknown; orgId?: unknown };
    return {
      path,
      projectId: typeof data.projectId === 'string' && data.projectId ? data.projectId : undefined,
      orgId: typeof data.orgId === 'string' && data.orgId ? data.orgId : undefined,
    };
  } catch {
    throw new ConfigurationError(
      `${path} is not valid JSON: run \`vercel link\` again, or delete it and set the 'vercel-project-id' and 'vercel-org-id' inputs.`,
      'vercel-project-id',
    );
  }
}
