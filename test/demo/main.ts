/**
 * `npm run demo`: the whole chain on this machine, with no accounts and no network. The reusable
 * workflow .github/workflows/deploy.yml runs twice, as a push to main would run it, through the
 * workflow runner of test/harness (the built dist/ entry points, INPUT_* variables, a
 * GITHUB_OUTPUT file per step, outputs feeding the next step), against the emulators of Vercel,
 * GitHub, Slack and Sentry and an embedded PostgreSQL (PGlite), with the example app
 * (examples/app) served for real behind an HTTPS "production" domain. Release 1 goes live;
 * release 2 has a broken health route: its smoke test fails and production is rolled back.
 *
 * Flags: --lighthouse (score the page with Chromium: about 9 s a run, so off by default).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDuration } from '../../packages/shared/src/report/markdown.js';
import { Report, type Check, type Finding } from '../../packages/shared/src/report/model.js';
import { renderTerminal } from '../../packages/shared/src/report/terminal.js';
import { ROOT } from '../harness/dist.js';
import { runWorkflow, type StepRecord } from '../harness/workflow.js';
import { BAD_COMMIT, breakHealthRoute, GOOD_COMMIT, pushContext, startWorld, type World } from '../harness/world.js';
import { startStages, type Stages } from '../harness/stages.js';

const colour = process.stdout.isTTY === true;
const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = (text: string) => paint(1, text);
const dim = (text: string) => paint(90, text);
const print = (text = '') => process.stdout.write(`${text}\n`);

interface JsonReport {
  action: string;
  title: string;
  status: string;
  skipped?: string;
  checks: Check[];
  findings: Finding[];
  notes: string[];
}

/** A JSON report (written by every action under RUNNER_TEMP/deploy-kit) back into the model the terminal renderer reads. */
function reportOf(json: JsonReport): Report {
  const report = new Report(json.action, json.title);
  for (const check of json.checks) report.addCheck(check);
  for (const finding of json.findings) report.addFinding(finding);
  for (const note of json.notes) report.addNote(note);
  if (json.skipped) report.skippedReason = json.skipped;
  return report;
}

/** A spinner with the elapsed time on a terminal; nothing in a log file. */
function progress(label: string): () => void {
  if (!colour) return () => undefined;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  const started = performance.now();
  let frame = 0;
  const timer = setInterval(() => {
    process.stdout.write(`\r${frames[frame++ % frames.length]} ${label} ${dim(formatDuration(Math.round(performance.now() - started)))}\u001b[K`);
  }, 100);
  return () => {
    clearInterval(timer);
    process.stdout.write('\r\u001b[K');
  };
}

const OUTCOME = { success: paint(32, '✔'), failure: paint(31, '✖'), skipped: dim('–') };

interface Release {
  title: string;
  commit: string;
  dir: string;
}

async function deployRelease(world: World, stages: Stages, release: Release, reportsDir: string, lighthouse: boolean): Promise<{ steps: StepRecord[]; outputs: Record<string, string> }> {
  print(bold(`\n━━ ${release.title} ━━`));
  const runnerTemp = join(reportsDir, 'runner');
  await mkdir(runnerTemp, { recursive: true });
  let stop = () => undefined as void;
  const run = await runWorkflow(join(ROOT, '.github', 'workflows', 'deploy.yml'), {
    workspace: release.dir,
    root: ROOT,
    ...pushContext(release.commit),
    env: { ...world.env, ...compileCache(), ...(lighthouse ? { CHROME_PATH: await chromeTrustingDemoCa(reportsDir) } : {}) },
    runnerTemp,
    secrets: { VERCEL_TOKEN: world.vercel.token, SLACK_WEBHOOK_URL: world.slack.webhookUrl, ...stages.secrets },
    inputs: {
      environment: 'production',
      ...world.deployInputs(),
      lighthouse,
      'lighthouse-runs': '1',
      'lighthouse-thresholds': 'performance=80,accessibility=90,best-practices=90,seo=80',
      // The registry is not reachable in the demo: no install (the app has no dependencies), no audit.
      install: 'false',
      checks: 'lint,type-check,build,test,scan,env-files',
      ...stages.inputs,
    },
    onStep: ({ phase, step }) => {
      if (!step.action || step.action.startsWith('.github')) return;
      if (phase === 'start') stop = progress(`${step.name}…`);
      else {
        stop();
        void 0;
      }
    },
  });
  for (const step of run.steps.filter((s) => s.action && !s.action.startsWith('.github'))) {
    if (step.outcome === 'skipped') {
      print(`${OUTCOME.skipped} ${dim(`${step.name}: skipped`)}`);
      continue;
    }
    print(`${OUTCOME[step.outcome]} ${bold(step.name)} ${dim(`(${step.action}, ${formatDuration(step.durationMs)})`)}`);
    const path = join(runnerTemp, 'deploy-kit', `${step.action}-report.json`);
    if (existsSync(path)) print(indent(renderTerminal(reportOf(JSON.parse(await readFile(path, 'utf8')) as JsonReport), colour)));
    const outputs = Object.entries(step.outputs).filter(([name, value]) => value !== '' && name !== 'report-path');
    if (outputs.length > 0) print(indent(dim(outputs.map(([name, value]) => `${name}=${value}`).join('\n'))));
  }
  await writeFile(join(reportsDir, 'job-summary.md'), run.summary);
  return { steps: run.steps, outputs: run.outputs };
}

