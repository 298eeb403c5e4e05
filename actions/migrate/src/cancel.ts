import type pg from 'pg';
import type { Logger } from '../../../packages/shared/src/logger.js';
import { connect, type ConnectOptions, type DatabaseTarget } from './connection.js';

/**
 * A cancelled job (SIGINT, SIGTERM: the Cancel button, timeout-minutes) leaves nothing half
 * done: the running statement is cancelled on the server (pg_cancel_backend from a second
 * connection), its migration's transaction rolls back, and no further migration starts.
 */
export interface Cancellation {
  readonly cancelled: boolean;
  dispose(): void;
}

export async function watchCancellation(client: pg.Client, target: DatabaseTarget, options: ConnectOptions, log: Logger): Promise<Cancellation> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = rows[0]!.pid;
  const state = { cancelled: false };
  const handler = (signal: NodeJS.Signals) => {
    if (state.cancelled) return;
    state.cancelled = true;
    log.warning(`${signal}: the job is cancelled; stopping the running migration (its transaction rolls back) and starting no other.`);
    void cancelBackend(target, options, pid);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    get cancelled() {
      return state.cancelled;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

async function cancelBackend(target: DatabaseTarget, options: ConnectOptions, pid: number): Promise<void> {
  try {
    const other = await connect(target, { tls: options.tls });
    try {
      await other.query('SELECT pg_cancel_backend($1)', [pid]);
    } finally {
      await other.end();
    }
  } catch {
    // The process is ending anyway: the server rolls the transaction back when the connection drops.
  }
}
