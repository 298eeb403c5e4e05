import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { FilterProjectEnvsResponseBody$inboundSchema } from '@vercel/sdk/models/filterprojectenvsop.js';
import { request } from 'undici';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { ISSUE_SCHEMA, REALISTIC_EXAMPLE, hex, jwt, rowOf, runEnvCheck, stripeKey, supabaseKey, workspace } from './helpers.js';

const SCHEMA = ISSUE_SCHEMA;
const EXAMPLE = 'ENCRYPTION_MASTER_KEY=\nSTRIPE_SECRET_KEY=\nNEXT_PUBLIC_SUPABASE_URL=\nDATABASE_URL=\nSENTRY_DSN=\nJWT_SECRET=\nEXTRA_FLAG=\n';

function goodValues(): Record<string, string> {
  return {
    ENCRYPTION_MASTER_KEY: hex(64),
    STRIPE_SECRET_KEY: stripeKey('sk', 'live'),
    NEXT_PUBLIC_SUPABASE_URL: 'https://abcdefgh.supabase.co',
    DATABASE_URL: `postgresql://app:${hex(20)}@db.internal:5432/app`,
    SENTRY_DSN: 'https://0123abcd@o1.ingest.sentry.io/42',
    JWT_SECRET: hex(40),
    EXTRA_FLAG: 'on',
  };
}

describe('source: env (the step environment)', () => {
  it('passes when every variable is present and well-formed, with one row per variable and the outputs', async () => {
    const ws = await workspace({ '.github/deploy-kit.yml': SCHEMA, '.env.example': EXAMPLE });
    const run = await runEnvCheck(ws, { environment: 'production' }, { env: goodValues() });
    expect(run.failed).toBe(false);
    expect(run.outputs).toMatchObject({ status: 'success', missing: '[]', invalid: '[]' });
    expect(run.result.report.checks.map((c) => [c.title, c.status])).toEqual([
      ['ENCRYPTION_MASTER_KEY (secret)', 'pass'],
      ['STRIPE_SECRET_KEY (secret)', 'pass'],
      ['NEXT_PUBLIC_SUPABASE_URL (public)', 'pass'],
      ['DATABASE_URL (secret)', 'pass'],
      ['SENTRY_DSN', 'pass'],
      ['JWT_SECRET (secret)', 'pass'],
      ['EXTRA_FLAG', 'pass'],
    ]);
    // Public values may be shown; the others are described.
    expect(rowOf(run, 'NEXT_PUBLIC_SUPABASE_URL').summary).toBe('ok: a URL (https) — value: "https://abcdefgh.supabase.co"');
    expect(rowOf(run, 'ENCRYPTION_MASTER_KEY').summary).toBe('ok: 64 hex characters');
    expect(run.summary).toContain('| ✅ | ENCRYPTION_MASTER_KEY (secret) | ok: 64 hex characters |');
    // .env.example and the schema disagree on EXTRA_FLAG: a warning on its line.
    expect(run.result.report.findings).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'env/not-in-schema', file: '.env.example', line: 7 }),
    ]);
    const json = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { status: string; checks: unknown[] };
    expect(json.status).toBe('success');
    expect(json.checks).toHaveLength(7);
  });

  it('fails naming the missing and invalid variables; required-in-production only there', async () => {
    const ws = await workspace({ '.github/deploy-kit.yml': SCHEMA, '.env.example': EXAMPLE });
    const values = { ...goodValues(), ENCRYPTION_MASTER_KEY: hex(32), STRIPE_SECRET_KEY: stripeKey('sk', 'test'), NEXT_PUBLIC_SUPABASE_URL: 'http://abcdefgh.supabase.co', SENTRY_DSN: undefined, JWT_SECRET: '' };
    const production = await runEnvCheck(ws, { environment: 'production' }, { env: values });
    expect(production.failed).toBe(true);
    expect(JSON.parse(production.outputs['missing']!)).toEqual(['SENTRY_DSN', 'JWT_SECRET']);
    expect(JSON.parse(production.outputs['invalid']!)).toEqual(['ENCRYPTION_MASTER_KEY', 'STRIPE_SECRET_KEY', 'NEXT_PUBLIC_SUPABASE_URL']);
    expect(rowOf(production, 'SENTRY_DSN').summary).toBe("missing: not set in the step's environment; required in production");
    expect(rowOf(production, 'JWT_SECRET').summary).toBe('missing: set but empty; required in production');
    expect(rowOf(production, 'ENCRYPTION_MASTER_KEY').summary).toBe('invalid: is 32 hex characters, expected 64');
    expect(rowOf(production, 'NEXT_PUBLIC_SUPABASE_URL').summary).toBe('invalid: is a http URL, expected https — value: "http://abcdefgh.supabase.co"');
    expect(production.stdout).toMatch(/::error::Environment variables for production are not ready — missing: SENTRY_DSN, JWT_SECRET; invalid: ENCRYPTION_MASTER_KEY, STRIPE_SECRET_KEY, NEXT_PUBLIC_SUPABASE_URL\./);

    const preview = await runEnvCheck(ws, { environment: 'preview' }, { env: { ...goodValues(), SENTRY_DSN: undefined, STRIPE_SECRET_KEY: stripeKey('sk', 'live') } });
    expect(rowOf(preview, 'SENTRY_DSN')).toEqual({ status: 'skip', summary: "optional: not set in the step's environment (optional in preview)" });
    expect(rowOf(preview, 'STRIPE_SECRET_KEY').status).toBe('warn');
    expect(preview.outputs['status']).toBe('success');
    const strict = await runEnvCheck(ws, { environment: 'preview', 'fail-on': 'warning' }, { env: { ...goodValues(), STRIPE_SECRET_KEY: stripeKey('sk', 'live') } });
    expect(strict.outputs['status']).toBe('failure');
  });

  it('infers the rules from .env.example alone', async () => {
    const ws = await workspace({ '.env.example': REALISTIC_EXAMPLE });
    const anon = jwt({ role: 'anon' });
    const run = await runEnvCheck(ws, { environment: 'preview' }, {
      env: {
        NEXT_PUBLIC_SUPABASE_URL: 'https://abcdefgh.supabase.co', NEXT_PUBLIC_SUPABASE_ANON_KEY: anon, SUPABASE_SERVICE_ROLE_KEY: jwt({ role: 'service_role' }),
        DATABASE_URL: 'not a url', DIRECT_URL: `postgresql://app:${hex(16)}@db.internal/app`, STRIPE_SECRET_KEY: stripeKey('sk', 'test'),
        STRIPE_WEBHOOK_SECRET: `whsec_${hex(32)}`, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: stripeKey('pk', 'test'), NEXTAUTH_URL: 'https://shop.example.com',
        NEXTAUTH_SECRET: hex(44), ENCRYPTION_MASTER_KEY: hex(64), JWT_SECRET: hex(40), SENTRY_DSN: 'https://0123abcd@o1.ingest.sentry.io/42',
        SENTRY_AUTH_TOKEN: hex(64), VITE_APP_NAME: 'Shop', PORT: '80800',
      },
    });
    expect(JSON.parse(run.outputs['invalid']!)).toEqual(['DATABASE_URL', 'PORT']);
    expect(rowOf(run, 'NEXT_PUBLIC_SUPABASE_ANON_KEY').summary).toBe(`ok: a Supabase anon key (JWT, role anon) — value: "${anon.slice(0, 117)}…"`);
    expect(rowOf(run, 'SUPABASE_SERVICE_ROLE_KEY').summary).toBe('ok: a Supabase service_role key (JWT, role service_role)');
  });
});

