// `npm run demo [-- --lighthouse]`: the whole deploy-kit chain on this machine, no accounts, no
// network (test/demo/main.ts, run through the TypeScript loader the benchmarks use).
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// V8's compile cache (Node 22.1+) spares later runs most of the parse time of TypeScript and the bundle.
const env = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'deploy-kit-demo-compile-cache') };
const res = spawnSync(process.execPath, ['--import', join(root, 'bench/register-ts.mjs'), join(root, 'test/demo/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
process.exit(res.status ?? 1);
