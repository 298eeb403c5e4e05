import { median } from '../stats.js';
import type { LighthouseLocation } from './loader.js';
import { runLighthouseProcess, type RunOutput } from './process.js';
import type { LighthouseCategory } from './thresholds.js';

/**
 * Runs Lighthouse `runs` times in one headless Chrome and reduces the runs to the median score per
 * category: single runs vary by several points (Lighthouse's docs, "Lighthouse Variability":
 * https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md, recommend the median
 * of several runs). The HTML report kept is the run whose first category's score is the median's.
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
  /** The environment the Lighthouse process starts from (inputs and secrets are taken out). */
  env?: NodeJS.ProcessEnv;
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

/** Lighthouse's own page-load limits stay well under this; a run that takes longer is stuck. */
const RUN_TIMEOUT_MS = 180_000;

function scoresOf(run: RunOutput, url: string, categories: LighthouseCategory[]): Scores {
  if (run.runtimeError) throw new LighthouseRunError(`Lighthouse could not audit ${url}: ${run.runtimeError.code}: ${run.runtimeError.message}`);
  const scores: Scores = {};
  for (const category of categories) {
    const score = run.scores[category];
    if (typeof score !== 'number') throw new LighthouseRunError(`Lighthouse could not score ${category} for ${url} (the page may have failed to load).`);
    scores[category] = Math.round(score * 100);
  }
  return scores;
}

export async function audit(location: LighthouseLocation, options: AuditOptions): Promise<Audit> {
  const outputs = await runLighthouseProcess(
    location,
    {
      url: options.url,
      runs: options.runs,
      desktop: options.preset === 'desktop',
      chromePath: options.chromePath,
      chromeFlags: options.chromeFlags,
      flags: { output: 'html', logLevel: 'error', onlyCategories: options.categories, extraHeaders: options.extraHeaders },
    },
    {
      timeoutMs: RUN_TIMEOUT_MS * options.runs,
      env: options.env,
      onRun: (run) => {
        if (!run.runtimeError) options.onRun?.(run.run, Object.fromEntries(Object.entries(run.scores).map(([c, s]) => [c, Math.round((s ?? 0) * 100)])));
      },
    },
  );
  const results = outputs.map((run) => ({ scores: scoresOf(run, options.url, options.categories), html: run.html, version: run.version ?? undefined }));
  const medians: Scores = {};
  for (const category of options.categories) medians[category] = Math.round(median(results.map((r) => r.scores[category]!)));
  const first = options.categories[0]!;
  const representative = results.reduce((best, r) =>
    Math.abs(r.scores[first]! - medians[first]!) < Math.abs(best.scores[first]! - medians[first]!) ? r : best);
  return { medians, runs: results.map((r) => r.scores), html: representative.html, version: representative.version };
}
