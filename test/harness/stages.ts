import { startSentryEmulator } from '../emulators/sentry.js';
import { startEmbeddedPostgres } from '../servers/pglite.js';
import type { World } from './world.js';

/**
 * What env-check, migrate and sentry-release need in the chain (the e2e tests and the demo): the
 * example app's variables in the Vercel project, an embedded PostgreSQL (PGlite through its socket
 * server) as DATABASE_URL, and the Sentry emulator; as inputs and secrets of the reusable deploy
 * workflow.
 */
export interface Stages {
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  /** One line per stage about what it runs against. */
  notes: string[];
  close(): Promise<void>;
}

/** An unsigned JWT with a Supabase role claim, made here so no key-shaped literal sits in the repository. */
function supabaseKey(role: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'supabase', ref: 'acmeshopdemo', role, iat: 1_735_689_600, exp: 2_051_222_400 })}.${part(`demo-${role}-signature`)}`;
}

/** The variables of examples/app/.env.example, set in the Vercel project for every environment. */
function seedVercelEnv(world: World, databaseUrl: string): void {
  const target: ('production' | 'preview' | 'development')[] = ['production', 'preview', 'development'];
  const variables: [string, string, 'plain' | 'encrypted' | 'sensitive'][] = [
    ['NEXT_PUBLIC_SUPABASE_URL', 'https://acmeshopdemo.supabase.co', 'plain'],
    ['NEXT_PUBLIC_SUPABASE_ANON_KEY', supabaseKey('anon'), 'plain'],
    ['SUPABASE_SERVICE_ROLE_KEY', supabaseKey('service_role'), 'encrypted'],
    ['DATABASE_URL', databaseUrl, 'sensitive'],
    ['NEXT_PUBLIC_SENTRY_DSN', 'https://public@o1.ingest.sentry.io/1', 'plain'],
  ];
  for (const [key, value, type] of variables) world.vercel.addEnv({ key, value, type, target });
}

export async function startStages(world: World): Promise<Stages> {
  const [db, sentry] = await Promise.all([startEmbeddedPostgres(), startSentryEmulator()]);
  seedVercelEnv(world, db.url);
  return {
    // PGlite has no pg_dump: no backup against the embedded database.
    inputs: { 'migrate-backup': false, 'sentry-org': sentry.org, 'sentry-projects': sentry.projects[0], 'sentry-url': sentry.url },
    secrets: { DATABASE_URL: db.url, SENTRY_AUTH_TOKEN: sentry.token },
    notes: [
      "env-check: the example app's .env.example against the Vercel project's production variables",
      'migrate: supabase/migrations applied to an embedded PostgreSQL (PGlite through its socket server; no pg_dump, so no backup)',
      `sentry-release: a release in the Sentry emulator ${sentry.url}`,
    ],
    close: async () => void (await Promise.all([db.stop(), sentry.close()])),
  };
}
