import { z } from 'zod';
import { ghsaOf, toSeverity, worstSeverity, type Advisory, type Fix, type Vulnerability } from '../model.js';

/**
 * `npm audit --json`, npm 7 and later ("auditReportVersion": 2). The shape is what npm's
 * @npmcli/arborist writes (lib/audit-report.js and lib/vuln.js `toJSON`), documented in
 * outline at https://docs.npmjs.com/cli/commands/npm-audit: `vulnerabilities` maps a package
 * name to { name, severity, isDirect, via, effects, range, nodes, fixAvailable }, where `via`
 * holds advisories (objects) or the names of vulnerable dependencies (strings).
 */
const advisory = z.looseObject({
  source: z.union([z.number(), z.string()]).optional(),
  name: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
  severity: z.string().optional(),
  range: z.string().optional(),
});

const entry = z.looseObject({
  name: z.string().optional(),
  severity: z.string().optional(),
  isDirect: z.boolean().optional(),
  via: z.array(z.union([z.string(), advisory])).default([]),
  effects: z.array(z.string()).default([]),
  fixAvailable: z.union([z.boolean(), z.looseObject({ name: z.string(), version: z.string(), isSemVerMajor: z.boolean().optional() })]).optional(),
});

export const npmReportSchema = z.looseObject({
  auditReportVersion: z.number().optional(),
  vulnerabilities: z.record(z.string(), entry),
});

type Entry = z.output<typeof entry>;

export function isNpmReport(data: unknown): boolean {
  return npmReportSchema.safeParse(data).success;
}

export function fromNpmReport(data: unknown): Vulnerability[] {
  const { vulnerabilities } = npmReportSchema.parse(data);
  const result: Vulnerability[] = [];
  for (const [name, vuln] of Object.entries(vulnerabilities)) {
    const advisories = vuln.via.filter((v) => typeof v === 'object').map(toAdvisory);
    // Entries whose `via` only names other packages are effects of those; they are reported there.
    if (advisories.length === 0) continue;
    result.push({
      package: vuln.name ?? name,
      severity: vuln.severity ? toSeverity(vuln.severity) : worstSeverity(advisories),
      advisories,
      fix: toFix(vuln.fixAvailable),
      through: vuln.isDirect ? [] : directDependents(name, vulnerabilities),
    });
  }
  return result;
}

function toAdvisory(via: z.output<typeof advisory>): Advisory {
  return {
    id: ghsaOf(via.url) ?? (via.source !== undefined ? String(via.source) : undefined),
    title: via.title ?? 'untitled advisory',
    url: via.url,
    severity: toSeverity(via.severity),
    range: via.range,
  };
}

function toFix(fix: Entry['fixAvailable']): Fix {
  if (fix === true) return { kind: 'available', how: '`npm audit fix`' };
  if (fix && typeof fix === 'object') {
    return fix.isSemVerMajor
      ? { kind: 'available', how: `${fix.name}@${fix.version}, a major upgrade (\`npm audit fix --force\`)` }
      : { kind: 'available', how: `${fix.name}@${fix.version} (\`npm audit fix\`)` };
  }
  return fix === false ? { kind: 'none' } : { kind: 'unknown' };
}

/** The direct dependencies whose trees hold `name`, following `effects` upwards. */
function directDependents(name: string, all: Record<string, Entry>): string[] {
  const direct = new Set<string>();
  const seen = new Set([name]);
  const queue = [...(all[name]?.effects ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (all[next]?.isDirect) direct.add(next);
    queue.push(...(all[next]?.effects ?? []));
  }
  return [...direct].sort();
}
