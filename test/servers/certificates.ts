import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Certificates for TLS tests, made with the openssl CLI (Node's crypto can parse certificates
 * but not issue them). A test CA signs leaf certificates with exact validity dates — `openssl ca`
 * takes -startdate/-enddate, which `openssl x509 -days` cannot do for an already expired one.
 */
const run = promisify(execFile);
const OPENSSL = process.env['OPENSSL'] ?? 'openssl';
const DAY_MS = 86_400_000;

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestCa extends KeyPair {
  dir: string;
}

export interface LeafOptions {
  /** DNS names in the subjectAltName. */
  dnsNames?: string[];
  /** IP addresses in the subjectAltName. */
  ips?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run(OPENSSL, args, { cwd });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function sanOf(options: LeafOptions): string {
  const names = [...(options.dnsNames ?? []).map((n) => `DNS:${n}`), ...(options.ips ?? []).map((ip) => `IP:${ip}`)];
  if (names.length === 0) throw new Error('a test certificate needs at least one DNS name or IP');
  return names.join(',');
}

/** `openssl ca` dates: YYYYMMDDHHMMSSZ (GeneralizedTime). */
function asn1Time(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

export async function createTestCa(name = 'deploy-kit test CA'): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-ca-'));
  await openssl(
    ['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '365', '-subj', `/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  await Promise.all([writeFile(join(dir, 'index.txt'), ''), writeFile(join(dir, 'serial'), '1000\n')]);
  const [key, cert] = await Promise.all([readFile(join(dir, 'ca.key'), 'utf8'), readFile(join(dir, 'ca.crt'), 'utf8')]);
  return { dir, key, cert };
}

let leafCount = 0;

/** A leaf certificate for a server, signed by the test CA, valid exactly between the given dates. */
export async function issueCertificate(ca: TestCa, options: LeafOptions): Promise<KeyPair> {
  const id = `leaf-${process.pid}-${++leafCount}`;
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(Date.now() + 90 * DAY_MS);
  const config = [
    '[ ca ]', 'default_ca = test',
    '[ test ]', `dir = ${ca.dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir', 'serial = $dir/serial',
    'default_md = sha256', 'policy = any', 'unique_subject = no', 'copy_extensions = none',
    '[ any ]', 'commonName = supplied',
    '[ leaf ]', 'basicConstraints = CA:FALSE', 'keyUsage = critical,digitalSignature', 'extendedKeyUsage = serverAuth',
    `subjectAltName = ${sanOf(options)}`,
  ].join('\n');
  await writeFile(join(ca.dir, `${id}.cnf`), `${config}\n`);
  const commonName = options.dnsNames?.[0] ?? options.ips?.[0] ?? 'test';
  await openssl(['req', '-new', ...EC_KEY, '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', `/CN=${commonName}`], ca.dir);
  await openssl(
    ['ca', '-batch', '-notext', '-config', `${id}.cnf`, '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', `${id}.csr`, '-out', `${id}.crt`,
      '-startdate', asn1Time(notBefore), '-enddate', asn1Time(notAfter), '-extensions', 'leaf'],
    ca.dir,
  );
  const [key, cert] = await Promise.all([readFile(join(ca.dir, `${id}.key`), 'utf8'), readFile(join(ca.dir, `${id}.crt`), 'utf8')]);
  return { key, cert };
}

/** A certificate that signs itself: no CA vouches for it. */
export async function selfSignedCertificate(options: LeafOptions): Promise<KeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-self-'));
  const commonName = options.dnsNames?.[0] ?? options.ips?.[0] ?? 'test';
  await openssl(
    ['req', '-x509', ...EC_KEY, '-keyout', 'self.key', '-out', 'self.crt', '-days', '30', '-subj', `/CN=${commonName}`,
      '-addext', `subjectAltName=${sanOf(options)}`],
    dir,
  );
  const [key, cert] = await Promise.all([readFile(join(dir, 'self.key'), 'utf8'), readFile(join(dir, 'self.crt'), 'utf8')]);
  return { key, cert };
}

export const days = (n: number): Date => new Date(Date.now() + n * DAY_MS);
