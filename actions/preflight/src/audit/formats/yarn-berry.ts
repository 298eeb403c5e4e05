import { z } from 'zod';
import { ghsaOf, toSeverity, worstSeverity, type Advisory, type Vulnerability } from '../model.js';

/**
 * `yarn npm audit --json` (yarn 2+) writes NDJSON, one line per package and advisory, built by
 * @yarnpkg/plugin-npm-cli (npmAuditUtils `getReportTree`) and printed by
 * @yarnpkg/core treeUtils `emitTree`: `{"value":"lodash","children":{"ID":…,"Issue":"…",
 * "URL":"…","Severity":"high","Vulnerable Versions":"<4.17.21","Tree Versions":["4.17.20"],
 * "Dependents":["app@workspace:."]}}` (https://yarnpkg.com/cli/npm/audit). It does not say
 * whether a fixed release exists.
 */
const line = z.looseObject({
  value: z.string(),
  children: z.looseObject({
    ID: z.union([z.number(), z.string()]).optional(),
    Issue: z.string().optional(),
    URL: z.string().optional(),
    Severity: z.string().optional(),
    'Vulnerable Versions': z.string().optional(),
    Dependents: z.array(z.string()).default([]),
  }),
});

export function isYarnBerryReport(lines: unknown[]): boolean {
  return lines.some((l) => line.safeParse(l).success);
}

export function fromYarnBerryReport(lines: unknown[]): Vulnerability[] {
  const byPackage = new Map<string, { advisories: Advisory[]; dependents: Set<string> }>();
  for (const raw of lines) {
    const parsed = line.safeParse(raw);
    if (!parsed.success) continue;
    const { value, children } = parsed.data;
    const entry = byPackage.get(value) ?? { advisories: [], dependents: new Set<string>() };
    entry.advisories.push({
      id: ghsaOf(children.URL) ?? (children.ID !== undefined ? String(children.ID) : undefined),
      title: children.Issue ?? 'untitled advisory',
      url: children.URL,
      severity: toSeverity(children.Severity),
      range: children['Vulnerable Versions'],
    });
    for (const dependent of children.Dependents) entry.dependents.add(dependent);
    byPackage.set(value, entry);
  }
  return [...byPackage].map(([name, { advisories, dependents }]) => ({
    package: name,
    severity: worstSeverity(advisories),
    advisories,
    fix: { kind: 'unknown' },
    through: directDependents(dependents),
  }));
}

/** Dependents are locators (`next@npm:14.1.0`); a workspace (`app@workspace:.`) means a direct dependency. */
function directDependents(dependents: Set<string>): string[] {
  const names = [...dependents].filter((d) => !d.includes('@workspace:')).map((d) => d.replace(/^(@?[^@]+)@.*$/, '$1'));
  return [...new Set(names)].sort();
}
