import { allHeaders, firstHeader, type HeaderMap } from '../probe.js';
import { DANGEROUSLY_BROAD, UNSAFE_INLINE, parseCsp, usesNonceOrHash, type Policy } from './csp.js';
import { SCORE_TABLE, type ObservatoryResult } from './score-table.js';

/**
 * The HTTP Observatory tests deploy-kit grades, each deciding one result of the score table from
 * the homepage's response. The rules follow MDN's "Tests & Scoring"
 * (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring) and the tests of
 * mdn/mdn-http-observatory src/analyzer/tests/*.js, re-implemented here.
 */
export interface ObservedSite {
  /** The URL that answered the homepage request, after redirects. */
  url: URL;
  /** Headers of that final answer. */
  headers: HeaderMap;
  /** Every Set-Cookie along the redirect chain. */
  cookies: string[];
  /** The plain-HTTP probe's result, when it ran. */
  redirection?: ObservatoryResult;
  /** The answer to a request carrying a foreign Origin. */
  cors?: { origin: string; headers: HeaderMap };
}

export interface TestOutcome {
  test: string;
  result: ObservatoryResult;
  modifier: number;
  /** Observatory's own pass/fail for the test, independent of the score. */
  pass: boolean;
  /** Specifics: the header value, or which cookie has which problem. */
  details: string[];
}

function outcome(test: string, result: ObservatoryResult, passing: readonly ObservatoryResult[], details: string[] = []): TestOutcome {
  return { test, result, modifier: SCORE_TABLE[result].modifier, pass: passing.includes(result), details };
}

const isHttps = (site: ObservedSite) => site.url.protocol === 'https:';

/** mdn-http-observatory uses 15552000 (180 days) for "six months": many sites send that value. */
const SIX_MONTHS_SECONDS = 15_552_000;

export function strictTransportSecurity(site: ObservedSite): TestOutcome {
  const test = 'strict-transport-security';
  const passing = ['hsts-implemented-max-age-at-least-six-months'] as const;
  if (!isHttps(site)) return outcome(test, 'hsts-not-implemented-no-https', passing);
  const value = firstHeader(site.headers, 'strict-transport-security');
  if (value === undefined) return outcome(test, 'hsts-not-implemented', passing);
  const details = [`Strict-Transport-Security: ${value}`];
  const maxAge = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value)?.[1];
  if (value.includes(',') || maxAge === undefined) return outcome(test, 'hsts-header-invalid', passing, details);
  const result = Number(maxAge) >= SIX_MONTHS_SECONDS ? 'hsts-implemented-max-age-at-least-six-months' : 'hsts-implemented-max-age-less-than-six-months';
  return outcome(test, result, passing, details);
}

export function xContentTypeOptions(site: ObservedSite): TestOutcome {
  const test = 'x-content-type-options';
  const passing = ['x-content-type-options-nosniff'] as const;
  const value = firstHeader(site.headers, 'x-content-type-options');
  if (value === undefined) return outcome(test, 'x-content-type-options-not-implemented', passing);
  const result = value.trim().toLowerCase() === 'nosniff' ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid';
  return outcome(test, result, passing, [`X-Content-Type-Options: ${value}`]);
}

export function xFrameOptions(site: ObservedSite, csp: Policy | 'invalid'): TestOutcome {
  const test = 'x-frame-options';
  const passing = ['x-frame-options-implemented-via-csp', 'x-frame-options-sameorigin-or-deny', 'x-frame-options-allow-from-origin'] as const;
  if (csp !== 'invalid' && csp.has('frame-ancestors')) {
    return outcome(test, 'x-frame-options-implemented-via-csp', passing, [`frame-ancestors ${[...csp.get('frame-ancestors')!].join(' ')}`]);
  }
  const value = firstHeader(site.headers, 'x-frame-options');
  if (value === undefined) return outcome(test, 'x-frame-options-not-implemented', passing);
  const xfo = value.trim().toLowerCase();
  const result = xfo === 'deny' || xfo === 'sameorigin'
    ? 'x-frame-options-sameorigin-or-deny'
    : xfo.startsWith('allow-from') ? 'x-frame-options-allow-from-origin' : 'x-frame-options-header-invalid';
  return outcome(test, result, passing, [`X-Frame-Options: ${value}`]);
}

const PRIVATE_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const UNSAFE_REFERRER = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];

