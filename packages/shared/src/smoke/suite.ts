import type { Logger } from '../logger.js';
import { timed, type Check, type Report } from '../report/model.js';
import { checkCors, corsRequester, type CorsRequester } from './cors-check.js';
import { checkEndpoint, type CheckOutcome } from './endpoints.js';
import { judgeHeaders } from './headers-check.js';
import type { Scores } from './lighthouse/audit.js';
import type { Grade } from './observatory/grade.js';
import { Prober, allHeaders } from './probe.js';
import { checkRateLimit } from './rate-limit-check.js';
import { waitUntilReady, type Readiness } from './readiness.js';
import { checkHttpRedirect, plainHttpUrl, type RedirectVerdict } from './redirect-check.js';
import type { LighthouseSpec, SmokeEnvironment, SmokeSettings } from './settings.js';
import { checkTls } from './tls-check.js';
import { describeTlsProblem } from './tls-problems.js';

/**
 * The smoke suite: wait until the deployment answers, then run the independent HTTP checks
 * (TLS, redirect, security headers, endpoints, CORS) concurrently, then Lighthouse, then the
 * rate limit. Lighthouse runs on its own because it measures performance on this machine: running
 * it beside the latency samples would skew both. The rate limit runs last because tripping the
 * limiter can turn other requests into 429s. smoke-test and rollback both call runSmokeSuite.
 */
export interface SmokeOutcome {
  status: 'success' | 'failure';
  /** One or two lines for the failed step. */
  failed?: string;
  grade?: Grade;
  lighthouseScores?: Scores;
  lighthouseReport?: string;
}

export interface SuiteContext {
  report: Report;
  log: Logger;
  environment?: SmokeEnvironment;
}

type Task = () => Promise<CheckOutcome>;

function readinessOutcome(readiness: Readiness, settings: SmokeSettings): CheckOutcome {
  const url = settings.url;
  switch (readiness.state) {
    case 'ready':
      return { status: 'pass', summary: `answered ${readiness.status} after ${readiness.attempts} attempt(s) (${(readiness.elapsedMs / 1000).toFixed(1)} s)` };
    case 'untrusted':
      return { status: 'pass', summary: `answers, but ${describeTlsProblem(readiness.tls)}` };
    case 'protected':
      return {
        status: 'fail',
        summary: settings.bypassToken
          ? `expected ${url} to answer 2xx, got ${readiness.status} although the bypass token was sent: check bypass-token is this project's "Protection Bypass for Automation" secret.`
          : `expected ${url} to answer 2xx, got ${readiness.status}: the deployment is protected. Pass the project's "Protection Bypass for Automation" secret as bypass-token.`,
      };
    case 'timeout':
      return {
        status: 'fail',
        summary: `expected ${url} to answer 2xx within ${settings.waitForSeconds} s, got: ${readiness.last} (the last of ${readiness.attempts} attempt(s)). Check the deployment's logs, or raise wait-for if it is just slow to start.`,
      };
  }
}

function failureMessage(url: string, checks: Check[]): string | undefined {
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return undefined;
  const first = failed[0]!;
  const summary = (first.summary ?? '').length > 300 ? `${first.summary!.slice(0, 297)}...` : first.summary;
  const others = failed.length > 1 ? ` (also failed: ${failed.slice(1).map((c) => c.title).join(', ')})` : '';
  return `Smoke test of ${url} failed ${failed.length} of ${checks.length} check(s) — ${first.title}: ${summary}${others}. The job summary has each check's expected and actual result.`;
}

function memoCors(request: CorsRequester): CorsRequester {
  const answers = new Map<string, ReturnType<CorsRequester>>();
  return (path, kind) => {
    const key = `${kind} ${path}`;
    if (!answers.has(key)) answers.set(key, request(path, kind));
    return answers.get(key)!;
  };
}

/** Runs a check, or skips it when a browser could not reach the site (untrusted certificate). */
type Step = (id: string, title: string, task: Task) => Promise<Check>;

function stepper(skipReason: string | undefined): Step {
  return (id, title, task) => (skipReason ? Promise.resolve({ id, title, status: 'skip', summary: skipReason }) : timed(id, title, task));
}

interface Run {
  settings: SmokeSettings;
  environment: SmokeEnvironment;
  prober: Prober;
  log: Logger;
  outcome: SmokeOutcome;
}

async function waitForDeployment({ settings, environment, prober, log }: Run): Promise<{ check: Check; readiness?: Readiness }> {
  let readiness: Readiness | undefined;
  const origin = prober.base.origin;
  const check = await log.group(`Waiting for ${origin} (up to ${settings.waitForSeconds} s)`, () =>
    timed('readiness', `Ready: ${origin}`, async () => {
      readiness = await waitUntilReady(prober, {
        waitForSeconds: settings.waitForSeconds,
        intervalMs: environment.pollIntervalMs,
        onAttempt: (attempt, last) => log.info(`Attempt ${attempt}: ${last}`),
      });
      return readinessOutcome(readiness, settings);
    }));
  return { check, readiness };
}

