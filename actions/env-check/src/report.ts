import type { Check, CheckStatus, Report } from '../../../packages/shared/src/report/model.js';
import type { VariableResult, VariableState } from './evaluate.js';
import type { Environment } from './schema.js';

/**
 * The table per variable: one report row each (✅ ok, ❌ missing / invalid, ⚠️ ok-but-suspect,
 * ⏭️ presence-only or optional), with the state and the reason. A public value may be shown;
 * nothing else is.
 */
const STATUS: Record<VariableState, CheckStatus> = { ok: 'pass', missing: 'fail', invalid: 'fail', 'presence-only': 'skip', optional: 'skip' };

export function variableCheck(result: VariableResult): Check {
  const tags = [result.secret ? 'secret' : '', result.public ? 'public' : ''].filter(Boolean);
  const state = result.warning ? `${result.state} (warning)` : result.state;
  const shown = result.shown !== undefined ? ` — value: ${JSON.stringify(shortened(result.shown))}` : '';
  return {
    id: `env/${result.name}`,
    title: `${result.name}${tags.length ? ` (${tags.join(', ')})` : ''}`,
    status: result.warning ? 'warn' : STATUS[result.state],
    summary: `${state}: ${result.reason}${shown}`,
  };
}

function shortened(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}…` : value;
}

export interface Outcome {
  status: 'success' | 'failure';
  missing: string[];
  invalid: string[];
  failed?: string;
}

export function decideOutcome(report: Report, results: VariableResult[], environment: Environment, failOn: 'error' | 'warning', sourceName: string): Outcome {
  const missing = results.filter((r) => r.state === 'missing').map((r) => r.name);
  const invalid = results.filter((r) => r.state === 'invalid').map((r) => r.name);
  const fails = report.errors > 0 || (failOn === 'warning' && report.warnings > 0);
  if (!fails) return { status: 'success', missing, invalid };
  const parts = [
    missing.length ? `missing: ${missing.join(', ')}` : '',
    invalid.length ? `invalid: ${invalid.join(', ')}` : '',
    failOn === 'warning' && report.warnings > 0 ? `${report.warnings} warning(s), and fail-on is warning` : '',
  ].filter(Boolean);
  return {
    status: 'failure',
    missing,
    invalid,
    failed: `Environment variables for ${environment} are not ready — ${parts.join('; ')}.\nThe summary gives each variable's reason: set or fix them in ${sourceName}, then run again.`,
  };
}
