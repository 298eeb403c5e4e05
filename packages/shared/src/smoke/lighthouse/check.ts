import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../logger.js';
import { redact } from '../../secrets.js';
import type { CheckOutcome } from '../endpoints.js';
import { BYPASS_HEADER } from '../probe.js';
import type { LighthouseSpec, SmokeEnvironment } from '../settings.js';
import { audit, type Scores } from './audit.js';
import { ChromeNotFoundError, chromeFlags, findChrome } from './chrome.js';
import { locateLighthouse } from './loader.js';
import type { LighthouseCategory } from './thresholds.js';

export interface LighthouseVerdict {
  check: CheckOutcome;
  scores?: Scores;
  reportPath?: string;
}

function runnerTemp(): string {
  return process.env['RUNNER_TEMP'] ?? tmpdir();
}

function listScores(scores: Scores): string {
  return Object.entries(scores).map(([category, score]) => `${category} ${score}`).join(', ');
}

export async function checkLighthouse(url: string, spec: LighthouseSpec, options: { environment: SmokeEnvironment; bypassToken?: string; log: Logger }): Promise<LighthouseVerdict> {
  const { environment, log } = options;
  const env = environment.env ?? process.env;
  let chromePath: string;
  try {
    chromePath = findChrome(env);
  } catch (error) {
    if (error instanceof ChromeNotFoundError) return { check: { status: 'fail', summary: error.message } };
    throw error;
  }
  const location = await locateLighthouse({
    searchFrom: environment.lighthouseSearchFrom,
    installDir: environment.lighthouseInstallDir ?? join(runnerTemp(), 'deploy-kit-lighthouse'),
    install: environment.installLighthouse,
    onInstall: (message) => log.info(message),
  });
  const categories = Object.keys(spec.thresholds) as LighthouseCategory[];
  log.info(`Lighthouse (${location.source === 'installed' ? 'installed on demand' : "from the action's dependencies"}, ${location.lighthouse}): ${spec.runs} ${spec.preset} run(s) of ${url} in ${chromePath}`);
  const result = await audit(location, {
    url,
    categories,
    runs: spec.runs,
    preset: spec.preset,
    chromePath,
    chromeFlags: chromeFlags({ resolveHosts: environment.resolveHosts }),
    extraHeaders: options.bypassToken ? { [BYPASS_HEADER]: options.bypassToken } : {},
    env,
    onRun: (run, scores) => log.info(`Lighthouse run ${run}/${spec.runs}: ${listScores(scores)}`),
  });
  const dir = environment.artifactsDir ?? join(runnerTemp(), 'deploy-kit');
  await mkdir(dir, { recursive: true });
  const reportPath = join(dir, `${environment.reportPrefix ?? 'smoke-test'}-lighthouse-report.html`);
  // The report embeds the run's settings, extra headers included: the bypass secret must not reach the file.
  await writeFile(reportPath, redact(result.html));
  const below = categories.filter((c) => result.medians[c]! < spec.thresholds[c]!);
  const runs = `median of ${spec.runs} ${spec.preset} run(s)${result.version ? `, Lighthouse ${result.version}` : ''}`;
  const detail = [...result.runs.map((scores, i) => `run ${i + 1}: ${listScores(scores)}`), `report: ${reportPath}`].join('\n');
  const metrics = categories.map((c) => ({ label: `Lighthouse ${c}`, value: result.medians[c]!, unit: 'score' as const, limit: spec.thresholds[c] }));
  const verdict = (check: Omit<CheckOutcome, 'detail'>): LighthouseVerdict => ({ check: { ...check, detail, metrics }, scores: result.medians, reportPath });
  if (below.length > 0) {
    const misses = below.map((c) => `${c} at least ${spec.thresholds[c]}, got ${result.medians[c]}`).join('; ');
    return verdict({ status: 'fail', summary: `expected ${misses} (${runs}). The HTML report (output lighthouse-report) shows what costs the points.` });
  }
  return verdict({ status: 'pass', summary: `${listScores(result.medians)} (${runs}); thresholds ${listScores(spec.thresholds)} met` });
}