/** Security headers of the homepage, graded with the redirect probe's and the CORS probe's answers. */
function gradeHeaders(run: Run, cors: CorsRequester, redirect: Promise<RedirectVerdict> | undefined): Task {
  const { settings, prober, outcome } = run;
  return async () => {
    const home = await prober.send(prober.base).catch((error: unknown) => {
      throw new Error(`expected the homepage to answer so its headers can be graded, got: ${error instanceof Error ? error.message : String(error)}`);
    });
    const corsAnswer = await cors(prober.base.pathname, 'GET').catch(() => undefined);
    const verdict = judgeHeaders(
      {
        url: new URL(home.url),
        headers: home.headers,
        cookies: home.hops.flatMap((hop) => allHeaders(hop.headers, 'set-cookie')),
        redirection: redirect ? (await redirect).result : undefined,
        cors: corsAnswer ? { origin: settings.corsOrigin, headers: corsAnswer.headers } : undefined,
      },
      { minGrade: settings.minGrade, requiredHeaders: settings.requiredHeaders },
    );
    outcome.grade = verdict.grade;
    return verdict.check;
  };
}

/** The independent HTTP checks, started together; their checks come back in a fixed order. */
function httpChecks(run: Run, step: Step, skipReason: string | undefined): Promise<Check>[] {
  const { settings, environment, prober } = run;
  const url = prober.base;
  const cors = memoCors(corsRequester(prober, settings.corsOrigin));
  const redirect = url.protocol === 'https:' && !skipReason
    ? checkHttpRedirect(prober, environment.httpProbeUrl ? new URL(environment.httpProbeUrl) : plainHttpUrl(url))
    : undefined;
  redirect?.catch(() => undefined);
  const corsPaths = [...new Set([url.pathname, ...settings.endpoints.map((e) => e.path)])];
  return [
    timed('tls', 'TLS certificate', () => checkTls(url, settings.minTlsDays, environment)),
    redirect
      ? timed('https-redirect', 'HTTP → HTTPS redirect', () => redirect)
      : Promise.resolve({ id: 'https-redirect', title: 'HTTP → HTTPS redirect', status: 'skip', summary: skipReason ?? 'not run: the URL is not https://' }),
    step('headers', 'Security headers (HTTP Observatory)', gradeHeaders(run, cors, redirect)),
    ...settings.endpoints.map((endpoint) => {
      const title = `${endpoint.method} ${endpoint.path}`;
      return step(`endpoint:${title}`, title, () => checkEndpoint(prober, endpoint, settings.requests, settings.concurrency));
    }),
    step('cors', 'CORS with a foreign origin', () => checkCors(cors, corsPaths, settings.corsOrigin)),
  ];
}

function lighthouseStep(run: Run, spec: LighthouseSpec, step: Step): Promise<Check> {
  const { settings, environment, log, outcome } = run;
  return log.group('Lighthouse', () =>
    step('lighthouse', 'Lighthouse', async () => {
      // Lighthouse is opt-in: its code (Chrome discovery, the child process) loads only when it runs.
      const { checkLighthouse } = await import('./lighthouse/check.js');
      const verdict = await checkLighthouse(settings.url, spec, { environment, bypassToken: settings.bypassToken, log });
      outcome.lighthouseScores = verdict.scores;
      outcome.lighthouseReport = verdict.reportPath;
      return verdict.check;
    }));
}

export async function runSmokeSuite(settings: SmokeSettings, context: SuiteContext): Promise<SmokeOutcome> {
  const environment = context.environment ?? {};
  const run: Run = { settings, environment, prober: new Prober(settings.url, settings.bypassToken, environment), log: context.log, outcome: { status: 'success' } };
  const checks: Check[] = [];
  const add = (check: Check) => checks.push(context.report.addCheck(check));
  try {
    const { check, readiness } = await waitForDeployment(run);
    add(check);
    if (!readiness || readiness.state === 'timeout' || readiness.state === 'protected') {
      context.report.addNote('The other checks did not run: the deployment never answered with a 2xx.');
    } else {
      const skipReason = readiness.state === 'untrusted' ? `not run: ${describeTlsProblem(readiness.tls)} (see the TLS check)` : undefined;
      const step = stepper(skipReason);
      for (const done of await Promise.all(httpChecks(run, step, skipReason))) add(done);
      if (settings.lighthouse) add(await lighthouseStep(run, settings.lighthouse, step));
      const limit = settings.rateLimit;
      if (limit) add(await step('rate-limit', `Rate limit: ${limit.method} ${limit.path}`, () => checkRateLimit(run.prober, limit)));
    }
  } finally {
    await run.prober.close();
  }
  run.outcome.failed = failureMessage(settings.url, checks);
  run.outcome.status = run.outcome.failed ? 'failure' : 'success';
  return run.outcome;
}
