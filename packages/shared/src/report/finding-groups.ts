import { compareSeverity, type Finding, type Severity } from './model.js';

/**
 * Findings with the same rule and message are one problem in several places: they are shown as
 * one row listing the places, most severe and most frequent first.
 */
export interface FindingGroup {
  severity: Severity;
  rule: string;
  message: string;
  findings: Finding[];
}

export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const key = `${finding.severity}\u0000${finding.rule}\u0000${finding.message}`;
    let group = groups.get(key);
    if (!group) {
      group = { severity: finding.severity, rule: finding.rule, message: finding.message, findings: [] };
      groups.set(key, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()].sort(
    (a, b) => compareSeverity(a.severity, b.severity) || b.findings.length - a.findings.length || a.rule.localeCompare(b.rule),
  );
}

/** Where links to files point: the repository's files at the commit that was checked. */
export interface SourceLinks {
  serverUrl: string;
  repository: string;
  sha: string;
}

/** `https://github.com/{owner}/{repo}/blob/{sha}/{path}#L{line}` (GitHub's permalink form). */
export function fileUrl(links: SourceLinks, finding: Finding): string | undefined {
  if (!finding.file) return undefined;
  const path = finding.file.split('/').map(encodeURIComponent).join('/');
  const line = finding.line ? `#L${finding.line}${finding.endLine && finding.endLine > finding.line ? `-L${finding.endLine}` : ''}` : '';
  return `${links.serverUrl.replace(/\/$/, '')}/${links.repository}/blob/${links.sha}/${path}${line}`;
}

export function placeText(finding: Finding): string {
  return finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : '';
}
