/**
 * One rule for every duration input and config key: a number with a unit — `1500ms`, `90s`,
 * `30m`, `1h` — and a bare number means seconds, everywhere (`wait-for: 120` and `timeout: 120`
 * are both two minutes). Inputs whose name carries the unit (`max-latency-ms`) are plain numbers.
 */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** What the rule says, for messages and docs. */
export const DURATION_RULE = 'a number with a unit (ms, s, m, h); a bare number is seconds';

export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNITS[(match[2] ?? 's').toLowerCase()]!);
}

export function formatLimit(ms: number): string {
  if (ms === 0) return '0s';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
