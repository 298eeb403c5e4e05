import { z } from 'zod';

/** Lighthouse's category ids (lighthouse/core/config/default-config.js `categories`). */
export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];
export type Thresholds = Partial<Record<LighthouseCategory, number>>;

/** The guides' bar: performance > 90, accessibility > 95, best practices > 90, SEO > 90. */
export const DEFAULT_THRESHOLDS = 'performance=90,accessibility=95,best-practices=90,seo=90';
export const THRESHOLDS_FORM = `comma-separated category=score pairs, scores 0-100, categories ${LIGHTHOUSE_CATEGORIES.join(', ')} (e.g. ${DEFAULT_THRESHOLDS})`;

export const thresholdsSchema = z.string().transform((text, ctx): Thresholds => {
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
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    thresholds[category!] = score;
  }
  if (Object.keys(thresholds).length === 0) {
    ctx.addIssue({ code: 'custom', message: 'names no category' });
    return z.NEVER;
  }
  return thresholds;
});
