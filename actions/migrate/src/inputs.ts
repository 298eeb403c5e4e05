import { bool, checkedText, choice, configFile, custom, duration, text, token, type InputSpec, type InputsOf } from '../../../packages/shared/src/inputs.js';

/**
 * migrate's inputs, kebab-case as in migrate/action.yml with the same defaults. A pull request
 * from a fork, which gets no secrets, is skipped before they are read (`skipOnFork`). Being a
 * secret, `database-url` is masked the moment it is read and a bad value is never shown.
 */
export const FORMATS = ['auto', 'supabase', 'prisma'] as const;
export type FormatChoice = (typeof FORMATS)[number];

export const DATABASE_URL_FORM = "a PostgreSQL URL from a secret, e.g. ${{ secrets.DATABASE_URL }} (a postgres:// connection string such as Supabase's Connect dialog gives, with ?sslmode=require)";

/** postgres:// or postgresql:// with a host; anything else is refused before a connection is tried. */
export function isDatabaseUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const databaseUrl: InputSpec<string> = {
  parse: checkedText([[isDatabaseUrl, 'is not a postgres:// URL with a host']]),
  expected: DATABASE_URL_FORM,
  required: true,
  secret: true,
};

/** A path for the backup file; where it may point is checked against the workspace at run time. */
const backupPath = custom(
  checkedText([[(v) => !/[\0\r\n]/.test(v), 'is not a single path']]),
  'a file path for the pg_dump archive, relative to the workspace or under RUNNER_TEMP, e.g. backups/db.dump',
);

export const migrateInputs = {
  'database-url': databaseUrl,
  format: choice(FORMATS, { default: 'auto' }),
  'working-directory': text({ default: '.' }, 'a directory of the repository, e.g. apps/web'),
  'dry-run': bool(false),
  backup: bool(true),
  'backup-path': backupPath,
  'lock-timeout': duration({ minMs: 100, maxMs: 3_600_000, default: '10s', example: '10s, 1m' }),
  'statement-timeout': duration({ minMs: 1000, maxMs: 86_400_000, example: '5m, 90s' }),
  'include-all': bool(false),
  'github-token': token('a GitHub token, e.g. ${{ github.token }}'),
  config: configFile(),
};

export type MigrateInputs = InputsOf<typeof migrateInputs>;
