import { describe, expect, it } from '@jest/globals';
import type { Environment, VariableSchema, VariableType } from '../src/schema.js';
import { checkValue } from '../src/types.js';
import { hex, jwt, randomText, stripeKey, supabaseKey } from './helpers.js';

/** Each type with a value it accepts and values it refuses, and what the report says about them. */
type Case = [type: VariableType, options: VariableSchema, value: string, status: 'ok' | 'invalid' | 'warn', reason: string | RegExp];

const base64Of = (bytes: number) => Buffer.from(randomText(bytes)).toString('base64');

const cases: Case[] = [
  ['string', {}, 'anything', 'ok', '8 characters'],
  ['string', { 'min-length': 32 }, randomText(31), 'invalid', 'is 31 characters, shorter than min-length 32'],
  ['string', { 'min-length': 32 }, randomText(32), 'ok', '32 characters'],
  ['string', { 'max-length': 4 }, 'abcde', 'invalid', 'is 5 characters, longer than max-length 4'],
  ['string', { pattern: '^v\\d+$' }, 'v12', 'ok', '3 characters'],
  ['string', { pattern: '^v\\d+$' }, 'version 12', 'invalid', 'does not match the pattern ^v\\d+$'],
  ['url', {}, 'https://app.example.com/path', 'ok', 'a URL (https)'],
  ['url', {}, 'app.example.com', 'invalid', 'is not an absolute URL (scheme://host/…)'],
  ['url', { protocols: ['https'] }, 'http://app.example.com', 'invalid', 'is a http URL, expected https'],
  ['url', { protocols: ['postgres', 'postgresql'] }, 'postgresql://db.example.com/app', 'ok', 'a URL (postgresql)'],
  ['url', { protocols: ['postgres', 'postgresql'] }, 'mysql://db.example.com/app', 'invalid', 'is a mysql URL, expected postgres or postgresql'],
  ['email', {}, 'ops@example.com', 'ok', 'an email address'],
  ['email', {}, 'ops@localhost', 'invalid', 'is not an email address (name@domain.tld)'],
  ['integer', { min: 1, max: 10 }, '7', 'ok', 'a whole number'],
  ['integer', { min: 1, max: 10 }, '11', 'invalid', 'is more than the maximum 10'],
  ['integer', { min: 1 }, '0', 'invalid', 'is less than the minimum 1'],
  ['integer', {}, '7.5', 'invalid', 'is not a whole number'],
  ['port', {}, '5432', 'ok', 'a port'],
  ['port', {}, '70000', 'invalid', 'is not a port number from 1 to 65535'],
  ['port', {}, 'http', 'invalid', 'is not a port number from 1 to 65535'],
  ['boolean', {}, 'TRUE', 'ok', 'a boolean'],
  ['boolean', {}, '0', 'ok', 'a boolean'],
  ['boolean', {}, 'yes', 'invalid', 'is not a boolean: expected true, false, 1 or 0'],
  ['enum', { values: ['debug', 'info'] }, 'info', 'ok', 'an allowed value'],
  ['enum', { values: ['debug', 'info'] }, 'verbose', 'invalid', 'is not one of: debug, info'],
  ['hex', { length: 64 }, hex(64), 'ok', '64 hex characters'],
  ['hex', { length: 64 }, hex(63), 'invalid', 'is 63 hex characters, expected 64'],
  ['hex', { length: 8 }, 'abcdefgh', 'invalid', 'has characters that are not hexadecimal digits (0-9, a-f)'],
  ['base64', { bytes: 32 }, base64Of(32), 'ok', 'base64 of 32 bytes'],
  ['base64', { bytes: 32 }, base64Of(16), 'invalid', 'decodes to 16 bytes, expected 32'],
  ['base64', {}, 'not base64!', 'invalid', 'is not base64 (A-Z, a-z, 0-9, + and / or - and _, = padding)'],
  ['base64', {}, 'abcde', 'invalid', 'is not base64: its length cannot be a whole number of bytes'],
  ['jwt', { claims: { role: 'anon' } }, jwt({ role: 'anon' }), 'ok', 'a JWT (role anon)'],
  ['jwt', { claims: { role: 'anon' } }, jwt({ role: 'authenticated' }), 'invalid', 'is a JWT whose role is "authenticated", expected "anon"'],
  ['jwt', { claims: { ref: 'abc' } }, jwt({ role: 'anon' }), 'invalid', 'is a JWT without the claim ref (expected ref: abc)'],
  // Whatever a token carries in a claim is shown cut, not whole.
  ['jwt', { claims: { role: 'anon' } }, jwt({ role: 'x'.repeat(500) }), 'invalid', `is a JWT whose role is "${'x'.repeat(36)}..., expected "anon"`],
  ['jwt', {}, jwt({ exp: 1_600_000_000 }), 'invalid', 'is a JWT that expired on 2020-09-13'],
  ['jwt', {}, 'eyJhbGciOi.not-json.sig', 'invalid', /^is not a JWT/],
  ['supabase-anon-key', {}, jwt({ role: 'anon' }), 'ok', 'a Supabase anon key (JWT, role anon)'],
  ['supabase-anon-key', {}, supabaseKey('publishable'), 'ok', 'a Supabase publishable key (sb_publishable_)'],
  ['supabase-anon-key', {}, jwt({ role: 'service_role' }), 'invalid', 'is the service_role key, not the anon key'],
  ['supabase-anon-key', {}, supabaseKey('secret'), 'invalid', 'is a Supabase secret key (sb_secret_), not the anon/publishable key'],
  ['supabase-service-role-key', {}, jwt({ role: 'service_role' }), 'ok', 'a Supabase service_role key (JWT, role service_role)'],
  ['supabase-service-role-key', {}, supabaseKey('secret'), 'ok', 'a Supabase secret key (sb_secret_)'],
  ['supabase-service-role-key', {}, jwt({ role: 'anon' }), 'invalid', 'is a JWT whose role is "anon", expected "service_role"'],
  ['supabase-service-role-key', {}, 'some-key', 'invalid', /^is not a Supabase service_role key/],
];

