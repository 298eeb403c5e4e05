import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator } from '../../../test/emulators/github.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import type { RunnerRun } from '../../../test/harness/runner.js';
import { hex, jwt, randomText, runEnvCheck, stripeKey, supabaseKey, workspace } from './helpers.js';

/**
 * Known secret values, good and bad, through every source: none of them — whole, or the parts a
 * message might quote — appears in anything env-check printed or wrote (stdout, summary, outputs,
 * the JSON report).
 */
const password = randomText(18);
const SECRETS: Record<string, string> = {
  ENCRYPTION_MASTER_KEY: hex(63), // invalid: one short
  STRIPE_SECRET_KEY: stripeKey('sk', 'test'), // invalid in production
  SUPABASE_SERVICE_ROLE_KEY: jwt({ role: 'anon' }), // invalid: the wrong key
  DATABASE_URL: `mysql://app:${password}@db.internal:3306/app`, // invalid: wrong scheme
  JWT_SECRET: randomText(20), // invalid: too short
  SESSION_SECRET: randomText(40), // ok, inferred secret
  NEXT_PUBLIC_SUPABASE_ANON_KEY: supabaseKey('secret'), // a secret in a public variable
  NEXT_PUBLIC_BAD_URL: `https://user:${password}x@example.org/x`, // public, not a recognised secret
};
const SCHEMA = `env:
  variables:
    ENCRYPTION_MASTER_KEY: { type: hex, length: 64, secret: true }
    STRIPE_SECRET_KEY: { type: stripe-secret-key, secret: true }
    DATABASE_URL: { type: url, protocols: [postgres, postgresql], secret: true }
    JWT_SECRET: { type: string, min-length: 32, secret: true }
`;
const EXAMPLE = Object.keys(SECRETS).map((k) => `${k}=`).join('\n');
const dotenv = Object.entries(SECRETS).map(([k, v]) => `${k}="${v}"`).join('\n');
const HIDDEN = ['ENCRYPTION_MASTER_KEY', 'STRIPE_SECRET_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'DATABASE_URL', 'JWT_SECRET', 'SESSION_SECRET', 'NEXT_PUBLIC_SUPABASE_ANON_KEY'];

function expectNoSecret(run: RunnerRun): void {
  expect(run.everything).toContain('Environment variables');
  expect(run.outputs['report-path']).toBeDefined();
  for (const name of HIDDEN) {
    const value = SECRETS[name]!;
    for (const part of [value, value.slice(0, 16), value.slice(-16), password]) {
      expect({ name, part, found: run.everything.includes(part) }).toEqual({ name, part, found: false });
    }
  }
}

let vercel: VercelEmulator;
beforeAll(async () => {
  vercel = await startVercelEmulator();
  for (const [key, value] of Object.entries(SECRETS)) vercel.addEnv({ key, value, type: key.startsWith('NEXT_PUBLIC') ? 'plain' : 'encrypted', target: ['production'] });
});
afterAll(async () => vercel.close());

describe('no secret value reaches any output', () => {
  it('source env', async () => {
    const ws = await workspace({ '.github/deploy-kit.yml': SCHEMA, '.env.example': EXAMPLE });
    const run = await runEnvCheck(ws, { environment: 'production' }, { env: SECRETS });
    expect(run.failed).toBe(true);
    expect(JSON.parse(run.outputs['invalid']!)).toEqual(['ENCRYPTION_MASTER_KEY', 'STRIPE_SECRET_KEY', 'DATABASE_URL', 'JWT_SECRET', 'SUPABASE_SERVICE_ROLE_KEY', 'NEXT_PUBLIC_SUPABASE_ANON_KEY']);
    expectNoSecret(run);
  });

  it('source dotenv, with the file also broken in places', async () => {
    const ws = await workspace({ '.github/deploy-kit.yml': SCHEMA, '.env.example': EXAMPLE, '.env.production.local': `${dotenv}\n${SECRETS['JWT_SECRET']}\n${SECRETS['STRIPE_SECRET_KEY']}==\n` });
    const run = await runEnvCheck(ws, { environment: 'production', source: 'dotenv', 'env-file': '.env.production.local' });
    expect(run.result.report.findings.filter((f) => f.rule === 'dotenv/malformed')).toHaveLength(2);
    expectNoSecret(run);
  });

  it('source vercel', async () => {
    const ws = await workspace({ '.github/deploy-kit.yml': SCHEMA, '.env.example': EXAMPLE });
    const run = await runEnvCheck(ws, { environment: 'production', source: 'vercel', 'vercel-token': vercel.token, 'vercel-org-id': vercel.teamId, 'vercel-project-id': vercel.project.id, 'api-url': vercel.url });
    expect(run.result.report.checks).toHaveLength(Object.keys(SECRETS).length);
    expectNoSecret(run);
  });
});

describe('the sticky pull request comment', () => {
  it('gets the env-check section, with the table and without any secret', async () => {
    const github = await startGitHubEmulator();
    try {
      const ws = await workspace({ '.github/deploy-kit.yml': SCHEMA, '.env.example': EXAMPLE });
      const event = { number: 12, pull_request: { number: 12, head: { ref: 'feature', sha: 'a'.repeat(40), repo: { full_name: 'acme/shop' } }, base: { ref: 'main', repo: { full_name: 'acme/shop' } } } };
      const env = { ...SECRETS, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop' };
      await runEnvCheck(ws, { environment: 'production', 'github-token': 'gh-token-for-tests' }, { env, event, eventName: 'pull_request' });
      const [comment] = github.state.comments;
      expect(comment!.issue).toBe(12);
      expect(comment!.body).toContain('| ❌ | ENCRYPTION_MASTER_KEY (secret) | invalid: is 63 hex characters, expected 64 |');
      for (const name of HIDDEN) expect({ name, found: comment!.body.includes(SECRETS[name]!) }).toEqual({ name, found: false });
      expect(comment!.body).not.toContain(password);
    } finally {
      await github.close();
    }
  });
});
