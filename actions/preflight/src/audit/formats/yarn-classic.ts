import { z } from 'zod';
import type { Vulnerability } from '../model.js';
import { advisorySchema, fromAdvisoryRecords, type AdvisoryRecord } from './advisories.js';

/**
 * `yarn audit --json` (yarn 1) writes NDJSON: `{"type":"auditAdvisory","data":{"resolution":
 * {"id","path","dev",…},"advisory":{…}}}` once per advisory and path, then one `auditSummary`
 * line (https://classic.yarnpkg.com/en/docs/cli/audit; the advisory is the registry's, as in
 * advisories.ts). Lines of other types (info, auditAction) carry no findings.
 */
const advisoryLine = z.looseObject({
  type: z.literal('auditAdvisory'),
  data: z.looseObject({ resolution: z.looseObject({ path: z.string().optional() }).optional(), advisory: advisorySchema }),
});

export function isYarnClassicReport(lines: unknown[]): boolean {
  return lines.some((line) => {
    const type = (line as { type?: unknown } | null)?.type;
    return type === 'auditAdvisory' || type === 'auditSummary';
  });
}

export function fromYarnClassicReport(lines: unknown[]): Vulnerability[] {
  const byId = new Map<string, AdvisoryRecord>();
  for (const line of lines) {
    const parsed = advisoryLine.safeParse(line);
    if (!parsed.success) continue;
    const { advisory, resolution } = parsed.data.data;
    const key = String(advisory.id ?? `${advisory.module_name}:${advisory.title}`);
    const known = byId.get(key) ?? { ...advisory, findings: [] };
    // One line per dependency path: gather the paths on one advisory.
    if (resolution?.path) known.findings.push({ paths: [resolution.path] });
    byId.set(key, known);
  }
  return fromAdvisoryRecords([...byId.values()], 'yarn upgrade');
}
