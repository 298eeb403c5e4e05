/**
 * The findings as SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`
 * with `sarif_file: ${{ steps.preflight.outputs.sarif-path }}`). Only what code scanning reads:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 * — a tool driver with its rules, and results with a rule id, level, message and a physical
 * location relative to the repository root (%SRCROOT%). Findings without a file are left out
 * (code scanning needs a location); messages are redacted like every other channel.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactDeep } from '../../../packages/shared/src/secrets.js';
import type { Finding, Severity } from '../../../packages/shared/src/report/model.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', notice: 'note' };

export interface SarifTool {
  name: string;
  version?: string;
  informationUri?: string;
}

export function toSarif(findings: readonly Finding[], tool: SarifTool): object {
  const located = findings.filter((f) => f.file);
  const ruleIds = [...new Set(located.map((f) => f.rule))].sort();
  return redactDeep({
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            ...tool,
            rules: ruleIds.map((id) => ({ id, name: id.replace(/[^A-Za-z0-9]+/g, '-'), shortDescription: { text: describeRule(id) } })),
          },
        },
        results: located.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
                region: region(f),
              },
            },
          ],
        })),
      },
    ],
  });
}

function region(f: Finding): Record<string, number> {
  const start = { startLine: f.line ?? 1, ...(f.column ? { startColumn: f.column } : {}) };
  if (f.endLine === undefined) return start;
  return { ...start, endLine: f.endLine, ...(f.endColumn ? { endColumn: f.endColumn } : {}) };
}

function describeRule(id: string): string {
  if (id.startsWith('secret/')) return `Hard-coded secret: ${id.slice(7).replace(/-/g, ' ')}`;
  return `deploy-kit preflight: ${id}`;
}

export async function writeSarif(path: string, findings: readonly Finding[], tool: SarifTool): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(toSarif(findings, tool), null, 2)}\n`);
  return path;
}