export function referrerPolicy(site: ObservedSite): TestOutcome {
  const test = 'referrer-policy';
  const passing = ['referrer-policy-private', 'referrer-policy-not-implemented'] as const;
  const values = allHeaders(site.headers, 'referrer-policy');
  if (values.length === 0) return outcome(test, 'referrer-policy-not-implemented', passing);
  // Browsers apply the last value they recognise (W3C Referrer Policy §4.1).
  const policy = values.join(',').split(',').map((v) => v.trim().toLowerCase())
    .filter((v) => PRIVATE_REFERRER.includes(v) || UNSAFE_REFERRER.includes(v)).at(-1);
  const result = policy === undefined ? 'referrer-policy-header-invalid' : PRIVATE_REFERRER.includes(policy) ? 'referrer-policy-private' : 'referrer-policy-unsafe';
  return outcome(test, result, passing, [`Referrer-Policy: ${values.join(', ')}`]);
}

export function contentSecurityPolicy(site: ObservedSite, csp: Policy | 'invalid'): TestOutcome {
  const test = 'content-security-policy';
  const passing = ['csp-implemented-with-no-unsafe', 'csp-implemented-with-no-unsafe-default-src-none', 'csp-implemented-with-unsafe-inline-in-style-src-only', 'csp-implemented-with-insecure-scheme-in-passive-content-only'] as const;
  const values = allHeaders(site.headers, 'content-security-policy');
  const details = values.map((v) => `Content-Security-Policy: ${v}`);
  if (csp === 'invalid') return outcome(test, 'csp-header-invalid', passing, details);
  if (csp.size === 0) return outcome(test, 'csp-not-implemented', passing);
  const fallback = (name: string) => new Set(csp.get(name) ?? csp.get('default-src') ?? ['*']);
  const scriptSrc = fallback('script-src');
  const objectSrc = fallback('object-src');
  const styleSrc = fallback('style-src');
  // A nonce or hash makes browsers ignore 'unsafe-inline' (CSP3 §6.7.3.3); 'strict-dynamic' with one
  // also makes them ignore host and scheme sources and 'self'.
  for (const sources of [scriptSrc, styleSrc]) if (usesNonceOrHash(sources)) sources.delete("'unsafe-inline'");
  if (scriptSrc.has("'strict-dynamic'")) {
    if (!usesNonceOrHash(scriptSrc)) return outcome(test, 'csp-header-invalid', passing, [...details, "'strict-dynamic' without a nonce or hash"]);
    for (const source of [...scriptSrc]) {
      if (source === "'self'" || [...DANGEROUSLY_BROAD].some((b) => source.startsWith(b))) scriptSrc.delete(source);
    }
  }
  const passive = ['img-src', 'media-src'].flatMap((name) => [...(csp.get(name) ?? csp.get('default-src') ?? [])]);
  const active = [...csp.entries()].filter(([name]) => !['img-src', 'media-src', 'script-src'].includes(name)).flatMap(([, s]) => [...s]).concat([...scriptSrc]);
  const insecure = (sources: string[]) => isHttps(site) && sources.some((s) => s.startsWith('http:') || s.startsWith('ftp:'));
  const defaultNone = csp.get('default-src')?.size === 1 && csp.get('default-src')?.has("'none'");
  const result: ObservatoryResult =
    [...scriptSrc].some((s) => DANGEROUSLY_BROAD.has(s) || UNSAFE_INLINE.has(s)) || [...objectSrc].some((s) => DANGEROUSLY_BROAD.has(s))
      ? 'csp-implemented-with-unsafe-inline'
      : insecure(active)
        ? 'csp-implemented-with-insecure-scheme'
        : scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")
          ? 'csp-implemented-with-unsafe-eval'
          : insecure(passive)
            ? 'csp-implemented-with-insecure-scheme-in-passive-content-only'
            : [...styleSrc].some((s) => DANGEROUSLY_BROAD.has(s) || UNSAFE_INLINE.has(s))
              ? 'csp-implemented-with-unsafe-inline-in-style-src-only'
              : defaultNone ? 'csp-implemented-with-no-unsafe-default-src-none' : 'csp-implemented-with-no-unsafe';
  return outcome(test, result, passing, details);
}

interface Cookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  /** The SameSite value as sent ('' when the attribute has no value), undefined when absent. */
  sameSite?: string;
}

export function parseSetCookie(header: string): Cookie {
  const [pair = '', ...attributes] = header.split(';');
  const cookie: Cookie = { name: pair.split('=')[0]!.trim(), secure: false, httpOnly: false };
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=');
    const name = key.trim().toLowerCase();
    if (name === 'secure') cookie.secure = true;
    else if (name === 'httponly') cookie.httpOnly = true;
    else if (name === 'samesite') cookie.sameSite = rest.join('=').trim().toLowerCase();
  }
  return cookie;
}

