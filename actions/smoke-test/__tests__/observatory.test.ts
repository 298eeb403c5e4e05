import { describe, expect, it } from '@jest/globals';
import { judgeHeaders } from '../../../packages/shared/src/smoke/headers-check.js';
import { gradeOf, meetsGrade, scoreOf } from '../../../packages/shared/src/smoke/observatory/grade.js';
import { runObservatoryTests, type ObservedSite } from '../../../packages/shared/src/smoke/observatory/tests.js';
import { BAD_HEADERS, GOOD_HEADERS } from './helpers.js';

/** Scores and grades per MDN HTTP Observatory "Tests & Scoring" and mdn/mdn-http-observatory. */
function site(headers: Record<string, string | string[]>, extra: Partial<ObservedSite> = {}): ObservedSite {
  const { 'set-cookie': cookies, ...rest } = headers;
  return { url: new URL('https://shop.example/'), headers: rest, cookies: cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [cookies], ...extra };
}

function resultOf(s: ObservedSite, test: string): string {
  return runObservatoryTests(s).find((t) => t.test === test)!.result;
}

describe('HTTP Observatory scoring', () => {
  it('grades by the chart, rounding down to a multiple of 5', () => {
    expect([135, 100, 99, 90, 89, 85, 84, 80, 79, 70, 69, 65, 64, 60, 59, 50, 49, 45, 44, 40, 39, 30, 29, 25, 24, 0].map(gradeOf)).toEqual([
      'A+', 'A+', 'A', 'A', 'A-', 'A-', 'B+', 'B+', 'B', 'B', 'B-', 'B-', 'C+', 'C+', 'C', 'C', 'C-', 'C-', 'D+', 'D+', 'D', 'D', 'D-', 'D-', 'F', 'F',
    ]);
  });

  it('adds bonuses only when the penalties leave an A, and never goes below 0', () => {
    expect(scoreOf([5, 5, 5, -5])).toBe(110);
    expect(scoreOf([5, 5, 5, -15])).toBe(85);
    expect(scoreOf([-50, -40, -30])).toBe(0);
  });

  it('compares grades for the gate', () => {
    expect(meetsGrade('A-', 'B')).toBe(true);
    expect(meetsGrade('B', 'B')).toBe(true);
    expect(meetsGrade('B-', 'B')).toBe(false);
  });

  it('gives the good header set A+ (120) and the bad one F (0)', () => {
    expect(judgeHeaders(site(GOOD_HEADERS, { redirection: 'redirection-to-https' }), { minGrade: 'A', requiredHeaders: [] })).toMatchObject({ grade: 'A+', score: 120 });
    expect(judgeHeaders(site(BAD_HEADERS), { minGrade: 'F', requiredHeaders: [] })).toMatchObject({ grade: 'F', score: 0 });
  });

  it('B: the guides\' headers without a CSP', () => {
    const headers = { 'strict-transport-security': 'max-age=31536000', 'x-frame-options': 'SAMEORIGIN', 'x-content-type-options': 'nosniff' };
    expect(judgeHeaders(site(headers), { minGrade: 'B', requiredHeaders: [] })).toMatchObject({ grade: 'B', score: 75, check: { status: 'pass' } });
  });

  it('HSTS: six months (15552000 s) passes, less costs 10, no max-age or a repeated header is invalid', () => {
    expect(resultOf(site({ 'strict-transport-security': 'max-age=15552000' }), 'strict-transport-security')).toBe('hsts-implemented-max-age-at-least-six-months');
    expect(resultOf(site({ 'strict-transport-security': 'max-age=86400; includeSubDomains' }), 'strict-transport-security')).toBe('hsts-implemented-max-age-less-than-six-months');
    expect(resultOf(site({ 'strict-transport-security': 'includeSubDomains' }), 'strict-transport-security')).toBe('hsts-header-invalid');
    expect(resultOf(site({ 'strict-transport-security': 'max-age=63072000, max-age=63072000' }), 'strict-transport-security')).toBe('hsts-header-invalid');
    expect(resultOf(site({}, { url: new URL('http://shop.example/') }), 'strict-transport-security')).toBe('hsts-not-implemented-no-https');
  });

  it('CSP: unsafe-inline and data: in scripts cost 20, unsafe-eval 10; nonces neutralise unsafe-inline', () => {
    const csp = (policy: string) => resultOf(site({ 'content-security-policy': policy }), 'content-security-policy');
    expect(csp("default-src 'self'; script-src 'self' 'unsafe-inline'")).toBe('csp-implemented-with-unsafe-inline');
    expect(csp("default-src 'self'; script-src 'self' data:")).toBe('csp-implemented-with-unsafe-inline');
    expect(csp("default-src 'self'; script-src 'self' 'unsafe-eval'")).toBe('csp-implemented-with-unsafe-eval');
    expect(csp("default-src 'self'; script-src 'self' 'nonce-r4nd0m' 'unsafe-inline'")).toBe('csp-implemented-with-no-unsafe');
    expect(csp("default-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'")).toBe('csp-implemented-with-no-unsafe');
    expect(csp("default-src 'self'; script-src 'strict-dynamic'")).toBe('csp-header-invalid');
    expect(csp("default-src 'self'; style-src 'self' 'unsafe-inline'")).toBe('csp-implemented-with-unsafe-inline-in-style-src-only');
    expect(csp("default-src 'none'")).toBe('csp-implemented-with-no-unsafe-default-src-none');
    expect(csp("default-src 'self'; script-src 'self' http://cdn.example")).toBe('csp-implemented-with-insecure-scheme');
    expect(csp("default-src 'self'; img-src http:")).toBe('csp-implemented-with-insecure-scheme-in-passive-content-only');
    expect(csp("upgrade-insecure-requests")).toBe('csp-implemented-with-unsafe-inline');
    expect(csp('default-src $elf')).toBe('csp-implemented-with-no-unsafe');
    expect(csp('default_src self')).toBe('csp-header-invalid');
    expect(resultOf(site({}), 'content-security-policy')).toBe('csp-not-implemented');
  });

  it('CSP: with two policies a source counts only when both allow it', () => {
    const both = site({ 'content-security-policy': ["default-src 'self'; script-src 'self' 'unsafe-inline'", "script-src 'self'"] });
    expect(resultOf(both, 'content-security-policy')).toBe('csp-implemented-with-no-unsafe');
  });

  it('X-Frame-Options: CSP frame-ancestors earns the bonus, DENY passes, nothing costs 20', () => {
    expect(resultOf(site({ 'content-security-policy': "frame-ancestors 'none'" }), 'x-frame-options')).toBe('x-frame-options-implemented-via-csp');
    expect(resultOf(site({ 'x-frame-options': 'deny' }), 'x-frame-options')).toBe('x-frame-options-sameorigin-or-deny');
    expect(resultOf(site({ 'x-frame-options': 'ALLOWALL' }), 'x-frame-options')).toBe('x-frame-options-header-invalid');
    expect(resultOf(site({}), 'x-frame-options')).toBe('x-frame-options-not-implemented');
  });

  it('Referrer-Policy: the last recognised value wins', () => {
    expect(resultOf(site({ 'referrer-policy': 'unsafe-url, strict-origin-when-cross-origin' }), 'referrer-policy')).toBe('referrer-policy-private');
    expect(resultOf(site({ 'referrer-policy': 'no-referrer, unsafe-url' }), 'referrer-policy')).toBe('referrer-policy-unsafe');
    expect(resultOf(site({ 'referrer-policy': 'sometimes' }), 'referrer-policy')).toBe('referrer-policy-header-invalid');
  });

  it('X-Content-Type-Options: nosniff only', () => {
    expect(resultOf(site({ 'x-content-type-options': ' NoSniff ' }), 'x-content-type-options')).toBe('x-content-type-options-nosniff');
    expect(resultOf(site({ 'x-content-type-options': 'sniff' }), 'x-content-type-options')).toBe('x-content-type-options-header-invalid');
  });

  it('cookies: session cookies need Secure and HttpOnly, CSRF tokens SameSite; HSTS softens a missing Secure', () => {
    const hsts = { 'strict-transport-security': 'max-age=63072000' };
    const cookie = (setCookie: string | string[], headers: Record<string, string> = {}) => resultOf(site({ ...headers, 'set-cookie': setCookie }), 'cookies');
    expect(cookie('sid=1; Secure; HttpOnly; SameSite=Lax')).toBe('cookies-secure-with-httponly-sessions-and-samesite');
    expect(cookie('sid=1; Secure; HttpOnly')).toBe('cookies-secure-with-httponly-sessions');
    expect(cookie('theme=dark')).toBe('cookies-without-secure-flag');
    expect(cookie('theme=dark', hsts)).toBe('cookies-without-secure-flag-but-protected-by-hsts');
    expect(cookie('session=1; HttpOnly', hsts)).toBe('cookies-session-without-secure-flag-but-protected-by-hsts');
    expect(cookie('session=1; HttpOnly')).toBe('cookies-session-without-secure-flag');
    expect(cookie('login_token=1; Secure')).toBe('cookies-session-without-httponly-flag');
    expect(cookie('csrftoken=1; Secure')).toBe('cookies-anticsrf-without-samesite-flag');
    expect(cookie('prefs=1; Secure; SameSite=Sometimes')).toBe('cookies-samesite-flag-invalid');
    expect(cookie('prefs=1; SameSite=None', hsts)).toBe('cookies-samesite-flag-invalid');
    expect(cookie(['theme=dark; Secure; SameSite=Lax', 'sessionid=1; Secure'])).toBe('cookies-session-without-httponly-flag');
    expect(resultOf(site({}), 'cookies')).toBe('cookies-not-found');
  });

  it('CORS: universal access only when a foreign origin is reflected with credentials', () => {
    const cors = (headers: Record<string, string>) => resultOf(site({}, { cors: { origin: 'https://attacker.example', headers } }), 'cross-origin-resource-sharing');
    expect(cors({ 'access-control-allow-origin': 'https://attacker.example', 'access-control-allow-credentials': 'true' })).toBe('cross-origin-resource-sharing-implemented-with-universal-access');
    expect(cors({ 'access-control-allow-origin': 'https://attacker.example' })).toBe('cross-origin-resource-sharing-implemented-with-restricted-access');
    expect(cors({ 'access-control-allow-origin': '*' })).toBe('cross-origin-resource-sharing-implemented-with-public-access');
    expect(cors({})).toBe('cross-origin-resource-sharing-not-implemented');
  });

  it('fails a missing required header by name, and passes a present one whatever its case', () => {
    const verdict = judgeHeaders(site(GOOD_HEADERS), { minGrade: 'F', requiredHeaders: ['strict-transport-security', 'permissions-policy'] });
    expect(verdict.check).toMatchObject({ status: 'fail', summary: 'expected required header(s) permissions-policy, the response has none' });
  });
});
