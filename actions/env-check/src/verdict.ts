/**
 * What a value check concludes: `ok` with what was found, `invalid` with why, or `warn` (a
 * value that works but is probably wrong, e.g. a live Stripe key in a preview). Reasons describe
 * the value (its length, its scheme, its prefix) and never quote it.
 */
export type Verdict = { status: 'ok' | 'invalid' | 'warn'; reason: string };

export const ok = (reason: string): Verdict => ({ status: 'ok', reason });
export const invalid = (reason: string): Verdict => ({ status: 'invalid', reason });
export const warn = (reason: string): Verdict => ({ status: 'warn', reason });

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