/**
 * Chromium does not read NODE_EXTRA_CA_CERTS (DESIGN.md, machine facts): for the demo's private CA
 * only, Lighthouse gets a Chromium that skips certificate errors (smoke-test's own TLS check still
 * verifies the certificate against the CA).
 */
async function chromeTrustingDemoCa(dir: string): Promise<string> {
  const chrome = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
  if (!chrome) throw new Error('--lighthouse needs Chromium (apt-get install -y chromium)');
  await mkdir(dir, { recursive: true });
  const wrapper = join(dir, 'chromium-demo.sh');
  await writeFile(wrapper, `#!/bin/sh\nexec ${chrome} --ignore-certificate-errors "$@"\n`, { mode: 0o755 });
  return wrapper;
}

/** Each step's node reuses the demo's V8 compile cache (scripts/demo.mjs sets it). */
function compileCache(): Record<string, string> {
  const dir = process.env['NODE_COMPILE_CACHE'];
  return dir ? { NODE_COMPILE_CACHE: dir } : {};
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}

async function main(): Promise<number> {
  const lighthouse = process.argv.includes('--lighthouse');
  const missingDist = ['preflight', 'env-check', 'migrate', 'deploy', 'smoke-test', 'rollback', 'sentry-release', 'slack-notify'].filter((name) => !existsSync(join(ROOT, 'dist', name, 'index.js')));
  if (missingDist.length > 0) {
    print(`The demo runs the built actions: dist/ lacks ${missingDist.join(', ')}. Run \`npm run build\` first.`);
    return 1;
  }
  const started = performance.now();
  const reportsRoot = join(tmpdir(), `deploy-kit-demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  print(bold('deploy-kit demo: the reusable deploy workflow, twice, on 127.0.0.1 — no accounts, no network'));
  const world = await startWorld();
  const stages = await startStages(world);
  try {
    const good = await world.checkout(GOOD_COMMIT);
    const broken = await world.checkout(BAD_COMMIT, breakHealthRoute);
    await Promise.all([world.serve(good, GOOD_COMMIT), world.serve(broken, BAD_COMMIT)]);
    print(dim(`Vercel API ${world.vercel.url} · GitHub API ${world.github.url} · Slack ${world.slack.url} · production ${world.edge.url}`));
    for (const line of stages.notes) print(dim(line));
    print(dim(`Lighthouse: ${lighthouse ? 'on (Chromium, one run per release, ~9 s each)' : 'off (it adds ~9 s per release: npm run demo -- --lighthouse)'}`));

    const first = await deployRelease(world, stages, { title: `Release 1 (${GOOD_COMMIT.slice(0, 7)}): a push to main`, commit: GOOD_COMMIT, dir: good }, join(reportsRoot, 'release-1'), lighthouse);
    print(`\n${bold('Release 1')}: ${first.outputs['status']} — production serves ${first.outputs['deployment-id']}`);

    const second = await deployRelease(world, stages, { title: `Release 2 (${BAD_COMMIT.slice(0, 7)}): a bug in app/api/health/route.js`, commit: BAD_COMMIT, dir: broken }, join(reportsRoot, 'release-2'), lighthouse);
    const serving = world.vercel.project.productionDeploymentId;
    print(`\n${bold('Release 2')}: ${second.outputs['status']} — its smoke test failed, production serves ${serving} again (release 1: ${serving === first.outputs['deployment-id'] ? 'yes' : 'NO'})`);

    print(bold('\n━━ Where things are ━━'));
    print(`Reports (JSON per action, as actions/upload-artifact uploads them): ${join(reportsRoot, 'release-1', 'runner', 'deploy-kit')}`);
    print(`                                                                  ${join(reportsRoot, 'release-2', 'runner', 'deploy-kit')}`);
    print(`Job summaries (the Markdown GitHub shows): ${join(reportsRoot, 'release-1', 'job-summary.md')}, ${join(reportsRoot, 'release-2', 'job-summary.md')}`);
    print(`Slack received ${world.slack.messages.length} message(s); GitHub recorded ${world.github.state.deployments.length} deployment(s): ${world.github.state.deployments.map((d) => `${d.environment} ${d.statuses.at(-1)?.state ?? 'pending'}`).join(', ')}.`);
    print(dim(`Finished in ${formatDuration(Math.round(performance.now() - started))}; every server and app process is stopped.`));
    return second.outputs['status'] === 'rolled-back' && first.outputs['status'] === 'success' ? 0 : 1;
  } finally {
    await stages.close();
    await world.close();
  }
}

process.exitCode = await main();