describe('checkValue: each type with good and bad values', () => {
  it.each(cases)('%s %j: %s → %s', (type, options, value, status, reason) => {
    const verdict = checkValue(type, options, value, 'preview');
    expect(verdict.status).toBe(status);
    if (typeof reason === 'string') expect(verdict.reason).toBe(reason);
    else expect(verdict.reason).toMatch(reason);
    // A reason describes the value, never quotes it.
    if (value.length >= 8) expect(verdict.reason).not.toContain(value);
  });
});

describe('Stripe keys match the environment', () => {
  const stripe: [type: VariableType, key: string, environment: Environment, status: string, reason: string | RegExp][] = [
    ['stripe-secret-key', stripeKey('sk', 'live'), 'production', 'ok', 'a live-mode Stripe secret key (sk_live_)'],
    ['stripe-secret-key', stripeKey('sk', 'test'), 'production', 'invalid', 'is a test-mode secret key (sk_test_) in production: use the live key (sk_live_)'],
    ['stripe-secret-key', stripeKey('sk', 'live'), 'preview', 'warn', 'is a live-mode secret key (sk_live_) in preview: it acts on real payments; use the test key (sk_test_)'],
    ['stripe-secret-key', stripeKey('sk', 'test'), 'development', 'ok', 'a test-mode Stripe secret key (sk_test_)'],
    ['stripe-secret-key', stripeKey('rk', 'live'), 'production', 'ok', 'a live-mode Stripe restricted key (rk_live_)'],
    ['stripe-secret-key', stripeKey('pk', 'live'), 'production', 'invalid', 'is a publishable key (pk_…): a secret key starts with sk_live_ or sk_test_'],
    ['stripe-secret-key', 'sk_live_short', 'production', 'invalid', /^is not a Stripe secret key/],
    ['stripe-publishable-key', stripeKey('pk', 'test'), 'preview', 'ok', 'a test-mode Stripe publishable key (pk_test_)'],
    ['stripe-publishable-key', stripeKey('pk', 'test'), 'production', 'invalid', 'is a test-mode publishable key (pk_test_) in production: use the live key (pk_live_)'],
    ['stripe-publishable-key', stripeKey('sk', 'live'), 'production', 'invalid', 'is a Stripe secret key, not a publishable key (pk_…)'],
  ];
  it.each(stripe)('%s in %s', (type, key, environment, status, reason) => {
    const verdict = checkValue(type, {}, key, environment);
    expect(verdict.status).toBe(status);
    if (typeof reason === 'string') expect(verdict.reason).toBe(reason);
    else expect(verdict.reason).toMatch(reason);
    expect(verdict.reason).not.toContain(key.slice(8));
  });
});
