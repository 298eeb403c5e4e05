/**
 * The HTTP Observatory results deploy-kit grades, with their score modifiers, as published in
 * MDN's "Tests & Scoring" (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring)
 * and mdn/mdn-http-observatory src/grader/charts.js (SCORE_TABLE). Descriptions and advice are
 * deploy-kit's own words.
 *
 * Not graded here: subresource integrity and CSP in <meta> tags (they need the HTML parsed),
 * Cross-Origin-Resource-Policy (the docs and the code disagree on its modifiers), and the HSTS
 * preload bonus (it needs Chromium's preload list).
 */
export interface ScoreEntry {
  modifier: number;
  description: string;
  /** What to do; absent when nothing is left to do. */
  advice?: string;
}

export const SCORE_TABLE = {
  // Content Security Policy
  'csp-implemented-with-no-unsafe-default-src-none': { modifier: 10, description: "CSP with default-src 'none' and nothing unsafe" },
  'csp-implemented-with-no-unsafe': { modifier: 5, description: "CSP without 'unsafe-inline' or 'unsafe-eval' in scripts" },
  'csp-implemented-with-unsafe-inline-in-style-src-only': { modifier: 0, description: "CSP allows unsafe sources ('unsafe-inline', data:, broad schemes) in style-src only", advice: "remove 'unsafe-inline' and data: from style-src" },
  'csp-implemented-with-insecure-scheme-in-passive-content-only': { modifier: -10, description: 'CSP lets images or media load over plain HTTP', advice: 'allow only https: sources in img-src and media-src' },
  'csp-implemented-with-unsafe-eval': { modifier: -10, description: "CSP allows 'unsafe-eval'", advice: "stop using eval()/new Function(), then remove 'unsafe-eval'" },
  'csp-implemented-with-insecure-scheme': { modifier: -20, description: 'CSP lets scripts or other active content load over plain HTTP', advice: 'remove http: sources from the policy' },
  'csp-implemented-with-unsafe-inline': { modifier: -20, description: "CSP allows 'unsafe-inline', data: or any host in script-src (or leaves script-src/object-src unrestricted)", advice: "use nonces or hashes instead of 'unsafe-inline' (Next.js: a nonce in middleware), and set script-src and object-src" },
  'csp-header-invalid': { modifier: -25, description: 'Content-Security-Policy cannot be parsed', advice: 'check the policy with https://csp-evaluator.withgoogle.com/' },
  'csp-not-implemented': { modifier: -25, description: 'no Content-Security-Policy header', advice: "add a Content-Security-Policy (start with default-src 'self'; frame-ancestors 'none')" },

  // Cookies
  'cookies-secure-with-httponly-sessions-and-samesite': { modifier: 5, description: 'every cookie is Secure, session cookies are HttpOnly, and all set SameSite' },
  'cookies-secure-with-httponly-sessions': { modifier: 0, description: 'every cookie is Secure and session cookies are HttpOnly', advice: 'add SameSite=Lax (or Strict) to every cookie' },
  'cookies-not-found': { modifier: 0, description: 'no cookies set' },
  'cookies-without-secure-flag-but-protected-by-hsts': { modifier: -5, description: 'cookies without Secure (HSTS keeps them off plain HTTP)', advice: 'add Secure to every cookie' },
  'cookies-session-without-secure-flag-but-protected-by-hsts': { modifier: -10, description: 'a session cookie without Secure (HSTS keeps it off plain HTTP)', advice: 'add Secure to session cookies' },
  'cookies-without-secure-flag': { modifier: -20, description: 'cookies without Secure, or set over plain HTTP', advice: 'add Secure to every cookie and set HSTS' },
  'cookies-samesite-flag-invalid': { modifier: -20, description: 'a SameSite value that is not Strict or Lax (or None without Secure)', advice: 'use SameSite=Lax or Strict' },
  'cookies-anticsrf-without-samesite-flag': { modifier: -20, description: 'an anti-CSRF token cookie without SameSite', advice: 'add SameSite=Strict to the CSRF cookie' },
  'cookies-session-without-httponly-flag': { modifier: -30, description: 'a session cookie without HttpOnly: scripts (and XSS) can read it', advice: 'add HttpOnly to session cookies' },
  'cookies-session-without-secure-flag': { modifier: -40, description: 'a session cookie without Secure, or set over plain HTTP', advice: 'add Secure to session cookies and set HSTS' },

  // Cross-origin resource sharing
  'cross-origin-resource-sharing-not-implemented': { modifier: 0, description: 'no CORS headers for a foreign origin' },
  'cross-origin-resource-sharing-implemented-with-public-access': { modifier: 0, description: 'CORS allows any origin (*) without credentials' },
  'cross-origin-resource-sharing-implemented-with-restricted-access': { modifier: 0, description: 'CORS restricted to specific origins' },
  'cross-origin-resource-sharing-implemented-with-universal-access': { modifier: -50, description: 'CORS reflects any origin and allows credentials: any site can act as the signed-in user', advice: 'allow credentials only for a fixed list of origins, never by echoing the Origin header' },

  // Redirection
  'redirection-to-https': { modifier: 0, description: 'plain HTTP redirects to HTTPS on the same host' },
  'redirection-not-needed-no-http': { modifier: 0, description: 'nothing listens on plain HTTP' },
  'redirection-off-host-from-http': { modifier: -5, description: 'plain HTTP first redirects to another host, so HSTS is never set for this one', advice: 'redirect to https:// on the same host first, then to the other host' },
  'redirection-not-to-https-on-initial-redirection': { modifier: -10, description: 'plain HTTP reaches HTTPS only after another HTTP hop', advice: 'redirect straight to https:// on the same host' },
  'redirection-not-to-https': { modifier: -20, description: 'plain HTTP redirects, but not to HTTPS', advice: 'redirect to https:// on the same host' },
  'redirection-missing': { modifier: -20, description: 'plain HTTP does not redirect to HTTPS', advice: 'redirect every plain HTTP request to https:// on the same host (301/308)' },
  'redirection-invalid-cert': { modifier: -20, description: 'the HTTPS redirect target has an invalid certificate', advice: 'fix the certificate (see the TLS check)' },

  // Referrer-Policy
  'referrer-policy-private': { modifier: 5, description: 'Referrer-Policy keeps URLs private (no-referrer, same-origin, strict-origin or strict-origin-when-cross-origin)' },
  'referrer-policy-not-implemented': { modifier: 0, description: 'no Referrer-Policy header (browsers default to strict-origin-when-cross-origin)', advice: 'send Referrer-Policy: strict-origin-when-cross-origin' },
  'referrer-policy-unsafe': { modifier: -5, description: 'Referrer-Policy leaks full URLs to other sites (origin, origin-when-cross-origin, unsafe-url or no-referrer-when-downgrade)', advice: 'use strict-origin-when-cross-origin' },
  'referrer-policy-header-invalid': { modifier: -5, description: 'Referrer-Policy has no recognised value', advice: 'use strict-origin-when-cross-origin' },

  // Strict-Transport-Security
  'hsts-implemented-max-age-at-least-six-months': { modifier: 0, description: 'HSTS with max-age of at least six months' },
  'hsts-implemented-max-age-less-than-six-months': { modifier: -10, description: 'HSTS max-age under six months (15552000 s)', advice: 'raise max-age to 63072000 (two years)' },
  'hsts-not-implemented': { modifier: -20, description: 'no Strict-Transport-Security header', advice: 'send Strict-Transport-Security: max-age=63072000; includeSubDomains; preload' },
  'hsts-header-invalid': { modifier: -20, description: 'Strict-Transport-Security cannot be parsed (set twice, or without max-age)', advice: 'send it once: Strict-Transport-Security: max-age=63072000; includeSubDomains' },
  'hsts-not-implemented-no-https': { modifier: -20, description: 'HSTS cannot apply: the site is not served over HTTPS', advice: 'serve the site over HTTPS' },
  'hsts-invalid-cert': { modifier: -20, description: 'HSTS cannot apply: the certificate chain is invalid', advice: 'fix the certificate (see the TLS check)' },

  // X-Content-Type-Options
  'x-content-type-options-nosniff': { modifier: 0, description: 'X-Content-Type-Options: nosniff' },
  'x-content-type-options-not-implemented': { modifier: -5, description: 'no X-Content-Type-Options header', advice: 'send X-Content-Type-Options: nosniff' },
  'x-content-type-options-header-invalid': { modifier: -5, description: 'X-Content-Type-Options is not nosniff', advice: 'send X-Content-Type-Options: nosniff' },

  // X-Frame-Options
  'x-frame-options-implemented-via-csp': { modifier: 5, description: 'framing controlled by CSP frame-ancestors' },
  'x-frame-options-sameorigin-or-deny': { modifier: 0, description: 'X-Frame-Options: DENY or SAMEORIGIN', advice: "also set CSP frame-ancestors 'none' (or 'self')" },
  'x-frame-options-allow-from-origin': { modifier: 0, description: 'X-Frame-Options: ALLOW-FROM (ignored by modern browsers)', advice: 'use CSP frame-ancestors instead' },
  'x-frame-options-not-implemented': { modifier: -20, description: 'no X-Frame-Options and no CSP frame-ancestors: the site can be framed (clickjacking)', advice: "send X-Frame-Options: DENY or CSP frame-ancestors 'none'" },
  'x-frame-options-header-invalid': { modifier: -20, description: 'X-Frame-Options has an unrecognised value', advice: "send X-Frame-Options: DENY or CSP frame-ancestors 'none'" },
} as const satisfies Record<string, ScoreEntry>;

export type ObservatoryResult = keyof typeof SCORE_TABLE;

export function entryOf(result: ObservatoryResult): ScoreEntry {
  return SCORE_TABLE[result];
}
