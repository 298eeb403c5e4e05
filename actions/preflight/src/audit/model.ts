/**
 * One shape for every package manager's audit report: the vulnerable packages, each with
 * its advisories and whether a fix exists — or why there is no report.
 */
export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type AuditSeverity = (typeof SEVERITIES)[number];

export interface Advisory {
  /** GHSA-… when the advisory has one, else the registry's id. */
  id?: string;
  title: string;
  url?: string;
  severity: AuditSeverity;
  /** Vulnerable versions, e.g. `<4.17.21`. */
  range?: string;
}

export type Fix =
  | { kind: 'available'; how: string }
  | { kind: 'none' }
  /** The tool does not say (yarn 2+, bun): the advisory does. */
  | { kind: 'unknown' };

export interface Vulnerability {
  package: string;
  severity: AuditSeverity;
  advisories: Advisory[];
  fix: Fix;
  /** Direct dependencies that bring it in; empty when it is one itself or the tool does not say. */
  through: string[];
}

export type AuditOutcome =
  | { kind: 'report'; vulnerabilities: Vulnerability[] }
  /** The advisory service could not be reached (HTTP error, DNS, refused, timeout). */
  | { kind: 'unavailable'; reason: string }
  /** The audit could not run for a reason the project can fix (no lockfile, unreadable output). */
  | { kind: 'error'; reason: string };

export function severityRank(severity: AuditSeverity): number {
  return SEVERITIES.indexOf(severity);
}

export function toSeverity(value: unknown): AuditSeverity {
  const text = String(value ?? '').toLowerCase();
  return (SEVERITIES as readonly string[]).includes(text) ? (text as AuditSeverity) : 'info';
}

/** The GHSA id in an advisory URL (https://github.com/advisories/GHSA-xxxx-xxxx-xxxx). */
export function ghsaOf(url: string | undefined): string | undefined {
  return /GHSA(?:-[0-9a-z]{4}){3}/i.exec(url ?? '')?.[0];
}

export function worstSeverity(advisories: Advisory[]): AuditSeverity {
  return advisories.reduce<AuditSeverity>((worst, a) => (severityRank(a.severity) > severityRank(worst) ? a.severity : worst), 'info');
}
