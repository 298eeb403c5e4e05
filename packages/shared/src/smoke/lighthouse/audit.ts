import { median } from '../stats.js';
import type { LighthouseModules, LighthouseRunnerResult } from './loader.js';
import type { LighthouseCategory } from './thresholds.js';

/**
 * Runs Lighthouse `runs` times in one headless Chrome and reduces the runs to the median score per
 * category: single runs vary by several points (Lighthouse's docs, "Lighthouse Variability":
 * https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md, recommend the median
 * of several runs). The HTML report kept is the run whose performance score is the median's.
 */
export type Preset = 'mobile' | 'desktop';
export type Scores = Partial<Record<LighthouseCategory, number>>;

export interface AuditOptions {
  url: string;
  categories: LighthouseCategory[];
  runs: number;
  preset: Preset;
  chromePath: string;
  chromeFlags: string[];
  /** Sent with every request the page makes (the Vercel protection bypass). */
  extraHeaders: Record<string, string>;
  onRun?: (run: number, scores: Scores) => void;
}

export interface Audit {
  medians: Scores;
  runs: Scores[];
  html: string;
  version?: string;
}

export class LighthouseRunError extends Error {
  override readonly name = 'LighthouseRunError';
}

function scoresOf(result: LighthouseRunnerResult, categories: LighthouseCategory[]): Scores {
  const scores: Scores = {};
  for (const category of categories) {
    const score = result.lhr.categories[category]?.score;
    if (typeof score !== 'number') throw new LighthouseRunError(`Lighthouse could not score ${category} (the page may have failed to load).`);
    scores[category] = Math.round(score * 100);
  }
  return scores;
}

export async function audit(modules: LighthouseModules, options: AuditOptions): Promise<Audit> {
  const chrome = await modules.launch({ chromePath: options.chromePath, chromeFlags: options.chromeFlags });
  try {
    const results: { scores: Scores; html: string; version?: string }[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const flags = {
        port: chrome.port,
        output: 'html',
        logLevel: 'error',
        onlyCategories: options.categories,
        extraHeaders: options.extraHeaders,
      };
      const result = await modules.lighthouse(options.url, flags, options.preset === 'desktop' ? modules.desktopConfig : undefined);
      if (!result) throw new LighthouseRunError('Lighthouse returned no result.');
      const error = result.lhr.runtimeError;
      if (error) throw new LighthouseRunError(`Lighthouse could not audit ${options.url}: ${error.code}: ${error.message}`);
      const scores = scoresOf(result, options.categories);
      options.onRun?.(run, scores);
      results.push({ scores, html: Array.isArray(result.report) ? result.report[0] ?? '' : result.report, version: result.lhr.lighthouseVersion });
    }
    const medians: Scores = {};
    for (const category of options.categories) medians[category] = Math.round(median(results.map((r) => r.scores[category]!)));
    const first = options.categories[0]!;
    const representative = results.reduce((best, r) =>
      Math.abs(r.scores[first]! - medians[first]!) < Math.abs(best.scores[first]! - medians[first]!) ? r : best);
    return { medians, runs: results.map((r) => r.scores), html: representative.html, version: representative.version };
  } finally {
    await chrome.kill();
  }
}
