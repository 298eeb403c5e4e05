import type { Check, Metric } from './model.js';

/**
 * Figures at a glance: one row per metric with a ten-block bar, coloured as Lighthouse colours
 * its scores (90–100 green, 50–89 orange, 0–49 red) and latencies by their share of the budget.
 */
const BLOCKS = 10;

function bar(fraction: number): string {
  const filled = Math.max(0, Math.min(BLOCKS, Math.round(fraction * BLOCKS)));
  return `\`${'█'.repeat(filled)}${'░'.repeat(BLOCKS - filled)}\``;
}

function scoreColour(metric: Metric): string {
  if (metric.limit !== undefined && metric.value < metric.limit) return metric.value < 50 ? '🔴' : '🟠';
  return metric.value >= 90 ? '🟢' : metric.value >= 50 ? '🟠' : '🔴';
}

function latencyColour(metric: Metric): string {
  if (metric.limit === undefined) return '⚪';
  if (metric.value > metric.limit) return '🔴';
  return metric.value > metric.limit * 0.8 ? '🟠' : '🟢';
}

export function gaugeRow(metric: Metric, escape: (text: string) => string): string {
  if (metric.unit === 'score') {
    const limit = metric.limit === undefined ? '' : `≥ ${metric.limit}`;
    return `| ${escape(metric.label)} | ${scoreColour(metric)} ${bar(metric.value / 100)} | ${metric.value} | ${limit} |`;
  }
  // A latency bar is its share of the budget; without a budget, of one second.
  const fraction = metric.value / (metric.limit ?? 1000);
  const limit = metric.limit === undefined ? '' : `≤ ${metric.limit} ms`;
  return `| ${escape(metric.label)} | ${latencyColour(metric)} ${bar(fraction)} | ${metric.value} ms | ${limit} |`;
}

/** The "at a glance" table of every check's metrics, or nothing when no check measured any. */
export function gaugeTable(checks: Check[], escape: (text: string) => string): string[] {
  const metrics = checks.flatMap((c) => c.metrics ?? []);
  if (metrics.length === 0) return [];
  return ['| Metric | | Value | Limit |', '|---|---|--:|---|', ...metrics.map((m) => gaugeRow(m, escape)), ''];
}
