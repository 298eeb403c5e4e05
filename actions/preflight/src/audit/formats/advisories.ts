import { z } from 'zod';
import { ghsaOf, toSeverity, worstSeverity, type Advisory, type Fix, type Vulnerability } from '../model.js';

/**
 * The "advisories" report of the registry's /-/npm/v1/security/audits endpoint, which
 * `pnpm audit --json` prints (pnpm's own type: packages/audit/src/types.ts `AuditReport`,
 * https://pnpm.io/cli/audit), `npm audit --json` printed up to npm 6, and yarn 1 streams one
 * `auditAdvisory` line at a time. Each advisory names its module, severity, title, url,
 * vulnerable and patched versions, and the dependency paths it was found on.
 */
export const advisorySchema = z.looseObject({
  id: z.union([z.number(), z.string()]).optional(),
  module_name: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  severity: z.string().optional(),
  github_advisory_id: z.string().optional(),
  vulnerable_versions: z.string().optional(),
  patched_versions: z.string().optional(),
  findings: z.array(z.looseObject({ paths: z.array(z.string()).default([]) })).default([]),
});

export const advisoriesReportSchema = z.looseObject({ advisories: z.record(z.string(), advisorySchema) });

export type AdvisoryRecord = z.output<typeof advisorySchema>;

export function isAdvisoriesReport(data: unknown): boolean {
  return advisoriesReportSchema.safeParse(data).success;
}

export function fromAdvisoriesReport(data: unknown, fixCommand: string): Vulnerability[] {
  return fromAdvisoryRecords(Object.values(advisoriesReportSchema.parse(data).advisories), fixCommand);
}

/** Groups advisories by package: one vulnerability per package, all its advisories listed. */
export function fromAdvisoryRecords(records: AdvisoryRecord[], fixCommand: string): Vulnerability[] {
  const byPackage = new Map<string, AdvisoryRecord[]>();
  for (const record of records) byPackage.set(record.module_name, [...(byPackage.get(record.module_name) ?? []), record]);
  return [...byPackage].map(([name, list]) => {
    const advisories = list.map(toAdvisory);
    return { package: name, severity: worstSeverity(advisories), advisories, fix: toFix(list, fixCommand), through: through(list) };
  });
}

function toAdvisory(record: AdvisoryRecord): Advisory {
  return {
    id: record.github_advisory_id ?? ghsaOf(record.url) ?? (record.id !== undefined ? String(record.id) : undefined),
    title: record.title ?? 'untitled advisory',
    url: record.url,
    severity: toSeverity(record.severity),
    range: record.vulnerable_versions,
  };
}

/** The registry writes `<0.0.0` as the patched range of an advisory with no fixed release. */
function toFix(list: AdvisoryRecord[], fixCommand: string): Fix {
  const patched = list.map((r) => r.patched_versions?.trim()).filter((p): p is string => Boolean(p));
  if (patched.length === 0 || patched.some((p) => p === '<0.0.0')) return patched.length === 0 ? { kind: 'unknown' } : { kind: 'none' };
  return { kind: 'available', how: `${[...new Set(patched)].join(' and ')} (\`${fixCommand}\`)` };
}

/** Paths read `.>next>postcss` (pnpm) or `next>postcss` (npm 6, yarn 1): the first package is the direct one. */
function through(list: AdvisoryRecord[]): string[] {
  const direct = new Set<string>();
  for (const path of list.flatMap((r) => r.findings.flatMap((f) => f.paths))) {
    const parts = path.split('>').filter((p) => p !== '.');
    if (parts.length > 1 && parts[0]) direct.add(parts[0]);
  }
  return [...direct].sort();
}
