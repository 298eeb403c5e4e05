// `npm run bench [startup|smoke|deploy|scan|scan-matcher|sentry]`: runs the benchmarks in bench/ (TypeScript, through
// bench/register-ts.mjs) one after the other and lets them print their figures; every figure of
// the README's performance table comes from here. `startup` measures the built dist/: run
// `npm run build` first.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const BENCHES = {
  startup: ['bench/startup/index.ts'],
  smoke: ['bench/smoke/index.ts'],
  deploy: ['bench/deploy/index.ts'],
  scan: ['bench/scan/index.ts'],
  'scan-matcher': ['bench/scan/secret-matcher.ts'],
  sentry: ['bench/sentry/index.ts'],
  'smoke-rss': ['bench/smoke-rss/index.ts'],
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`bench: no benchmark '${name}' (have: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== bench ${name}`);
  const res = spawnSync(process.execPath, ['--import', join(root, 'bench/register-ts.mjs'), join(root, bench[0])], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
