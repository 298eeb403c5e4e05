import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import type pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import { ApiError, ConfigurationError } from '../../../packages/shared/src/errors.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Report } from '../../../packages/shared/src/report/model.js';
import type { ActionContext, ActionResult } from '../../../packages/shared/src/run.js';
import { workspaceDirectory } from '../../../packages/shared/src/workspace-files.js';
import { applyMigrations, type MigrationResult } from './apply.js';
import { backupFile, findPgDump, pgDumpCandidates, runBackup } from './backup.js';
import { watchCancellation, type Cancellation } from './cancel.js';
import { readMigrateConfig, type MigrateConfig } from './config.js';
import { connect, describeTarget, parseDatabaseUrl, type DatabaseTarget } from './connection.js';
import type { HistoryStore, Verdict } from './history.js';
import type { MigrateInputs } from './inputs.js';
import { detectLayout, type Layout } from './layout.js';
import { planMarkdown, type PlannedMigration } from './plan-report.js';
import { prismaHistory } from './prisma-history.js';
import { nonTransactional, risksOf } from './risks.js';
import { acquireLock, quoteIdent, releaseLock, resetSession, serverVersion, serverVersionNum, tableLookup } from './session.js';
import { supabaseHistory } from './supabase-history.js';

/** For tests and embedders: how long to wait behind another run, which pg_dump binaries to consider, extra TLS trust. */
export interface MigrateEnvironment {
  lockWaitMs?: number;
  pgDumpCandidates?: () => string[];
  tls?: ConnectionOptions;
}

/** A run behind another one waits this long for the lock before giving up. */
export const LOCK_WAIT_MS = 15 * 60_000;

export type MigrateStatus = 'applied' | 'up-to-date' | 'planned' | 'failed' | 'cancelled';

interface Run {
  inputs: MigrateInputs;
  report: Report;
  log: Logger;
  target: DatabaseTarget;
  layout: Layout;
  store: HistoryStore;
  config: MigrateConfig;
  workspace: string;
  workdir: string;
  environment: MigrateEnvironment;
}

export function migrateMain(environment: MigrateEnvironment = {}) {
  return async ({ inputs, config: file, report, run, log }: ActionContext<MigrateInputs>): Promise<ActionResult> => {
    const target = parseDatabaseUrl(inputs['database-url']);
    const workdir = await workspaceDirectory(run.workspace, {
      input: 'working-directory',
      value: inputs['working-directory'],
      expected: 'a directory of the repository holding supabase/ or prisma/, e.g. apps/web',
    });
    const config = readMigrateConfig(file);
    const layout = await detectLayout(workdir, inputs.format);
    const store = layout.format === 'supabase' ? supabaseHistory : prismaHistory;
    const ctx: Run = { inputs, report, log, target, layout, store, config, workspace: run.workspace, workdir, environment };
    const backupPath = inputs['dry-run'] || !inputs.backup ? undefined : backupFile(inputs['backup-path'], run.workspace, process.env['RUNNER_TEMP'] ?? tmpdir());
    const client = await connect(target, { tls: environment.tls });
    let cancellation: Cancellation | undefined;
    try {
      cancellation = await watchCancellation(client, target, { tls: environment.tls }, log);
      return await migrateWith(ctx, client, backupPath, cancellation);
    } catch (error) {
      throw databaseError(error, target);
    } finally {
      cancellation?.dispose();
      await releaseLock(client);
      await client.end().catch(() => undefined);
    }
  };
}

