/**
 * Certificate verification failures by the code OpenSSL (through Node's tls) reports, named the
 * way an on-call engineer thinks of them, with what to do. Codes: the X509_V_ERR_* names of
 * https://docs.openssl.org/3.0/man3/X509_STORE_CTX_get_error/ without the prefix, and Node's own
 * ERR_TLS_CERT_ALTNAME_INVALID for a host name mismatch (https://nodejs.org/api/errors.html).
 */
export interface TlsProblem {
  code: string;
  /** Short name: "expired", "self-signed", "wrong host"... */
  name: string;
  advice: string;
}

const RENEW = 'renew the certificate (Vercel renews automatically: check the domain is still verified in the project settings)';
const CHAIN = 'serve the full chain (leaf + intermediates) from a CA browsers trust';

const PROBLEMS: Record<string, Omit<TlsProblem, 'code'>> = {
  CERT_HAS_EXPIRED: { name: 'expired', advice: RENEW },
  CERT_NOT_YET_VALID: { name: 'not valid yet', advice: "check the server's clock and the certificate's start date" },
  DEPTH_ZERO_SELF_SIGNED_CERT: { name: 'self-signed', advice: 'use a certificate issued by a public CA (e.g. Let\'s Encrypt, or the one Vercel issues for the domain)' },
  SELF_SIGNED_CERT_IN_CHAIN: { name: 'untrusted root (self-signed CA)', advice: CHAIN },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { name: 'incomplete chain or unknown issuer', advice: CHAIN },
  UNABLE_TO_GET_ISSUER_CERT: { name: 'incomplete chain or unknown issuer', advice: CHAIN },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { name: 'incomplete chain or unknown issuer', advice: CHAIN },
  CERT_REVOKED: { name: 'revoked', advice: 'issue a new certificate' },
  CERT_SIGNATURE_FAILURE: { name: 'bad signature', advice: 'reissue the certificate' },
  ERR_TLS_CERT_ALTNAME_INVALID: { name: 'wrong host', advice: 'issue the certificate for this host name (add it to the subjectAltName), or test the URL the certificate was issued for' },
  HOSTNAME_MISMATCH: { name: 'wrong host', advice: 'issue the certificate for this host name (add it to the subjectAltName)' },
};

export function tlsProblem(code: string | undefined): TlsProblem | undefined {
  if (!code) return undefined;
  const known = PROBLEMS[code];
  if (known) return { code, ...known };
  if (/^(CERT_|UNABLE_TO_|ERR_TLS_CERT|SELF_SIGNED|DEPTH_ZERO)/.test(code)) return { code, name: code.toLowerCase().replace(/_/g, ' '), advice: CHAIN };
  return undefined;
}

export function describeTlsProblem(problem: TlsProblem): string {
  return `the certificate is ${problem.name} (${problem.code}): ${problem.advice}`;
}
