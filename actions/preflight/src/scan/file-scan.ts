/**
 * Scans one file's text: the source scan (JS-family files that are not exempt) and the secret
 * scan (every file), then places each hit on its line and column and drops the ones silenced
 * by a `deploy-kit:allow` comment or an allowlist entry.
 *
 * Inline allow: `deploy-kit:allow` anywhere on the finding's line, or on the line just above
 * when that line is only a comment (`// deploy-kit:allow`, `# deploy-kit:allow`, ...). It
 * silences every finding of that line.
 */
import type { Finding } from '../../../../packages/shared/src/report/model.js';
import type { Hit } from './hit.js';
import type { ScanPolicy } from './policy.js';
import { isSourceFile, scanSource } from './source-scan.js';
import { scanSecrets } from './secret-scan.js';

export const ALLOW_MARKER = 'deploy-kit:allow';
const COMMENT_ONLY_LINE = /^\s*(?:\/\/|\/\*|\*|#|<!--|--|;|%|\{\/\*)/;

/**
 * Offsets to 1-based lines and columns. Hits arrive sorted by offset, so one cursor walks the
 * text forward once, and only as far as the last hit.
 */
class Locator {
  private line = 0;
  private lineStart = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** 0-based line and its start offset; offsets must not decrease between calls. */
  locate(offset: number): { line: number; lineStart: number } {
    for (let at = this.text.indexOf('\n', this.lineStart); at >= 0 && at < offset; at = this.text.indexOf('\n', at + 1)) {
      this.line++;
      this.lineStart = at + 1;
    }
    return { line: this.line, lineStart: this.lineStart };
  }

  /** Line and column of `end`, counted from a known line start at or before it (no cursor move). */
  lineAndColumnFrom(line: number, lineStart: number, end: number): { line: number; column: number } {
    for (let at = this.text.indexOf('\n', lineStart); at >= 0 && at < end; at = this.text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    return { line, column: end - lineStart + 1 };
  }

  lineText(lineStart: number): string {
    const end = this.text.indexOf('\n', lineStart);
    return this.text.slice(lineStart, end < 0 ? this.text.length : end);
  }

  previousLineText(lineStart: number): string {
    if (lineStart === 0) return '';
    return this.text.slice(this.text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1);
  }
}

function isAllowedInline(locator: Locator, lineStart: number): boolean {
  if (locator.lineText(lineStart).includes(ALLOW_MARKER)) return true;
  const above = locator.previousLineText(lineStart);
  return above.includes(ALLOW_MARKER) && COMMENT_ONLY_LINE.test(above);
}

export function scanText(text: string, path: string, policy: ScanPolicy): Finding[] {
  const hits: Hit[] = scanSecrets(text, path);
  if (isSourceFile(path) && !policy.isExempt(path)) hits.push(...scanSource(text, path, policy));
  if (hits.length === 0) return [];

  const locator = new Locator(text);
  const mayAllowInline = text.includes(ALLOW_MARKER);
  const findings: Finding[] = [];
  for (const hit of hits.sort((a, b) => a.offset - b.offset)) {
    if (policy.isAllowed(hit.rule, path, hit.secret)) continue;
    const { line, lineStart } = locator.locate(hit.offset);
    if (mayAllowInline && isAllowedInline(locator, lineStart)) continue;
    const end = locator.lineAndColumnFrom(line, lineStart, hit.offset + hit.length);
    findings.push({
      severity: hit.severity,
      rule: hit.rule,
      message: hit.message,
      file: path,
      line: line + 1,
      column: hit.offset - lineStart + 1,
      endLine: end.line + 1,
      endColumn: end.column,
    });
  }
  return findings;
}
