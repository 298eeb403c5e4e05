import type { CheckOutcome, Finding } from '../../../packages/shared/src/report/model.js';

/** The checks preflight can run, by the ids the `checks` and `required-checks` inputs use. */
export const SCRIPT_CHECKS = ['lint', 'type-check', 'build', 'test'] as const;
export const CHECK_IDS = [...SCRIPT_CHECKS, 'scan', 'audit', 'env-files'] as const;

export type ScriptCheckId = (typeof SCRIPT_CHECKS)[number];
export type CheckId = (typeof CHECK_IDS)[number];

/** What one of the scan, audit and env-files checks found; finding paths are relative to the working directory. */
export interface CheckWithFindings {
  check: CheckOutcome;
  findings: Finding[];
}

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}

/** `all` stands for every check; the result keeps the canonical order. */
export function expandChecks(values: readonly string[]): CheckId[] {
  if (values.includes('all')) return [...CHECK_IDS];
  return CHECK_IDS.filter((id) => values.includes(id));
}