async function migrateWith(ctx: Run, client: pg.Client, backupPath: string | undefined, cancellation: Cancellation): Promise<ActionResult> {
  const { inputs, report, log, target, layout, store } = ctx;
  const version = await serverVersion(client);
  const versionNum = await serverVersionNum(client);
  await resetSession(client, target, inputs['dry-run']);
  report.addCheck({
    id: 'connection',
    title: 'Database',
    status: 'pass',
    summary: `PostgreSQL ${version} at ${describeTarget(target)}${inputs['dry-run'] ? ' (read-only)' : ''}; ${layout.format} migrations: ${layout.migrations.length} file(s) in ${layout.dir}, history in ${store.table}.`,
  });
  if (!inputs['dry-run']) {
    const wait = ctx.environment.lockWaitMs ?? LOCK_WAIT_MS;
    const locked = await acquireLock(client, wait, () => log.info('Another migration run holds the migration lock; waiting for it to finish.'));
    if (!locked) return failure(ctx, `Another migration run held the migration lock (advisory lock 72707369) for more than ${Math.round(wait / 1000)}s: wait for it, or end the session holding it (pg_locks, locktype advisory).`, []);
  }
  const verdict = await store.judge(client, layout.migrations, inputs['include-all']);
  for (const warning of verdict.warnings) report.addFinding({ severity: 'warning', rule: 'migrate/history', message: warning });
  if (verdict.errors.length > 0) {
    report.addCheck({ id: 'history', title: `Migration history (${store.table})`, status: 'fail', summary: verdict.errors.join('\n') });
    return failure(ctx, verdict.errors.join('\n'), [], verdict.pending.length);
  }
  const planned = await plan(ctx, client, verdict, versionNum);
  if (inputs['dry-run']) return planOnly(ctx, planned, verdict);
  if (planned.length === 0) {
    report.addCheck({ id: 'plan', title: 'Pending migrations', status: 'pass', summary: `Up to date: ${verdict.appliedCount} migration(s) applied, none pending.` });
    return { outputs: outputs('up-to-date', [], 0, undefined) };
  }
  report.addNote(planMarkdown(planned, `${planned.length} pending migration(s)`));
  const backup = await takeBackup(ctx, client, versionNum, backupPath);
  if (backup.failed) return failure(ctx, backup.failed, [], planned.length);
  // Prisma creates the schema of its `?schema=` parameter when it is missing.
  if (target.schema && store.format === 'prisma') await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`);
  await store.ensure(client);
  const results = await applyMigrations(
    client,
    target,
    store,
    planned.map((p) => p.migration),
    timeouts(inputs),
    versionNum,
    (m, outside) => log.info(`Applying ${m.name}${outside ? ` outside a transaction (${outside})` : ''}`),
    () => cancellation.cancelled,
  );
  return reportResults(ctx, planned, results, backup.path, cancellation.cancelled);
}

async function plan(ctx: Run, client: pg.Client, verdict: Verdict, versionNum: number): Promise<PlannedMigration[]> {
  const lookup = await tableLookup(client);
  const created = new Set<string>();
  return verdict.pending.map((migration) => {
    const path = relative(ctx.workspace, join(ctx.workdir, migration.file)).replaceAll('\\', '/');
    const risks = risksOf(migration.sql, lookup, created).filter((r) => !ctx.config.allowRisks.has(r.id));
    const outsideTransaction = nonTransactional(migration.sql, versionNum);
    for (const risk of risks) ctx.report.addFinding({ severity: 'warning', rule: `migrate/${risk.id}`, message: `${migration.name}: ${risk.message}`, file: path, check: 'plan' });
    if (outsideTransaction) {
      ctx.report.addFinding({ severity: 'warning', rule: 'migrate/outside-transaction', message: `${migration.name} runs outside a transaction (${outsideTransaction}): if it fails part-way, the statements before the failure stay applied.`, file: path, check: 'plan' });
    }
    return { migration, path, risks, outsideTransaction };
  });
}

function planOnly(ctx: Run, planned: PlannedMigration[], verdict: Verdict): ActionResult {
  const risky = planned.some((p) => p.risks.length > 0 || p.outsideTransaction);
  const summary = planned.length === 0 ? `Up to date: ${verdict.appliedCount} migration(s) applied, none pending.` : `${planned.length} migration(s) would be applied: ${planned.map((p) => p.migration.name).join(', ')}.`;
  ctx.report.addCheck({ id: 'plan', title: 'Pending migrations (dry run)', status: risky ? 'warn' : 'pass', summary });
  if (planned.length > 0) ctx.report.addNote(planMarkdown(planned, `${planned.length} pending migration(s) — dry run, nothing applied`));
  const failOnRisk = ctx.config.failOnRisk && planned.some((p) => p.risks.length > 0);
  return {
    outputs: outputs('planned', [], planned.length, undefined),
    failed: failOnRisk ? 'The plan has risk warnings and migrate.fail-on-risk is set: review them, then list the accepted ones in migrate.allow-risks.' : undefined,
  };
}

async function takeBackup(ctx: Run, client: pg.Client, versionNum: number, path: string | undefined): Promise<{ path?: string; failed?: string }> {
  if (!path) {
    ctx.report.addCheck({ id: 'backup', title: 'Backup', status: 'skip', summary: 'backup: false — no backup was taken.' });
    return {};
  }
  const serverMajor = Math.floor(versionNum / 10000);
  const dump = await findPgDump(serverMajor, (ctx.environment.pgDumpCandidates ?? pgDumpCandidates)());
  ctx.log.info(`Backing up ${describeTarget(ctx.target)} with pg_dump ${dump.version}`);
  try {
    const { bytes } = await runBackup(dump, ctx.target, path);
    ctx.report.addCheck({ id: 'backup', title: 'Backup (pg_dump, custom format)', status: 'pass', summary: `${path} (${bytes} bytes, pg_dump ${dump.version}); restore with pg_restore --clean --if-exists -d <url> ${path}.` });
    return { path };
  } catch (error) {
    const message = (error as Error).message;
    ctx.report.addCheck({ id: 'backup', title: 'Backup (pg_dump, custom format)', status: 'fail', summary: message });
    return { failed: message };
  }
}

function reportResults(ctx: Run, planned: PlannedMigration[], results: MigrationResult[], backupPath: string | undefined, cancelled: boolean): ActionResult {
  const applied = results.filter((r) => !r.error).map((r) => r.migration.name);
  for (const result of results) {
    const path = planned.find((p) => p.migration === result.migration)!.path;
    ctx.report.addCheck({
      id: `migration:${result.migration.name}`,
      title: `Migration ${result.migration.name}`,
      status: result.error ? 'fail' : result.outsideTransaction ? 'warn' : 'pass',
      durationMs: result.durationMs,
      summary: result.error ? failureLine(result, path) : result.outsideTransaction ? `Applied outside a transaction (${result.outsideTransaction}).` : 'Applied and recorded.',
    });
  }
  const failed = results.find((r) => r.error);
  const notRun = planned.length - results.length;
  if (cancelled) {
    return {
      outputs: outputs('cancelled', applied, planned.length - applied.length, backupPath),
      failed: `Cancelled: ${applied.length} migration(s) applied before the cancel stay applied and recorded${failed ? `; ${failed.migration.name} was stopped and rolled back` : ''}; ${planned.length - results.length} did not start. Run migrate again to apply the rest.`,
    };
  }
  if (!failed) return { outputs: outputs('applied', applied, 0, backupPath) };
  const path = planned.find((p) => p.migration === failed.migration)!.path;
  const message =
    `${failureLine(failed, path)}\n` +
    `${applied.length} migration(s) before it stay applied and recorded${notRun > 0 ? `; ${notRun} after it did not run` : ''}. ` +
    `Fix ${path} and run migrate again${backupPath ? `; the backup taken before is ${backupPath}` : ''}.`;
  return { outputs: outputs('failed', applied, planned.length - applied.length, backupPath), failed: message };
}

function failureLine(result: MigrationResult, path: string): string {
  const error = result.error!;
  const where = `${path}${error.line ? `:${error.line}` : ''}`;
  const kept = error.committedStatements ? ` It ran outside a transaction: its first ${error.committedStatements} statement(s) stay applied.` : ` Nothing of it was applied${result.outsideTransaction ? '' : ' (its transaction was rolled back)'}.`;
  return `Migration ${result.migration.name} failed at ${where}: ${error.message}.${kept}`;
}

function failure(ctx: Run, message: string, applied: string[], pending = 0): ActionResult {
  return { outputs: outputs('failed', applied, pending, undefined), failed: message };
}

function outputs(status: MigrateStatus, applied: string[], pending: number, backupPath: string | undefined) {
  return { status, applied: JSON.stringify(applied), 'pending-count': pending, 'backup-path': backupPath ?? '' };
}

/**
 * An error from the server or the network outside a migration (the connection dropped, a
 * permission missing on the history table) is the database's answer, not a deploy-kit bug:
 * one line with PostgreSQL's words and its code.
 */
function databaseError(error: unknown, target: DatabaseTarget): unknown {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string' || error instanceof ConfigurationError) return error;
  const what = /^[0-9A-Z]{5}$/.test(code) ? `PostgreSQL answered: ${message.split('\n')[0]} (SQLSTATE ${code})` : `the connection failed: ${code}`;
  return new ApiError(`migrate stopped at ${describeTarget(target)}: ${what}. Migrations already reported as applied stay applied; run migrate again once this is fixed.`, 'PostgreSQL', 0, code);
}

function timeouts(inputs: MigrateInputs) {
  return { lockMs: inputs['lock-timeout'], statementMs: inputs['statement-timeout'] };
}
