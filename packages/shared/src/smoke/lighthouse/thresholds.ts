import { invalid, valid, type Parsed } from '../../inputs.js';

/** Lighthouse's category ids (lighthouse/core/config/default-config.js `categories`). */
export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];
export type Thresholds = Partial<Record<LighthouseCategory, number>>;

/** The guides' bar: performance > 90, accessibility > 95, best practices > 90, SEO > 90. */
export const DEFAULT_THRESHOLDS = 'performance=90,accessibility=95,best-practices=90,seo=90';
export const THRESHOLDS_FORM = `comma-separated category=score pairs, scores 0-100, categories ${LIGHTHOUSE_CATEGORIES.join(', ')} (e.g. ${DEFAULT_THRESHOLDS})`;

/** The `lighthouse-thresholds` input: each pair checked, the first bad one named. */
export function parseThresholds(text: string): Parsed<Thresholds> {
  const thresholds: Thresholds = {};
  const pairs = text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
  for (const pair of pairs) {
    const match = /^([a-z-]+)\s*[=:]\s*(\d+)$/i.exec(pair);
    const category = match?.[1]?.toLowerCase() as LighthouseCategory | undefined;
    const score = Number(match?.[2]);
    const problem = !match
      ? `has "${pair}", which is not a category=score pair`
      : !LIGHTHOUSE_CATEGORIES.includes(category!)
        ? `has an unknown category '${match[1]}'`
        : score > 100
          ? `gives ${category} a score of ${score}, above 100`
          : undefined;
    if (problem) return invalid(problem);
    thresholds[category!] = score;
  }
  return Object.keys(thresholds).length === 0 ? invalid('names no category') : valid(thresholds);
}
