import type { Release, SentryClient } from '../../../packages/shared/src/clients/sentry.js';
import type { CheckOutcome } from '../../../packages/shared/src/report/model.js';

/**
 * The release itself: created for the projects, or reused when it exists (Sentry answers 208),
 * and finalized (dateReleased) once, so a re-run does not move the release date.
 */
export async function ensureRelease(client: SentryClient, org: string, version: string, projects: string[]): Promise<{ release: Release; outcome: CheckOutcome }> {
  const { release, existed } = await client.createRelease(org, { version, projects });
  const summary = existed ? `Release ${version} already existed for ${projects.join(', ')}: reused.` : `Created release ${version} for ${projects.join(', ')}.`;
  return { release, outcome: { status: 'pass', summary } };
}

export async function finalizeRelease(client: SentryClient, org: string, release: Release): Promise<CheckOutcome> {
  if (release.dateReleased) return { status: 'pass', summary: `Already released on ${release.dateReleased}: left as it was.` };
  const dateReleased = new Date().toISOString();
  await client.updateRelease(org, release.version, { dateReleased });
  return { status: 'pass', summary: `Released on ${dateReleased}.` };
}

/** The release's page in Sentry. */
export function releaseUrl(sentryUrl: string, org: string, version: string): string {
  return `${sentryUrl.replace(/\/+$/, '')}/organizations/${encodeURIComponent(org)}/releases/${encodeURIComponent(version)}/`;
}
