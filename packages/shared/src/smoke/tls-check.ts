import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import type { CheckOutcome } from './endpoints.js';
import { connectOptions, errorCode, type ProbeNetwork } from './probe.js';
import { describeTlsProblem, tlsProblem, type TlsProblem } from './tls-problems.js';

/**
 * The certificate the deployment serves: one TLS handshake with SNI (the URL's host name, as a
 * browser sends it), verified against the trusted roots without rejecting, so an invalid chain is
 * named rather than just refused.
 */
export interface CertificateInfo {
  authorized: boolean;
  problem?: TlsProblem;
  /** The raw verification code when it is not one deploy-kit names. */
  verifyError?: string;
  subject?: string;
  issuer?: string;
  validTo: Date;
  daysLeft: number;
  protocol?: string;
}

const DAY_MS = 86_400_000;

function nameOf(entity: PeerCertificate['subject'] | undefined): string | undefined {
  const cn = entity?.CN;
  return Array.isArray(cn) ? cn[0] : cn ?? entity?.O?.toString();
}

export function inspectCertificate(url: URL, network: ProbeNetwork = {}, now = Date.now()): Promise<CertificateInfo> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const timeoutMs = network.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      // RFC 6066 §3: SNI carries host names only, never IP addresses.
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      ...connectOptions(network),
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error(`no TLS handshake within ${timeoutMs} ms`), { code: 'TIMEOUT' })));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const validTo = new Date(cert.valid_to);
      const code = socket.authorized ? undefined : String(socket.authorizationError ?? 'UNKNOWN');
      resolve({
        authorized: socket.authorized,
        problem: tlsProblem(code),
        verifyError: code,
        subject: nameOf(cert.subject),
        issuer: nameOf(cert.issuer),
        validTo,
        daysLeft: Math.floor((validTo.getTime() - now) / DAY_MS),
        protocol: socket.getProtocol() ?? undefined,
      });
      socket.end();
    });
    socket.once('error', (error) => reject(Object.assign(error, { code: errorCode(error) })));
  });
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export async function checkTls(url: URL, minDays: number, network: ProbeNetwork): Promise<CheckOutcome> {
  if (url.protocol !== 'https:') {
    return { status: 'fail', summary: `expected an https:// URL, got ${url.protocol}// : the deployment is served over plain HTTP, with no certificate to check. Smoke-test the https:// URL.` };
  }
  let info: CertificateInfo;
  try {
    info = await inspectCertificate(url, network);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { status: 'fail', summary: `expected a TLS handshake with ${url.host}, got: ${(error as Error).message}${code && !(error as Error).message.includes(code) ? ` (${code})` : ''}` };
  }
  const facts = `${info.subject ?? 'certificate'} issued by ${info.issuer ?? 'unknown'}, expires ${day(info.validTo)}${info.protocol ? `, ${info.protocol}` : ''}`;
  if (!info.authorized) {
    const problem = info.problem ? describeTlsProblem(info.problem) : `verification failed (${info.verifyError})`;
    return { status: 'fail', summary: `expected a certificate browsers trust for ${url.hostname}, got: ${problem}`, detail: facts };
  }
  if (info.daysLeft < minDays) {
    return {
      status: 'fail',
      summary: `expected the certificate to stay valid at least ${minDays} days, it expires in ${info.daysLeft} day(s) (${day(info.validTo)}): renew it now (or lower min-tls-days)`,
      detail: facts,
    };
  }
  return { status: 'pass', summary: `valid for ${info.daysLeft} more days (until ${day(info.validTo)}, at least ${minDays}); ${facts}` };
}
