import { describe, expect, it } from '@jest/globals';
import { parseDotenv } from '../../../packages/shared/src/dotenv.js';
import { buildRule, buildRules } from '../src/rules.js';
import { REALISTIC_EXAMPLE } from './helpers.js';


describe('rules inferred from a realistic .env.example', () => {
  const example = parseDotenv(REALISTIC_EXAMPLE);

  it('reads every key with its line, and finds nothing wrong with the file', () => {
    expect(example.problems).toEqual([]);
    expect(example.entries.map((e) => [e.key, e.line])).toEqual([
      ['NEXT_PUBLIC_SUPABASE_URL', 2], ['NEXT_PUBLIC_SUPABASE_ANON_KEY', 3], ['SUPABASE_SERVICE_ROLE_KEY', 4], ['DATABASE_URL', 7], ['DIRECT_URL', 8],
      ['STRIPE_SECRET_KEY', 11], ['STRIPE_WEBHOOK_SECRET', 12], ['NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 13], ['NEXTAUTH_URL', 16], ['NEXTAUTH_SECRET', 17],
      ['ENCRYPTION_MASTER_KEY', 18], ['JWT_SECRET', 19], ['SENTRY_DSN', 22], ['SENTRY_AUTH_TOKEN', 23], ['VITE_APP_NAME', 24], ['PORT', 25],
    ]);
    expect(example.values.get('NEXTAUTH_SECRET')!.value).toBe('');
    expect(example.values.get('VITE_APP_NAME')!.value).toBe('Shop');
  });

  it('every key required; types, secret and public flags from the names', () => {
    const rules = buildRules(undefined, [...example.values.keys()]);
    const summary = Object.fromEntries(rules.map((r) => [r.name, [r.type, r.secret ? 'secret' : r.public ? 'public' : '-', r.required]]));
    expect(summary).toEqual({
      NEXT_PUBLIC_SUPABASE_URL: ['url', 'public', true],
      NEXT_PUBLIC_SUPABASE_ANON_KEY: ['supabase-anon-key', 'public', true],
      SUPABASE_SERVICE_ROLE_KEY: ['supabase-service-role-key', 'secret', true],
      DATABASE_URL: ['url', 'secret', true],
      DIRECT_URL: ['url', 'secret', true],
      STRIPE_SECRET_KEY: ['stripe-secret-key', 'secret', true],
      STRIPE_WEBHOOK_SECRET: ['string', 'secret', true],
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: ['stripe-publishable-key', 'public', true],
      NEXTAUTH_URL: ['url', '-', true],
      NEXTAUTH_SECRET: ['string', 'secret', true],
      ENCRYPTION_MASTER_KEY: ['string', 'secret', true],
      JWT_SECRET: ['string', 'secret', true],
      SENTRY_DSN: ['url', '-', true],
      SENTRY_AUTH_TOKEN: ['string', 'secret', true],
      VITE_APP_NAME: ['string', 'public', true],
      PORT: ['port', '-', true],
    });
  });

  it('a schema entry overrides the inferred rule: its type with its options, and each flag', () => {
    expect(buildRule('ENCRYPTION_MASTER_KEY', { type: 'hex', length: 64 })).toMatchObject({ type: 'hex', secret: true, required: true, declared: true });
    expect(buildRule('SENTRY_DSN', { required: ['production'] })).toMatchObject({ type: 'url', required: ['production'] });
    expect(buildRule('STRIPE_SECRET_KEY', { type: 'string', 'min-length': 10 })).toMatchObject({ type: 'string', options: { 'min-length': 10 } });
    expect(buildRule('API_KEY', { secret: false })).toMatchObject({ secret: false });
    expect(buildRule('JWT_SECRET', { 'min-length': 32 })).toMatchObject({ type: 'string', secret: true, options: { 'min-length': 32 } });
    expect(buildRule('NEXT_PUBLIC_SITE_URL', { public: false })).toMatchObject({ public: false });
  });
});

describe('dotenv lines that are wrong, with their line numbers', () => {
  it('reports malformed, duplicated and lowercase lines, never their values', () => {
    const file = parseDotenv('A=1\n\nthis line is prose\nB\napi_key=sentinel-value\nA=2\n=value-without-name\n9LIVES=x\nC="multi\nline"\nD=\'unterminated\n');
    expect(file.problems).toEqual([
      { line: 3, rule: 'malformed', message: 'is not a KEY=value line or a # comment.' },
      { line: 4, rule: 'malformed', message: 'B has no `=`: write B= (empty) or B=value.' },
      { line: 5, rule: 'lowercase', message: 'api_key is not upper case: environment variable names are UPPER_SNAKE_CASE by convention, and lookups are case-sensitive.' },
      { line: 6, rule: 'duplicate', message: 'A is set again (first on line 1): the later value wins.' },
      { line: 7, rule: 'malformed', message: 'is not a KEY=value line or a # comment.' },
      { line: 8, rule: 'malformed', message: 'The text before `=` is not a variable name: letters, digits and _, not starting with a digit.' },
      { line: 11, rule: 'malformed', message: "D opens a ' quote that is never closed." },
    ]);
    expect(file.values.get('A')!.value).toBe('2');
    expect(file.values.get('C')!.value).toBe('multi\nline');
    expect(JSON.stringify(file.problems)).not.toMatch(/sentinel-value|value-without-name|prose/);
  });

  it('reads quotes, escapes, export and inline comments as dotenv does', () => {
    const file = parseDotenv('export A="x\\ny" \nB=\'a # b\'\nC=plain # comment\nD=with#hash\nE=`tick`\r\nF=\n');
    expect(Object.fromEntries([...file.values].map(([k, e]) => [k, e.value]))).toEqual({ A: 'x\ny', B: 'a # b', C: 'plain', D: 'with#hash', E: 'tick', F: '' });
    expect(file.problems).toEqual([]);
  });
});
