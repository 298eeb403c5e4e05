import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recognizeSecret } from '../src/secret-rules/recognize.js';
import { readWorkspaceFile } from '../src/workspace-files.js';

/** recognizeSecret: one value against preflight's secret rules. Key-shaped values are assembled at run time. */
const random = (n: number) => randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n).padEnd(n, '7');
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: Record<string, unknown>) => [b64url({ alg: 'HS256' }), b64url(payload), random(40)].join('.');

describe('recognizeSecret', () => {
  const secrets: [value: string, rule: string][] = [
    [['sk', 'live', random(24)].join('_'), 'secret/stripe-live-key'],
    [['sb', 'secret', random(32)].join('_'), 'secret/supabase-secret-key'],
    [jwt({ role: 'service_role', iss: 'supabase' }), 'secret/supabase-service-role-key'],
    [`postgres://app:${random(16)}@db.internal:5432/app`, 'secret/database-url'],
    [`https://hooks.slack.com/services/T0${random(8)}/B0${random(8)}/${random(24)}`, 'secret/slack-webhook'],
  ];
  it.each(secrets)('%s is a %s', (value, rule) => {
    expect(recognizeSecret(value)?.rule).toBe(rule);
  });

  it.each([
    ['pk', 'live', random(24)].join('_'),
    jwt({ role: 'anon', iss: 'supabase' }),
    'postgres://postgres:postgres@localhost:5432/app',
    'https://app.example.com',
    ['sk', 'live', 'your_key_here_placeholder'].join('_'),
  ])('%s is not a secret', (value) => {
    expect(recognizeSecret(value)).toBeUndefined();
  });
});

describe('readWorkspaceFile', () => {
  it('refuses a file over the size bound, naming the input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-'));
    await writeFile(join(dir, 'big.env'), 'A=1\n'.repeat(1000));
    await expect(readWorkspaceFile(dir, dir, { input: 'env-file', value: 'big.env', expected: 'a file' }, 1024)).rejects.toThrow("Input 'env-file' \"big.env\" is larger than 1 KiB: expected a file.");
    await expect(readWorkspaceFile(dir, dir, { input: 'env-file', value: 'none.env', expected: 'a file' })).resolves.toBeUndefined();
  });
});
