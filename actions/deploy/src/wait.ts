import { PollClock, TERMINAL_STATES, type Deployment, type VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import { pollRead } from '../../../packages/shared/src/poll.js';
import type { Tuning } from '../../../packages/shared/src/tuning.js';

/**
 * Polls GET /v13/deployments/{id} with a growing interval until the deployment is READY, ERROR or
 * CANCELED. A production deployment is done only once its domains point at it (`aliasAssigned`),
 * the moment the Vercel CLI also waits for (packages/client/src/check-deployment-status.ts).
 */
export type WaitOutcome =
  | { kind: 'ready'; deployment: Deployment; waitedMs: number }
  | { kind: 'failed'; deployment: Deployment; waitedMs: number }
  | { kind: 'canceled'; deployment: Deployment; waitedMs: number }
  | { kind: 'alias-error'; deployment: Deployment; waitedMs: number }
  | { kind: 'timeout'; deployment: Deployment; waitedMs: number };

export interface WaitOptions {
  production: boolean;
  timeoutMs: number;
  tuning: Pick<Tuning, 'pollMs' | 'maxPollMs'>;
  log: Logger;
}

export async function waitForDeployment(client: VercelClient, created: Deployment, options: WaitOptions): Promise<WaitOutcome> {
  const clock = new PollClock(options.tuning, options.timeoutMs);
  let deployment = created;
  let shown = '';
  for (;;) {
    const status = describe(deployment, options.production);
    if (status !== shown) options.log.info(`Deployment ${deployment.id}: ${status}`);
    shown = status;
    const kind = settled(deployment, options.production);
    if (kind) return { kind, deployment, waitedMs: clock.elapsedMs() };
    if (clock.expired()) return { kind: 'timeout', deployment, waitedMs: clock.elapsedMs() };
    await clock.next();
    const read = await pollRead(() => client.getDeployment(deployment.id));
    if (!read) return { kind: 'timeout', deployment, waitedMs: clock.elapsedMs() };
    deployment = read;
  }
}

function settled(d: Deployment, production: boolean): WaitOutcome['kind'] | undefined {
  if (d.readyState === 'READY') {
    if (!production || d.aliasAssigned) return 'ready';
    return d.aliasError ? 'alias-error' : undefined;
  }
  if (d.readyState === 'CANCELED') return 'canceled';
  return TERMINAL_STATES.has(d.readyState) ? 'failed' : undefined;
}

function describe(d: Deployment, production: boolean): string {
  if (d.readyState === 'READY' && production && !d.aliasAssigned && !d.aliasError) return 'READY, waiting for the production domains to point at it';
  return d.readyState;
}