describe('a pull request from a fork (no secrets)', () => {
  it('does not fail on the secret variables it cannot have, and still checks the others', async () => {
    const ws = await workspace({ '.env.example': 'API_KEY=\nAPI_URL=\n' });
    const event = { number: 4, pull_request: { number: 4, head: { repo: { full_name: 'stranger/shop' } }, base: { repo: { full_name: 'acme/shop' } } } };
    const run = await runEnvCheck(ws, {}, { event, eventName: 'pull_request', env: { API_KEY: '', API_URL: 'not a url' } });
    expect(rowOf(run, 'API_KEY')).toEqual({ status: 'skip', summary: 'optional: not set: a pull request from a fork gets no secrets, so it is not checked here' });
    expect(JSON.parse(run.outputs['invalid']!)).toEqual(['API_URL']);
    expect(JSON.parse(run.outputs['missing']!)).toEqual([]);
  });
});

describe('public variables never hold secrets', () => {
  const leaks: [name: string, value: () => string, kind: string][] = [
    ['NEXT_PUBLIC_SUPABASE_ANON_KEY', () => jwt({ role: 'service_role' }), 'Supabase service_role key'],
    ['NEXT_PUBLIC_SUPABASE_KEY', () => supabaseKey('secret'), 'Supabase secret API key'],
    ['VITE_STRIPE_KEY', () => stripeKey('sk', 'live'), 'Stripe live secret key'],
    ['PUBLIC_DATABASE_URL', () => `postgres://app:${hex(20)}@db.internal:5432/app`, 'Database URL with a password'],
  ];

  it.each(leaks)('%s holding a %s fails, naming the kind of secret', async (name, value, kind) => {
    const ws = await workspace({ '.env.example': `${name}=\n` });
    const secret = value();
    const run = await runEnvCheck(ws, { environment: 'production' }, { env: { [name]: secret } });
    expect(run.failed).toBe(true);
    expect(rowOf(run, name)).toEqual({
      status: 'fail',
      summary: `invalid: holds a ${kind}: a public variable is shipped to every browser. Move the secret to a variable without the public prefix and rotate it`,
    });
    expect(run.everything).not.toContain(secret);
  });
});

