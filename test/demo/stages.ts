import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness/dist.js';
import type { World } from '../harness/world.js';

/**
 * The stages of the chain whose actions are built in parallel (env-check, migrate,
 * sentry-release): each joins the demo once its action and dist/ entry are on main, with what it
 * needs (Vercel env variables, an embedded PostgreSQL, the Sentry emulator); until then its step
 * is switched off and the demo says why.
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

export async function optionalStages(_world: World): Promise<OptionalStages> {
  const stages: OptionalStages = { inputs: {}, secrets: {}, env: {}, notes: [], why: {}, close: async () => undefined };
  for (const action of Object.keys(ISSUES)) {
    if (landed(action)) continue;
    stages.why[action] = `its action is not on main yet (issue #${ISSUES[action]})`;
    stages.notes.push(`${action}: off — ${stages.why[action]}`);
  }
  if (!landed('env-check')) stages.inputs['env-check'] = false;
  return stages;
}
