import { formatBytes } from '../../../packages/shared/src/report/markdown.js';
import { DEFAULT_EXEMPT, scanRepository } from './scan/index.js';
import type { CheckWithFindings } from './checks.js';
import type { Settings } from './settings.js';

/** The source and secret scan (scan/) as one check; its findings carry their own severity. */
export async function scanSources(settings: Settings): Promise<CheckWithFindings> {
  const result = await scanRepository({
    root: settings.workdir,
    consoleAllow: settings.consoleAllow,
    todoPolicy: settings.todoPolicy,
    exempt: [...DEFAULT_EXEMPT, ...settings.exempt],
    allowlist: settings.allowlist,
  });
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const walked = result.listedBy === 'walk' ? ' (not a git work tree: found by walking the folder, honouring .gitignore)' : '';
  const scanned = `${result.files} file(s), ${formatBytes(result.bytes)} scanned${walked}`;
  const status = errors > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass';
  const counts = errors + warnings > 0 ? `${errors} error(s), ${warnings} warning(s)` : 'nothing found';
  const large = result.skippedLarge?.length ? ` Not scanned, over the size limit: ${result.skippedLarge.join(', ')}.` : '';
  return { check: { status, summary: `${scanned}: ${counts}.${large}` }, findings: result.findings };
}