describe('a public variable holding the value of a secret one', () => {
  it('fails naming the secret variable, whatever the value looks like', async () => {
    const ws = await workspace({ '.env.example': 'APP_SIGNING_SECRET=\nNEXT_PUBLIC_SIGNING=\n' });
    const value = `plain words ${hex(6)}`;
    const run = await runEnvCheck(ws, {}, { env: { APP_SIGNING_SECRET: value, NEXT_PUBLIC_SIGNING: value } });
    expect(rowOf(run, 'NEXT_PUBLIC_SIGNING')).toEqual({
      status: 'fail',
      summary: 'invalid: holds the value of the secret variable APP_SIGNING_SECRET: a public variable is shipped to every browser. Give it its own value and rotate APP_SIGNING_SECRET',
    });
    expect(run.everything).not.toContain(value);
  });
});

describe('.env.example and the schema compared', () => {
  it('reports a schema key missing from .env.example on its line of the config file, and the other way round', async () => {
    const ws = await workspace({ '.github/deploy-kit.yml': 'env:\n  variables:\n    API_URL: { type: url }\n    API_KEY: { secret: true }\n', '.env.example': '# the API\nAPI_URL=\nLOG_LEVEL=info\n' });
    const run = await runEnvCheck(ws, { 'fail-on': 'warning' }, { env: { API_URL: 'https://api.example.com', API_KEY: hex(16), LOG_LEVEL: 'info' } });
    expect(run.result.report.findings.map((f) => [f.rule, f.file, f.line, f.message])).toEqual([
      ['env/not-in-schema', '.env.example', 3, 'LOG_LEVEL is in .env.example but has no rule in .github/deploy-kit.yml (env.variables): it is checked by its name alone.'],
      ['env/not-in-example', '.github/deploy-kit.yml', 4, 'API_KEY has a rule in .github/deploy-kit.yml but is missing from .env.example: add it there so everyone setting up the app knows to set it.'],
    ]);
    expect(run.stdout).toMatch(/::warning [^\n]*file=.github\/deploy-kit.yml[^\n]*line=4/);
    expect(run.outputs['status']).toBe('failure');
  });
});

describe('source: dotenv', () => {
  it('reads the env file, and reports its bad lines with their line numbers', async () => {
    const ws = await workspace({
      'apps/web/.env.example': 'API_URL=\nAPI_KEY=\n',
      'apps/web/.env.production.local': `API_URL=https://api.example.com\nAPI_URL=https://api2.example.com\nnot a line\n`,
    });
    const run = await runEnvCheck(ws, { environment: 'production', source: 'dotenv', 'env-file': '.env.production.local', 'working-directory': 'apps/web' });
    expect(rowOf(run, 'API_URL').status).toBe('pass');
    expect(rowOf(run, 'API_KEY')).toEqual({ status: 'fail', summary: 'missing: not set in apps/web/.env.production.local; required in production' });
    expect(run.result.report.findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      ['apps/web/.env.production.local', 2, 'dotenv/duplicate'],
      ['apps/web/.env.production.local', 3, 'dotenv/malformed'],
    ]);
  });
});

