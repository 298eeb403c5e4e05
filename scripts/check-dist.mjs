// Fails when the committed dist/ is not what a fresh build makes (a changed, missing or extra
// file) or outgrows its 1.5 MB budget (DESIGN.md, Performance budget), then loads every entry
// point the way the runner does and fails on a module that ncc left out (`Cannot find module`,
// a webpackMissingModule stub) — every entry loads its action's chunks on the way.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// `--dist <dir>` checks another copy (the tests hand it a broken one); by default the committed dist/.
const distFlag = process.argv.indexOf('--dist');
const dist = distFlag > 0 ? resolve(process.argv[distFlag + 1]) : join(root, 'dist');
const fresh = mkdtempSync(join(tmpdir(), 'deploy-kit-dist-'));
let failures = 0;
const fail = (message) => {
  failures++;
  console.error(`check-dist: ${message}`);
};

execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), fresh], { stdio: 'inherit' });

const list = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort() : []);
const committed = new Set(list(dist));
const built = new Set(list(fresh));
for (const file of built) {
  if (!committed.has(file)) fail(`dist/${file} is missing: run \`npm run build\` and commit dist/.`);
  else if (!readFileSync(join(dist, file)).equals(readFileSync(join(fresh, file)))) fail(`dist/${file} differs from a fresh build: run \`npm run build\` and commit dist/.`);
}
for (const file of committed) if (!built.has(file)) fail(`dist/${file} is no longer built: delete it (npm run build does).`);

const BUDGET_BYTES = 1.5 * 1024 * 1024;
const bytes = [...built].reduce((sum, file) => sum + statSync(join(fresh, file)).size, 0);
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
if (bytes > BUDGET_BYTES) fail(`dist/ is ${mb(bytes)}, over its ${mb(BUDGET_BYTES)} budget: a new dependency, or one shipped twice (\`npm ls <name>\`)?`);
else console.log(`check-dist: dist/ is ${mb(bytes)} (budget ${mb(BUDGET_BYTES)})`);

const MISSING = /Cannot find (module|package)|webpackMissingModule|ERR_MODULE_NOT_FOUND|ERR_REQUIRE_ESM/;
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) fail(`entry points must be loaded under Node 24 (the runner's node24); this is Node ${process.version}. Run through npm so node_modules/.bin/node is used.`);

/** A Node 20 outside node_modules, when the machine has one: the code must run there too. */
function systemNode20() {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version.startsWith('v20.')) return { path: candidate, version };
  }
  return undefined;
}

function load(label, args, node = process.execPath) {
  const work = mkdtempSync(join(tmpdir(), 'deploy-kit-load-'));
  for (const f of ['output', 'summary']) writeFileSync(join(work, f), '');
  writeFileSync(join(work, 'event.json'), '{}');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: join(work, 'output'), GITHUB_STEP_SUMMARY: join(work, 'summary'), GITHUB_EVENT_PATH: join(work, 'event.json'), RUNNER_TEMP: work, GITHUB_WORKSPACE: work };
  const res = spawnSync(node, args, { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
  const output = `${res.stdout}\n${res.stderr}`;
  if (MISSING.test(output)) return fail(`${label} cannot load a module:\n${output.split('\n').filter((l) => MISSING.test(l)).slice(0, 5).join('\n')}`);
  const handled = res.status === 0 || /^::error::/m.test(res.stdout);
  if (!handled) return fail(`${label} crashed before reporting (exit ${res.status}):\n${output.slice(0, 2000)}`);
  console.log(`check-dist: ${label} loads (exit ${res.status})`);
}

for (const name of readdirSync(dist, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'shared').map((d) => d.name)) {
  load(`dist/${name}/index.js`, [join(dist, name, 'index.js')]);
  load(`dist/cli.js ${name} --help`, [join(dist, 'cli.js'), name, '--help']);
}
load('dist/cli.js --help', [join(dist, 'cli.js'), '--help']);
const node20 = systemNode20();
if (node20) load(`dist/cli.js --help under Node ${node20.version}`, [join(dist, 'cli.js'), '--help'], node20.path);

if (failures > 0) {
  console.error(`check-dist: ${failures} problem(s).`);
  process.exit(1);
}
console.log('check-dist: dist/ matches a fresh build and every entry point loads.');