/** Worst first is last: a cookie's result only replaces the current one when it ranks higher here. */
const COOKIE_SEVERITY: ObservatoryResult[] = [
  'cookies-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-samesite-flag-invalid',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
];

export function cookies(site: ObservedSite, hsts: TestOutcome): TestOutcome {
  const test = 'cookies';
  const passing = ['cookies-not-found', 'cookies-secure-with-httponly-sessions-and-samesite', 'cookies-secure-with-httponly-sessions'] as const;
  const jar = site.cookies.map(parseSetCookie).filter((c) => c.name);
  if (jar.length === 0) return outcome(test, 'cookies-not-found', passing);
  const protectedByHsts = hsts.pass;
  let worst = -1;
  const details: string[] = [];
  for (const cookie of jar) {
    // Observatory's heuristics: a name with "login" or "sess" is a session cookie, with "csrf" an anti-CSRF token.
    const lower = cookie.name.toLowerCase();
    const session = lower.includes('login') || lower.includes('sess');
    const problems: [ObservatoryResult, string][] = [];
    const sameSite = cookie.sameSite;
    if (sameSite !== undefined && !['lax', 'strict', 'none'].includes(sameSite)) problems.push(['cookies-samesite-flag-invalid', `SameSite=${sameSite || '(empty)'} is not Strict, Lax or None`]);
    if (sameSite === 'none' && !cookie.secure) problems.push(['cookies-samesite-flag-invalid', 'SameSite=None without Secure']);
    if (!cookie.secure) {
      const result = session
        ? protectedByHsts ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag'
        : protectedByHsts ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag';
      problems.push([result, 'no Secure']);
    }
    if (lower.includes('csrf') && sameSite === undefined) problems.push(['cookies-anticsrf-without-samesite-flag', 'anti-CSRF token without SameSite']);
    if (session && !cookie.httpOnly) problems.push(['cookies-session-without-httponly-flag', 'session cookie without HttpOnly']);
    for (const [result] of problems) worst = Math.max(worst, COOKIE_SEVERITY.indexOf(result));
    if (problems.length > 0) details.push(`${cookie.name}: ${problems.map(([, text]) => text).join(', ')}`);
  }
  if (worst >= 0) return outcome(test, COOKIE_SEVERITY[worst]!, passing, details);
  const allSameSite = jar.every((c) => c.sameSite !== undefined);
  return outcome(test, allSameSite ? 'cookies-secure-with-httponly-sessions-and-samesite' : 'cookies-secure-with-httponly-sessions', passing,
    allSameSite ? [] : jar.filter((c) => c.sameSite === undefined).map((c) => `${c.name}: no SameSite`));
}

export function crossOriginResourceSharing(site: ObservedSite): TestOutcome {
  const test = 'cross-origin-resource-sharing';
  const passing = ['cross-origin-resource-sharing-not-implemented', 'cross-origin-resource-sharing-implemented-with-public-access', 'cross-origin-resource-sharing-implemented-with-restricted-access'] as const;
  const allowOrigin = site.cors ? firstHeader(site.cors.headers, 'access-control-allow-origin')?.trim() : undefined;
  if (!site.cors || !allowOrigin) return outcome(test, 'cross-origin-resource-sharing-not-implemented', passing);
  const credentials = firstHeader(site.cors.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  const details = [`Origin: ${site.cors.origin} → Access-Control-Allow-Origin: ${allowOrigin}${credentials ? ', Access-Control-Allow-Credentials: true' : ''}`];
  const result = allowOrigin === '*'
    ? 'cross-origin-resource-sharing-implemented-with-public-access'
    : allowOrigin === site.cors.origin && credentials
      ? 'cross-origin-resource-sharing-implemented-with-universal-access'
      : 'cross-origin-resource-sharing-implemented-with-restricted-access';
  return outcome(test, result, passing, details);
}

export function redirection(site: ObservedSite): TestOutcome {
  const passing = ['redirection-to-https', 'redirection-not-needed-no-http'] as const;
  const result = isHttps(site) ? site.redirection ?? 'redirection-not-needed-no-http' : 'redirection-missing';
  return outcome('redirection', result, passing);
}

export function runObservatoryTests(site: ObservedSite): TestOutcome[] {
  const csp = parseCsp(allHeaders(site.headers, 'content-security-policy'));
  const hsts = strictTransportSecurity(site);
  return [
    contentSecurityPolicy(site, csp),
    cookies(site, hsts),
    crossOriginResourceSharing(site),
    redirection(site),
    referrerPolicy(site),
    hsts,
    xContentTypeOptions(site),
    xFrameOptions(site, csp),
  ];
}