describe('source: vercel (the Vercel emulator, GET /v10/projects/{idOrName}/env)', () => {
  let vercel: VercelEmulator;
  const serviceRole = jwt({ role: 'service_role' });
  beforeAll(async () => {
    vercel = await startVercelEmulator();
    vercel.addEnv({ key: 'NEXT_PUBLIC_SITE_URL', value: 'https://shop.example.com', type: 'plain', target: ['production', 'preview'] });
    vercel.addEnv({ key: 'SUPABASE_SERVICE_ROLE_KEY', value: serviceRole, type: 'encrypted', target: ['production'] });
    vercel.addEnv({ key: 'STRIPE_SECRET_KEY', value: stripeKey('sk', 'live'), type: 'sensitive', target: ['production'] });
    vercel.addEnv({ key: 'STRIPE_SECRET_KEY', value: stripeKey('sk', 'test'), type: 'encrypted', target: ['preview', 'development'] });
    vercel.addEnv({ key: 'FEATURE_BRANCH_URL', value: 'https://feature.example.com', type: 'plain', target: ['preview'], gitBranch: 'feature-x' });
  });
  afterAll(async () => vercel.close());

  const example = 'NEXT_PUBLIC_SITE_URL=\nSUPABASE_SERVICE_ROLE_KEY=\nSTRIPE_SECRET_KEY=\nFEATURE_BRANCH_URL=\n';
  const inputs = () => ({ source: 'vercel', 'vercel-token': vercel.token, 'vercel-org-id': vercel.teamId, 'vercel-project-id': vercel.project.id, 'api-url': vercel.url });

  it("answers in the SDK's published response model", async () => {
    const res = await request(`${vercel.url}/v10/projects/${vercel.project.id}/env?teamId=${vercel.teamId}&decrypt=true`, { headers: { authorization: `Bearer ${vercel.token}` } });
    const body = await res.body.json();
    expect(FilterProjectEnvsResponseBody$inboundSchema.safeParse(body).success).toBe(true);
  });

  it('checks decrypted values, and sensitive ones for presence only, for the environment', async () => {
    const ws = await workspace({ '.env.example': example });
    const production = await runEnvCheck(ws, { ...inputs(), environment: 'production' });
    expect(rowOf(production, 'SUPABASE_SERVICE_ROLE_KEY').summary).toBe('ok: a Supabase service_role key (JWT, role service_role)');
    expect(rowOf(production, 'STRIPE_SECRET_KEY')).toEqual({
      status: 'skip',
      summary: 'presence-only: a sensitive variable in Vercel: its value cannot be read back, so only its presence is checked',
    });
    expect(rowOf(production, 'FEATURE_BRANCH_URL').summary).toBe(`missing: not set in Vercel project ${vercel.project.id} (production); required in production`);
    expect(vercel.calls('GET /v10/projects/:idOrName/env').at(-1)!.query.get('decrypt')).toBe('true');
    expect(vercel.state.violations).toEqual([]);

    const preview = await runEnvCheck(ws, { ...inputs(), environment: 'preview' }, { env: { GITHUB_REF: 'refs/heads/feature-x' } });
    expect(rowOf(preview, 'STRIPE_SECRET_KEY').summary).toBe('ok: a test-mode Stripe secret key (sk_test_)');
    expect(rowOf(preview, 'FEATURE_BRANCH_URL').status).toBe('pass');
    expect(rowOf(preview, 'SUPABASE_SERVICE_ROLE_KEY').status).toBe('fail');
    expect(preview.everything).not.toContain(serviceRole);
  });

  it('says what to fix when the token is refused or the project is unknown', async () => {
    const ws = await workspace({ '.env.example': example });
    const refused = await runEnvCheck(ws, { ...inputs(), 'vercel-token': 'wrong-token-0123456789' });
    expect(refused.result.message).toMatch(/^Vercel rejected the token \(403\)/);
    const unknown = await runEnvCheck(ws, { ...inputs(), 'vercel-project-id': 'no-such-project' });
    expect(unknown.result.message).toMatch(/^Vercel project 'no-such-project' was not found in team /);
  });

  it('says so when Vercel answers in a shape the contract does not have', async () => {
    const ws = await workspace({ '.env.example': example });
    vercel.failNext('GET /v10/projects/:idOrName/env', { status: 200, body: { envs: [{ key: 'A', type: 'plain', value: 42 }] } });
    const run = await runEnvCheck(ws, { ...inputs() });
    expect(run.result.message).toMatch(/^Vercel API GET \/v10\/projects\/prj_\w+\/env returned an unexpected response: /);
    // The error is the report's one failing row, so the headline cannot say all is well.
    expect(run.result.report.checks.map((c) => [c.id, c.status])).toEqual([['outcome', 'fail']]);
    expect(run.failed).toBe(true);
  });

  it('skips a fork pull request, which gets no token, with a notice', async () => {
    const ws = await workspace({ '.env.example': example });
    const event = { pull_request: { number: 3, head: { repo: { full_name: 'fork/shop' } }, base: { repo: { full_name: 'acme/shop' } } } };
    const run = await runEnvCheck(ws, { ...inputs(), 'vercel-token': undefined }, { event, eventName: 'pull_request' });
    expect(run.result.status).toBe('skipped');
    expect(run.stdout).toContain('::notice::A pull request from a fork gets no secrets');
  });
});
