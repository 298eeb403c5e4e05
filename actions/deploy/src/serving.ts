import type { Deployment, Project, VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Check } from '../../../packages/shared/src/report/model.js';

/**
 * The last word before success: production (the project's production target) and every alias
 * are read back and must point at this deployment. Another deployment there means the world
 * moved under the run — a newer deploy took production (said, and a failure unless
 * `if-superseded: warn`), or an older build finished last and took it back (always a failure:
 * production does not run this commit).
 */
export const SUPERSEDED_CHOICES = ['fail', 'warn'] as const;
export type IfSuperseded = (typeof SUPERSEDED_CHOICES)[number];

export interface ServingOutcome {
  /** Absent when there is nothing to read back (a preview without aliases serves at its own URL). */
  check?: Check;
  /** The URL to output: the production domain or first alias when confirmed, the deployment's own when superseded (warn). */
  url?: string;
  failed?: string;
}

interface Place {
  /** "production" or the alias. */
  name: string;
  servingId?: string;
}

export async function confirmServing(
  client: VercelClient,
  project: Project,
  d: Deployment,
  domains: string[],
  options: { production: boolean; ifSuperseded: IfSuperseded; log: Logger },
): Promise<ServingOutcome> {
  const started = performance.now();
  const places = await servingPlaces(client, project, domains, options.production);
  const elsewhere = places.find((p) => p.servingId !== d.id);
  const durationMs = Math.round(performance.now() - started);
  const url = `https://${domains[0] ?? (options.production ? (d.alias?.[0] ?? d.url) : d.url)}`;
  if (places.length === 0) return { url };
  if (!elsewhere) {
    const where = places.map((p) => p.name).join(', ');
    return { url, check: { id: 'serving', title: 'Serving', status: 'pass', summary: `${where} serve${places.length === 1 ? 's' : ''} ${d.id}`, durationMs } };
  }
  const other = elsewhere.servingId ? await client.getDeployment(elsewhere.servingId).catch(() => undefined) : undefined;
  const newer = other?.createdAt !== undefined && d.createdAt !== undefined && other.createdAt > d.createdAt;
  const what = elsewhere.servingId
    ? `${elsewhere.name} serves ${elsewhere.servingId}${other?.createdAt ? ` (created ${new Date(other.createdAt).toISOString()})` : ''}, not ${d.id}`
    : `${elsewhere.name} serves no deployment`;
  if (newer && options.ifSuperseded === 'warn') {
    const message = `Vercel deployment ${d.id} is READY, but a newer deployment took over meanwhile: ${what}. Its own URL is the output.`;
    options.log.warning(message);
    return { url: `https://${d.url}`, check: { id: 'serving', title: 'Serving', status: 'warn', summary: message, durationMs } };
  }
  const failed = newer
    ? `Vercel deployment ${d.id} is READY, but a newer deployment took production meanwhile: ${what}. This run's code is not what serves; nothing was changed back (set 'if-superseded: warn' to accept this).`
    : `Vercel deployment ${d.id} is READY, but ${what}${other ? ', an older deployment' : ''}: another run's build finished after this one and production does not run this commit. Deploy again (with a concurrency group shared by every deploy and rollback), or promote ${d.id}.`;
  return { check: { id: 'serving', title: 'Serving', status: 'fail', summary: failed, durationMs }, failed };
}

async function servingPlaces(client: VercelClient, project: Project, domains: string[], production: boolean): Promise<Place[]> {
  const places: Place[] = [];
  if (production) {
    const now = await client.getProject(project.id);
    places.push({ name: 'production', servingId: now.targets?.['production']?.id });
  }
  for (const alias of domains) places.push({ name: alias, servingId: await client.aliasTarget(alias) });
  return places;
}
