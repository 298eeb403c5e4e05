import { readRunContext } from '../../../packages/shared/src/github/context.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import { formatBytes } from '../../../packages/shared/src/report/markdown.js';
import { DEFAULT_EXEMPT, scanRepository, type ScanOptions } from './scan/index.js';
import { eventRange, MAX_HISTORY_COMMITS, scanHistory } from './scan/history.js';
import { compilePolicy } from './scan/policy.js';
import type { CheckWithFindings } from './checks.js';
import type { Settings } from './settings.js';
import type { Finding } from '../../../packages/shared/src/report/model.js';

/** The source and secret scan (scan/) as one check, with the event's commits when scan-history is on; findings carry their own severity. */
export async function scanSources(settings: Settings, log: Logger): Promise<CheckWithFindings> {
  const options: ScanOptions = {
    root: settings.workdir,
    consoleAllow: settings.consoleAllow,
    todoPolicy: settings.todoPolicy,
    exempt: [...DEFAULT_EXEMPT, ...settings.exempt],
    allowlist: settings.allowlist,
  };
  const result = await scanRepository(options);
  const history = settings.scanHistory ? await scanEventHistory(options, log) : { findings: [], summary: '' };
  const findings = [...result.findings, ...history.findings];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const walked = result.listedBy === 'walk' ? ' (not a git work tree: found by walking the folder, honouring .gitignore)' : '';
  const scanned = `${result.files} file(s), ${formatBytes(result.bytes)} scanned${walked}`;
  const status = errors > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass';
  const counts = errors + warnings > 0 ? `${errors} error(s), ${warnings} warning(s)` : 'nothing found';
  const large = result.skippedLarge?.length ? ` Not scanned, over the size limit: ${result.skippedLarge.join(', ')}.` : '';
  return { check: { status, summary: `${scanned}: ${counts}.${large}${history.summary}` }, findings };
}

async function scanEventHistory(options: ScanOptions, log: Logger): Promise<{ findings: Finding[]; summary: string }> {
  const context = readRunContext();
  const range = eventRange(context.eventName, context.payload);
  if ('none' in range) {
    log.info(`scan-history: nothing to scan: ${range.none}.`);
    return { findings: [], summary: '' };
  }
  const result = await scanHistory(options.root, range, compilePolicy(options));
  if (result.unavailable) {
    log.notice(`scan-history: not scanned: ${result.unavailable}.`);
    return { findings: [], summary: ` Commit history not scanned: ${result.unavailable}.` };
  }
  const removed = result.findings.length > 0 ? `, ${result.findings.length} secret(s) added and removed since` : '';
  const skipped = result.skipped > 0 ? ` The range's older commits were not scanned: it has more than ${MAX_HISTORY_COMMITS}, the newest ${MAX_HISTORY_COMMITS} were.` : '';
  const unread = result.unread.length > 0 ? ` Not scanned whole (git failed or the diff is too large): ${result.unread.join(', ')}.` : '';
  for (const line of [skipped, unread]) if (line) log.warning(`scan-history:${line}`);
  return { findings: result.findings, summary: ` Lines added by ${result.commits} commit(s) of the ${context.eventName} scanned${removed}.${skipped}${unread}` };
}
