import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './dist.js';
import type { World } from './world.js';

/**
 * The stages of the chain whose actions were built in parallel (env-check, migrate,
 * sentry-release): each joins the chain once its action and dist/ entry are in this checkout,
 * with what it needs (the project's variables in the Vercel emulator, an embedded PostgreSQL,
 * the Sentry emulator); until then its step is switched off and the demo says why. Their test
 * servers are imported by path at run time for the same reason.
 */
export interface OptionalStages {
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  env: Record<string, string>;
  /** One line per stage about how it runs (or why it does not). */
  notes: string[];
  /** action → why its step is skipped. */
  why: Record<string, string>;
  close(): Promise<void>;
}

export function landed(action: string): boolean {
  return existsSync(join(ROOT, action, 'action.yml')) && existsSync(join(ROOT, 'dist', action, 'index.js'));
}

const ISSUES: Record<string, number> = { 'env-check': 9, migrate: 10, 'sentry-release': 11 };

async function load<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(ROOT, path)).href)) as T;
}

interface VercelWithEnv {
  addEnv(env: { key: string; value: string; type: 'plain' | 'encrypted' | 'sensitive'; target: ('production' | 'preview' | 'development')[] }): unknown;
}

/** An unsigned JWT with a Supabase role claim, made here so no key-shaped literal sits in the repository. */
function supabaseKey(role: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'supabase', ref: 'acmeshopdemo', role, iat: 1_735_689_600, exp: 2_051_222_400 })}.${part(`demo-${role}-signature`)}`;
}

/** env-check reads the project's variables from the Vercel emulator: the example app's .env.example, all set for production. */
function seedVercelEnv(world: World, databaseUrl: string): void {
  const vercel = world.vercel as unknown as Partial<VercelWithEnv>;
  if (typeof vercel.addEnv !== 'function') throw new Error('env-check has landed but the Vercel emulator has no addEnv: wire the demo to its new API');
  const all: ('production' | 'preview' | 'development')[] = ['production', 'preview', 'development'];
  const variables: [string, string, 'plain' | 'encrypted' | 'sensitive'][] = [
    ['NEXT_PUBLIC_SUPABASE_URL', 'https://acmeshopdemo.supabase.co', 'plain'],
    ['NEXT_PUBLIC_SUPABASE_ANON_KEY', supabaseKey('anon'), 'plain'],
    ['SUPABASE_SERVICE_ROLE_KEY', supabaseKey('service_role'), 'encrypted'],
    ['DATABASE_URL', databaseUrl || 'postgres://postgres:demo@127.0.0.1:5432/postgres', 'sensitive'],
    ['NEXT_PUBLIC_SENTRY_DSN', 'https://public@o1.ingest.sentry.io/1', 'plain'],
  ];
  for (const [key, value, type] of variables) vercel.addEnv({ key, value, type, target: all });
}

export async function optionalStages(world: World): Promise<OptionalStages> {
  const stages: OptionalStages = { inputs: {}, secrets: {}, env: {}, notes: [], why: {}, close: async () => undefined };
  const closers: (() => Promise<void>)[] = [];
  stages.close = async () => void (await Promise.all(closers.map((close) => close())));
  for (const action of Object.keys(ISSUES)) {
    if (landed(action)) continue;
    stages.why[action] = `its action is not on main yet (issue #${ISSUES[action]})`;
    stages.notes.push(`${action}: off — ${stages.why[action]}`);
  }

  if (landed('migrate')) {
    const { startEmbeddedPostgres } = await load<{ startEmbeddedPostgres(): Promise<{ url: string; stop(): Promise<void> }> }>('test/servers/pglite.ts');
    const db = await startEmbeddedPostgres();
    closers.push(() => db.stop());
    stages.secrets['DATABASE_URL'] = db.url;
    // PGlite has no pg_dump: no backup against the embedded database.
    stages.inputs['migrate-backup'] = false;
    stages.notes.push('migrate: supabase/migrations applied to an embedded PostgreSQL (PGlite through its socket server; no pg_dump, so no backup)');
  }
  if (landed('env-check')) {
    seedVercelEnv(world, stages.secrets['DATABASE_URL'] ?? '');
    stages.notes.push("env-check: the example app's .env.example against the Vercel project's production variables");
  } else stages.inputs['env-check'] = false;
  if (landed('sentry-release')) {
    const { startSentryEmulator } = await load<{ startSentryEmulator(): Promise<{ url: string; token: string; org: string; projects: string[]; close(): Promise<void> }> }>('test/emulators/sentry.ts');
    const sentry = await startSentryEmulator();
    closers.push(() => sentry.close());
    stages.secrets['SENTRY_AUTH_TOKEN'] = sentry.token;
    Object.assign(stages.inputs, { 'sentry-org': sentry.org, 'sentry-projects': sentry.projects[0], 'sentry-url': sentry.url });
    stages.notes.push(`sentry-release: a release in the Sentry emulator ${sentry.url}`);
  }
  return stages;
}
