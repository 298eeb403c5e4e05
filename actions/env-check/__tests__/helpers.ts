import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../../../test/harness/files.js';
import { runLikeRunner, type RunnerOptions, type RunnerRun } from '../../../test/harness/runner.js';
import { envCheckAction } from '../src/action.js';

/**
 * Key-shaped values are assembled at run time from random bytes, so no realistic key is written
 * in this repository (it passes its own secret scan).
 */
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomText(length: number, alphabet = BASE62): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export const hex = (length: number) => randomText(length, '0123456789abcdef');

export function stripeKey(kind: 'sk' | 'rk' | 'pk', mode: 'live' | 'test'): string {
  return [kind, mode, randomText(24)].join('_');
}

export function supabaseKey(kind: 'secret' | 'publishable'): string {
  return ['sb', kind, randomText(32)].join('_');
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with the given payload (default: a Supabase key of `role`, expiring in 2100). */
export function jwt(payload: Record<string, unknown>): string {
  return [b64url({ alg: 'HS256', typ: 'JWT' }), b64url({ iss: 'supabase', exp: 4_102_444_800, ...payload }), randomText(43)].join('.');
}

export async function workspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'env-check-'));
  await writeTree(dir, files);
  return dir;
}

/** Runs env-check in-process like the runner, in `ws` (GITHUB_WORKSPACE). */
export function runEnvCheck(ws: string, inputs: Record<string, string | undefined>, options: RunnerOptions = {}): Promise<RunnerRun> {
  return runLikeRunner(envCheckAction, inputs, { ...options, env: { GITHUB_WORKSPACE: ws, ...options.env } });
}

/** The report row of one variable: its state word and reason. */
export function rowOf(run: RunnerRun, name: string): { status: string; summary: string } {
  const check = run.result.report.checks.find((c) => c.id === `env/${name}`);
  if (!check) throw new Error(`no row for ${name}`);
  return { status: check.status, summary: check.summary ?? '' };
}

/** A .env.example as the deployment guides write one for a Next.js + Supabase + Stripe app. */
export const REALISTIC_EXAMPLE = `# Supabase (Project settings → API)
NEXT_PUBLIC_SUPABASE_URL=https://your-project.supabase.co
NEXT_PUBLIC_SUPABASE_ANON_KEY=your-anon-key
SUPABASE_SERVICE_ROLE_KEY=your-service-role-key

# Database (Prisma)
DATABASE_URL="postgresql://postgres:postgres@localhost:5432/app?schema=public"
DIRECT_URL="postgresql://postgres:postgres@localhost:5432/app"

# Stripe
STRIPE_SECRET_KEY=
STRIPE_WEBHOOK_SECRET=
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=

# Auth & crypto
export NEXTAUTH_URL=http://localhost:3000
NEXTAUTH_SECRET= # openssl rand -base64 32
ENCRYPTION_MASTER_KEY=
JWT_SECRET=

# Monitoring
SENTRY_DSN=
SENTRY_AUTH_TOKEN=
VITE_APP_NAME='Shop'
PORT=3000
`;

/** The env schema of issue #9, as a user writes it in .github/deploy-kit.yml. */
export const ISSUE_SCHEMA = `env:
  variables:
    ENCRYPTION_MASTER_KEY: { type: hex, length: 64, secret: true }
    STRIPE_SECRET_KEY: { type: stripe-secret-key, secret: true }
    NEXT_PUBLIC_SUPABASE_URL: { type: url, protocols: [https] }
    DATABASE_URL: { type: url, protocols: [postgres, postgresql], secret: true }
    SENTRY_DSN: { type: url, required: [production] }
    JWT_SECRET: { type: string, min-length: 32, secret: true }
`;
