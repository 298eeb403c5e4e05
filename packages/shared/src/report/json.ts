import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactDeep } from '../secrets.js';
import type { Report } from './model.js';

export interface JsonReport {
  action: string;
  title: string;
  status: string;
  errors: number;
  warnings: number;
  skipped?: string;
  checks: Report['checks'];
  findings: Report['findings'];
  notes: string[];
}

export function toJson(report: Report, status: string): JsonReport {
  return redactDeep({
    action: report.action,
    title: report.title,
    status,
    errors: report.errors,
    warnings: report.warnings,
    ...(report.skippedReason ? { skipped: report.skippedReason } : {}),
    checks: report.checks,
    findings: report.sortedFindings(),
    notes: report.notes,
  });
}

export async function writeJsonReport(report: Report, status: string, path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(toJson(report, status), null, 2)}\n`);
  return path;
}
