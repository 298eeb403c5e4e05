import type { CheckOutcome } from './endpoints.js';
import { gradeOf, meetsGrade, scoreOf, type Grade } from './observatory/grade.js';
import { SCORE_TABLE } from './observatory/score-table.js';
import { runObservatoryTests, type ObservedSite, type TestOutcome } from './observatory/tests.js';
import { firstHeader } from './probe.js';

/**
 * Security headers graded the HTTP Observatory way (see observatory/), gated by `min-grade`,
 * plus the headers the user insists on and the deprecated X-XSS-Protection.
 */
export interface HeadersVerdict {
  check: CheckOutcome;
  grade: Grade;
  score: number;
}

function line(test: TestOutcome): string {
  const entry = SCORE_TABLE[test.result];
  const modifier = test.modifier > 0 ? `+${test.modifier}` : String(test.modifier);
  const advice = 'advice' in entry && entry.advice ? ` → ${entry.advice}` : '';
  return [`${modifier.padStart(4)}  ${test.result}: ${entry.description}${advice}`, ...test.details.map((d) => `        ${d}`)].join('\n');
}

/**
 * X-XSS-Protection turned on the XSS auditors browsers have since removed; the auditor itself
 * could be abused to leak data or break pages. Mozilla's guidelines
 * (https://infosec.mozilla.org/guidelines/web_security#x-xss-protection) and MDN
 * (https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-XSS-Protection) advise relying
 * on a Content-Security-Policy instead, and sending `0` when the header must be present.
 * Observatory no longer scores it, so it only warns.
 */
function xssProtectionWarning(site: ObservedSite): string | undefined {
  const value = firstHeader(site.headers, 'x-xss-protection');
  if (value === undefined || value.trim() === '0') return undefined;
  return `X-XSS-Protection: ${value} is deprecated (browsers removed the XSS auditor, which could itself be abused): remove it or send X-XSS-Protection: 0, and rely on Content-Security-Policy`;
}

export function judgeHeaders(site: ObservedSite, policy: { minGrade: Grade; requiredHeaders: string[] }): HeadersVerdict {
  const tests = runObservatoryTests(site);
  const score = scoreOf(tests.map((t) => t.modifier));
  const grade = gradeOf(score);
  const penalties = tests.filter((t) => t.modifier < 0).sort((a, b) => a.modifier - b.modifier);
  const missing = policy.requiredHeaders.filter((h) => firstHeader(site.headers, h) === undefined);
  const xss = xssProtectionWarning(site);
  const problems: string[] = [];
  if (!meetsGrade(grade, policy.minGrade)) {
    const worst = penalties.slice(0, 3).map((t) => `${SCORE_TABLE[t.result].description} (${t.modifier})`).join('; ');
    problems.push(`expected grade ${policy.minGrade} or better, got ${grade} (${score}/100): ${worst}`);
  }
  if (missing.length > 0) problems.push(`expected required header(s) ${missing.join(', ')}, the response has none`);
  const detail = [
    `HTTP Observatory score ${score} → grade ${grade} (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring)`,
    ...tests.map(line),
    ...(xss ? [`warning: ${xss}`] : []),
  ].join('\n');
  const verdict = (check: Omit<CheckOutcome, 'detail'>): HeadersVerdict => ({ check: { ...check, detail }, grade, score });
  if (problems.length > 0) return verdict({ status: 'fail', summary: problems.join('; ') });
  if (xss) return verdict({ status: 'warn', summary: `grade ${grade} (${score}/100), at least ${policy.minGrade}; ${xss}` });
  const penaltyText = penalties.length > 0 ? `; penalties: ${penalties.map((t) => `${t.test} ${t.modifier}`).join(', ')}` : '';
  return verdict({ status: 'pass', summary: `grade ${grade} (${score}/100), at least ${policy.minGrade}${penaltyText}` });
}
