import { describe, it, expect } from '@jest/globals';
import { compilePolicy, type PolicyOptions } from '../../src/scan/policy.js';
import { scanText } from '../../src/scan/file-scan.js';
import { isPlaceholder, shannonEntropy, looksRandom } from '../../../../packages/shared/src/secret-rules/value-checks.js';
import { redactValue } from '../../src/scan/redact-value.js';
import { isSecretName, isHighEntropySecret } from '../../src/scan/assignments.js';
import { ConfigurationError } from '../../../../packages/shared/src/errors.js';
import { seededRandom } from '../fixtures/secrets-corpus/corpus.js';

const random = seededRandom(42);
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = (length: number) => Array.from({ length }, () => BASE62[Math.floor(random() * 62)]).join('');
// Assembled at run time: no realistic secret is written in the repository.
const stripeLive = () => ['sk', 'live', `51${token(40)}`].join('_');
const githubPat = () => ['ghp', token(36)].join('_');

function scan(text: string, file = 'src/config.ts', options: Partial<PolicyOptions> = {}) {
  const policy = compilePolicy({ consoleAllow: ['error', 'warn'], todoPolicy: 'off', exempt: [], allowlist: [], ...options });
  return scanText(text, file, policy);
}

describe('value checks', () => {
  it('recognises placeholders', () => {
    for (const value of [
      'your_key_here', 'YOUR_API_KEY', 'xxx', 'xxxxxxxxxxxxxxxx', '${VAR}', '${{ secrets.TOKEN }}', '<token>', '[YOUR-PASSWORD]',
      'changeme', 'example-key-123', 'process.env.API_KEY', 'aaaaaaaaaaaa', 'abcdef1234567890', '********', 'my-test-token',
      '%s', '{password}', '$SECRET',
    ]) {
      expect([value, isPlaceholder(value)]).toEqual([value, true]);
    }
  });

  it('does not take random tokens for placeholders, even when they contain a placeholder word', () => {
    for (let i = 0; i < 200; i++) expect(isPlaceholder(token(32))).toBe(false);
    expect(isPlaceholder('q8Zk2myWv7Lp0herePx3Rt9s')).toBe(false);
  });

  it('measures entropy and randomness', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(looksRandom(token(36))).toBe(true);
    expect(looksRandom('cassette_name_for_the_fixture')).toBe(false);
  });

  it('redacts to the first four characters and the length, or only the length for short values', () => {
    expect(redactValue('abcdefghijklmnopqrst')).toBe('abcd… (20 chars)');
    expect(redactValue('hunter2hunter')).toBe('(13 chars)');
  });

  it('knows which names hold secrets', () => {
    for (const name of ['DB_PASSWORD', 'apiKey', 'client_secret', 'STRIPE_SECRET_KEY', 'SECRET_KEY_BASE', 'NEXTAUTH_SECRET', 'dbpassword', 'APIKEY', 'auth.token', 'accessToken', 'webhookSecretValue']) {
      expect([name, isSecretName(name)]).toEqual([name, true]);
    }
    for (const name of ['tokenType', 'passwordField', 'secretName', 'publicKey', 'NEXT_PUBLIC_API_KEY', 'key', 'cacheKey', 'monkey', 'TOKEN_STORAGE_KEY', 'bypass', 'keyboard', 'hashed_token', 'encrypted_password', 'exampleSecret']) {
      expect([name, isSecretName(name)]).toEqual([name, false]);
    }
  });

  it('tells high-entropy secrets from ordinary values', () => {
    expect(isHighEntropySecret(token(24))).toBe(true);
    for (const value of ['auth.password.too_short', 'GITHUB_TOKEN', '/run/secrets/db_password', 'keys/dev-2024.pem', 'sha512-abc123def456ghi789', '$2b$10$abcdefghijklmnopqrstuv', '123456789012345', 'short1', 'ドキュメントにはタイトル要素がありません', 'two words1 Ab9', 'ErrorIdTokenInvalid', 'resetPasswordTokenExpiry']) {
      expect([value, isHighEntropySecret(value)]).toEqual([value, false]);
    }
  });
});

