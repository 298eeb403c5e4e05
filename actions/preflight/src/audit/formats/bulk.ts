import { z } from 'zod';
import { ghsaOf, toSeverity, worstSeverity, type Vulnerability } from '../model.js';

/**
 * The registry's bulk advisory response (POST /-/npm/v1/security/advisories/bulk, described at
 * https://docs.npmjs.com/cli/commands/npm-audit#audit-endpoints): an object mapping each
 * package name to its advisories `{ id, url, title, severity, vulnerable_versions, cwe, cvss }`.
 * `bun audit --json` prints this response (https://bun.sh/docs/cli/audit). It says nothing
 * about fixed releases.
 */
const advisory = z.looseObject({
  id: z.union([z.number(), z.string()]).optional(),
  url: z.string().optional(),
  title: z.string().optional(),
  severity: z.string(),
  vulnerable_versions: z.string().optional(),
});

export const bulkReportSchema = z.record(z.string(), z.array(advisory));

export function isBulkReport(data: unknown): boolean {
  return bulkReportSchema.safeParse(data).success;
}

export function fromBulkReport(data: unknown): Vulnerability[] {
  return Object.entries(bulkReportSchema.parse(data))
    .filter(([, list]) => list.length > 0)
    .map(([name, list]) => {
      const advisories = list.map((a) => ({
        id: ghsaOf(a.url) ?? (a.id !== undefined ? String(a.id) : undefined),
        title: a.title ?? 'untitled advisory',
        url: a.url,
        severity: toSeverity(a.severity),
        range: a.vulnerable_versions,
      }));
      return { package: name, severity: worstSeverity(advisories), advisories, fix: { kind: 'unknown' as const }, through: [] };
    });
}
