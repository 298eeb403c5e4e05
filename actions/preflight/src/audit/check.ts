import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execCommand, lastLines, type CommandRunner } from '../../../../packages/shared/src/exec.js';
import type { Finding } from '../../../../packages/shared/src/report/model.js';
import type { CheckWithFindings } from '../checks.js';
import type { Project } from '../project.js';
import type { Settings } from '../settings.js';
import { auditCommand } from './command.js';
import { severityRank, toSeverity, type Advisory, type AuditOutcome, type Vulnerability } from './model.js';
import { parseAuditOutput } from './parse.js';

/**
 * The dependency audit as a check: vulnerable packages at or above `audit-level` are errors
 * (on package.json's line for a direct dependency), the rest notices; an unreachable
 * advisory service warns or fails by `audit-unavailable`, never passing as "no findings".
 */
const AUDIT_TIMEOUT_MS = 5 * 60_000;

export function auditTitle(project: Project, settings: Settings): string {
  return `Dependency audit (${auditCommand(project, settings.auditDevDependencies).join(' ')})`;
}

export async function auditDependencies(project: Project, settings: Settings, runner: CommandRunner = execCommand): Promise<CheckWithFindings> {
  if (!project.lockfile) {
    return { check: { status: 'skip', summary: 'No lockfile, so dependencies cannot be audited: commit package-lock.json, pnpm-lock.yaml, yarn.lock or bun.lock.' }, findings: [] };
  }
  const [command, ...args] = auditCommand(project, settings.auditDevDependencies);
  const result = await runner(command!, args, { cwd: project.root, timeoutMs: AUDIT_TIMEOUT_MS });
  if (result.exitCode === 127) {
    return { check: { status: 'fail', summary: `${command} is not installed on this runner: add its setup step before preflight, or leave audit out of 'checks'.` }, findings: [] };
  }
  const outcome: AuditOutcome =
    result.exitCode === 124 ? { kind: 'unavailable', reason: `\`${command} audit\` timed out after ${AUDIT_TIMEOUT_MS / 60_000} minutes` } : parseAuditOutput({ tool: command!, ...result });
  const output = lastLines(`${result.stderr}\n${result.stdout}`, 15);
  if (outcome.kind === 'unavailable') return unavailable(outcome.reason, settings, output);
  if (outcome.kind === 'error') return { check: { status: 'fail', summary: outcome.reason, detail: output }, findings: [] };
  return fromReport(outcome.vulnerabilities, project, settings);
}

function unavailable(reason: string, settings: Settings, output: string): CheckWithFindings {
  const summary = `The audit service could not be reached (${reason}), so dependencies were not audited.`;
  if (settings.auditUnavailable === 'fail') {
    return { check: { status: 'fail', summary: `${summary} Re-run when the registry answers, or set audit-unavailable: warn.`, detail: output }, findings: [] };
  }
  return { check: { status: 'warn', summary: `${summary} Set audit-unavailable: fail to block on this.`, detail: output }, findings: [] };
}

function fromReport(all: Vulnerability[], project: Project, settings: Settings): CheckWithFindings {
  const ignored = all.filter((v) => v.advisories.every((a) => isIgnored(a, settings.auditIgnore)));
  const vulnerabilities = all.filter((v) => !ignored.includes(v)).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.package.localeCompare(b.package));
  const blocking = vulnerabilities.filter((v) => settings.auditLevel !== 'none' && severityRank(v.severity) >= severityRank(toSeverity(settings.auditLevel)));
  const lines = packageJsonLines(project.workdir);
  const findings = vulnerabilities.map((v) => toFinding(v, blocking.includes(v) ? 'error' : 'notice', lines));
  const detail = [...vulnerabilities.map(detailLine), ...ignored.map((v) => `ignored (preflight.audit-ignore): ${v.package}`)].join('\n') || undefined;
  const threshold = settings.auditLevel === 'none' ? 'audit-level is none' : `at or above ${settings.auditLevel}`;
  if (blocking.length > 0) {
    const names = blocking.map((v) => `${v.package} (${v.severity})`).join(', ');
    return { check: { status: 'fail', summary: `${blocking.length} vulnerable package(s) ${threshold}: ${names}.`, detail }, findings };
  }
  const below = vulnerabilities.length > 0 ? `; ${vulnerabilities.length} listed below the threshold` : '';
  return { check: { status: 'pass', summary: `No vulnerable package ${settings.auditLevel === 'none' ? 'fails the run (audit-level: none)' : threshold}${below}.`, detail }, findings };
}

function isIgnored(advisory: Advisory, ignore: string[]): boolean {
  return ignore.some((id) => id.toLowerCase() === advisory.id?.toLowerCase() || (advisory.url !== undefined && advisory.url.toLowerCase().endsWith(`/${id.toLowerCase()}`)));
}

function toFinding(v: Vulnerability, severity: 'error' | 'notice', lines: Map<string, number> | undefined): Finding {
  const [first, ...rest] = v.advisories;
  const advisory = first ? `${first.title} (${[first.id, first.url].filter(Boolean).join(', ')})${rest.length > 0 ? ` and ${rest.length} more` : ''}` : 'see the audit report';
  const through = v.through.length > 0 ? ` through ${v.through.join(', ')}` : '';
  const anchor = [v.package, ...v.through].find((name) => lines?.has(name));
  return {
    severity,
    rule: `audit/${v.severity}`,
    message: `${v.package}${through} has a ${v.severity} vulnerability: ${advisory}. ${fixText(v)}`,
    ...(lines ? { file: 'package.json' } : {}),
    ...(anchor ? { line: lines?.get(anchor) } : {}),
  };
}

function fixText(v: Vulnerability): string {
  if (v.fix.kind === 'available') return `Fix: ${v.fix.how}.`;
  if (v.fix.kind === 'none') return 'No fixed release yet: replace the package, or accept the risk in preflight.audit-ignore.';
  return 'Fixed versions: see the advisory.';
}

function detailLine(v: Vulnerability): string {
  const fix = v.fix.kind === 'available' ? `fix: ${v.fix.how}` : v.fix.kind === 'none' ? 'no fix yet' : 'fix: see advisory';
  const ids = v.advisories.map((a) => a.id ?? a.title).join(', ');
  return `${v.severity.padEnd(8)} ${v.package}${v.through.length ? ` (through ${v.through.join(', ')})` : ''}  ${ids}  ${fix}`;
}

/** The line of each dependency in package.json's dependency maps, for annotations. */
function packageJsonLines(dir: string): Map<string, number> | undefined {
  const lines = new Map<string, number>();
  let text: string;
  try {
    text = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  let inDependencies = false;
  text.split(/\r?\n/).forEach((line, index) => {
    if (/"(?:dev|optional|peer)?[dD]ependencies"\s*:/.test(line)) inDependencies = true;
    else if (/^\s*}/.test(line)) inDependencies = false;
    const key = inDependencies ? /^\s*"([^"]+)"\s*:\s*"/.exec(line)?.[1] : undefined;
    if (key && !lines.has(key)) lines.set(key, index + 1);
  });
  return lines;
}