describe('secret findings', () => {
  it('place the finding on the secret with line, column and end', () => {
    const secret = stripeLive();
    const [finding] = scan(`const a = 1;\nconst stripe = new Stripe('${secret}');\n`);
    expect(finding).toMatchObject({ rule: 'secret/stripe-live-key', severity: 'error', file: 'src/config.ts', line: 2, column: 28, endLine: 2, endColumn: 28 + secret.length });
  });

  it('never contain the secret, in any field', () => {
    const secrets = [stripeLive(), githubPat(), `${token(6)}-${token(10)}`];
    const text = `a = '${secrets[0]}'\nb = "${secrets[1]}"\nDATABASE_URL=postgres://app:${secrets[2]}@db.internal/app\n`;
    const findings = scan(text, '.env');
    expect(findings.map((f) => f.rule)).toEqual(['secret/stripe-live-key', 'secret/github-pat', 'secret/database-url']);
    const shown = JSON.stringify(findings);
    for (const secret of secrets) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain(secret.slice(4));
      expect(shown).not.toContain(secret.slice(-8));
    }
  });

  it('prefer the vendor rule over the keyword assignment for the same value', () => {
    expect(scan(`const STRIPE_SECRET_KEY = '${stripeLive()}';`).map((f) => f.rule)).toEqual(['secret/stripe-live-key']);
  });

  it('count unquoted values only where they are literals', () => {
    const value = token(24);
    expect(scan(`API_TOKEN=${value}`, '.env').map((f) => f.rule)).toEqual(['secret/generic-assignment']);
    expect(scan(`api_token: ${value}`, 'config/app.yaml').map((f) => f.rule)).toEqual(['secret/generic-assignment']);
    expect(scan(`const apiToken = ${value};`, 'src/a.ts')).toEqual([]);
    expect(scan(`const apiToken = '${value}';`, 'src/a.ts').map((f) => f.rule)).toEqual(['secret/generic-assignment']);
  });

  it('skip a constant whose value is its own name', () => {
    expect(scan('enum Codes { ErrorIdToken = "ErrorIdToken", Sec2Token = "SEC2_TOKEN" }')).toEqual([]);
  });

  it('are found in test and config files too (the exemption is for the source scan only)', () => {
    const text = `console.log(1);\nconst token = '${githubPat()}';\n`;
    expect(scan(text, 'src/api.test.ts', { exempt: ['**/*.test.*'] }).map((f) => f.rule)).toEqual(['secret/github-pat']);
  });
});

describe('silencing findings', () => {
  it('deploy-kit:allow on the same line or on a comment line just above', () => {
    const pat = githubPat();
    expect(scan(`const t = '${pat}'; // deploy-kit:allow`)).toEqual([]);
    expect(scan(`# deploy-kit:allow test fixture\nTOKEN=${pat}`, '.env')).toEqual([]);
    expect(scan(`// deploy-kit:allow\nconst t = '${pat}';`)).toEqual([]);
    expect(scan(`const a = 1; // deploy-kit:allow\nconst t = '${pat}';`)).toHaveLength(1);
    expect(scan(`// deploy-kit:allow\n\nconst t = '${pat}';`)).toHaveLength(1);
  });

  it('deploy-kit:allow also silences source findings', () => {
    const policy = compilePolicy({ consoleAllow: [], todoPolicy: 'warn', exempt: [], allowlist: [] });
    expect(scanText('console.log(1); // deploy-kit:allow\n// TODO ok deploy-kit:allow\nx = 1;\ndebugger', 'src/a.ts', policy).map((f) => f.rule)).toEqual(['debugger']);
  });

  it('allowlist entries by rule, path glob, literal value and /regex/, all given fields together', () => {
    const pat = githubPat();
    const text = `const a = '${pat}';\nconst b = '${stripeLive()}';`;
    const rules = (options: Partial<PolicyOptions>, file = 'src/config.ts') => scan(text, file, options).map((f) => f.rule);
    expect(rules({})).toEqual(['secret/github-pat', 'secret/stripe-live-key']);
    expect(rules({ allowlist: [{ rule: 'secret/github-pat' }] })).toEqual(['secret/stripe-live-key']);
    expect(rules({ allowlist: [{ rule: 'secret/*' }] })).toEqual([]);
    expect(rules({ allowlist: [{ path: 'docs/**' }] }, 'docs/setup.ts')).toEqual([]);
    expect(rules({ allowlist: [{ path: 'docs/**' }] })).toHaveLength(2);
    expect(rules({ allowlist: [{ value: pat }] })).toEqual(['secret/stripe-live-key']);
    expect(rules({ allowlist: [{ value: '/^sk_live_51/' }] })).toEqual(['secret/github-pat']);
    expect(rules({ allowlist: [{ rule: 'secret/github-pat', path: 'docs/**' }] })).toHaveLength(2);
    expect(rules({ allowlist: [{ rule: 'console', value: pat }] })).toHaveLength(2);
  });

  it('reject allowlist entries that would silence everything or do not compile, without echoing the value', () => {
    expect(() => scan('', 'a.ts', { allowlist: [{}] })).toThrow(
      new ConfigurationError('preflight.secret-allowlist entry 1 in the config file has no rule, path or value, so it would silence every finding: give it at least one of them.'),
    );
    const secretish = 'ab12cd34ef56(';
    let message = '';
    try {
      scan('', 'a.ts', { allowlist: [{ rule: 'secret/*' }, { value: `/${secretish}/` }] });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^preflight\.secret-allowlist entry 2 in the config file: its value is not a valid regular expression \(Unterminated group\)/);
    expect(message).not.toContain(secretish);
  });
});
