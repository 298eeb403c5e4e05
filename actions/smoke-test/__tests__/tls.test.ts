import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { smokeTestDefinition } from '../src/action.js';
import { inspectCertificate } from '../../../packages/shared/src/smoke/tls-check.js';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { createTestCa, days, issueCertificate, selfSignedCertificate, type TestCa } from '../../../test/servers/certificates.js';
import { startSite, type Site, type SiteOptions } from '../../../test/servers/site.js';
import { GOOD_HEADERS, checkOf } from './helpers.js';

/** HTTPS with certificates generated here: valid, expiring soon, expired, self-signed, wrong host, SNI. */
describe('TLS certificate checks', () => {
  let ca: TestCa;
  const sites: Site[] = [];

  beforeAll(async () => {
    ca = await createTestCa();
  });
  afterAll(async () => Promise.all(sites.map((s) => s.close())));

  async function serve(options: SiteOptions): Promise<Site> {
    const site = await startSite({ 'GET /': () => ({ headers: GOOD_HEADERS, body: 'shop' }) }, options);
    sites.push(site);
    return site;
  }

  function smoke(url: string, inputs: Record<string, string> = {}, resolveHosts?: Record<string, string>) {
    const definition = smokeTestDefinition({ trustedCa: [ca.cert], resolveHosts, httpProbeUrl: 'http://127.0.0.1:9/' });
    return runLikeRunner(definition, { url, 'wait-for': '0', requests: '1', ...inputs });
  }

  it('passes a certificate from a trusted CA, counting the days left', async () => {
    const site = await serve({ tls: await issueCertificate(ca, { ips: ['127.0.0.1'], notAfter: days(60.5) }) });
    const tls = checkOf(await smoke(site.url), 'tls');
    expect(tls.status).toBe('pass');
    expect(tls.summary).toMatch(/^valid for 60 more days \(until \d{4}-\d\d-\d\d, at least 14\); 127\.0\.0\.1 issued by deploy-kit test CA, expires/);
  });

  it('fails a certificate expiring in 3 days against min-tls-days 14, and passes it with min-tls-days 2', async () => {
    const site = await serve({ tls: await issueCertificate(ca, { ips: ['127.0.0.1'], notAfter: days(3.5) }) });
    const soon = await smoke(site.url);
    expect(checkOf(soon, 'tls')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/^expected the certificate to stay valid at least 14 days, it expires in 3 day\(s\) \(\d{4}-\d\d-\d\d\): renew it now/),
    });
    // Expiring soon is not untrusted: the other checks still run.
    expect(checkOf(soon, 'headers').status).toBe('pass');
    expect(checkOf(await smoke(site.url, { 'min-tls-days': '2' }), 'tls').status).toBe('pass');
  });

  it('names an expired certificate, and skips the checks a browser could not reach', async () => {
    const site = await serve({ tls: await issueCertificate(ca, { ips: ['127.0.0.1'], notBefore: days(-60), notAfter: days(-2) }) });
    const run = await smoke(site.url);
    expect(checkOf(run, 'readiness').summary).toContain('answers, but the certificate is expired (CERT_HAS_EXPIRED)');
    expect(checkOf(run, 'tls')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/^expected a certificate browsers trust for 127\.0\.0\.1, got: the certificate is expired \(CERT_HAS_EXPIRED\): renew the certificate/) });
    expect(checkOf(run, 'headers')).toMatchObject({ status: 'skip', summary: 'not run: the certificate is expired (CERT_HAS_EXPIRED): renew the certificate (Vercel renews automatically: check the domain is still verified in the project settings) (see the TLS check)' });
    expect(checkOf(run, 'endpoint:GET /').status).toBe('skip');
    expect(run.failed).toBe(true);
  });

  it('names a self-signed certificate', async () => {
    const site = await serve({ tls: await selfSignedCertificate({ ips: ['127.0.0.1'] }) });
    expect(checkOf(await smoke(site.url), 'tls').summary).toMatch(/got: the certificate is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\): use a certificate issued by a public CA/);
  });

  it('names a certificate issued for another host', async () => {
    const site = await serve({ tls: await issueCertificate(ca, { dnsNames: ['other.example'] }) });
    expect(checkOf(await smoke(site.url), 'tls').summary).toMatch(/got: the certificate is wrong host \(ERR_TLS_CERT_ALTNAME_INVALID\): issue the certificate for this host name/);
  });

  it('sends SNI: a server with a certificate per name answers with the one for the URL\'s host', async () => {
    const shop = await issueCertificate(ca, { dnsNames: ['shop.test'], notAfter: days(30.5) });
    const fallback = await issueCertificate(ca, { dnsNames: ['default.test'] });
    const site = await serve({ tls: fallback, sni: { 'shop.test': shop } });
    const run = await smoke(`https://shop.test:${site.port}/`, {}, { 'shop.test': '127.0.0.1' });
    expect(checkOf(run, 'tls')).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^valid for 30 more days .*shop\.test issued by deploy-kit test CA/) });
    expect(run.failed).toBe(false);
    // Without SNI the same server shows its fallback certificate, which is for another host.
    const bare = await inspectCertificate(new URL(`https://127.0.0.1:${site.port}/`), { trustedCa: [ca.cert] });
    expect(bare).toMatchObject({ authorized: false, subject: 'default.test', problem: { name: 'wrong host' } });
  });

  it('says when nothing answers TLS at all', async () => {
    const plain = await startSite({ 'GET /': () => ({ body: 'plain' }) });
    sites.push(plain);
    await expect(inspectCertificate(new URL(`https://127.0.0.1:${plain.port}/`))).rejects.toMatchObject({ code: expect.stringMatching(/EPROTO|ERR_SSL/) });
  });
});
