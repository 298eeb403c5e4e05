// `npm run demo [-- --lighthouse]`: the whole deploy-kit chain on this machine, no accounts, no
// network (test/demo/main.ts, run through the TypeScript loader the benchmarks use).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const res = spawnSync(process.execPath, ['--import', join(root, 'bench/register-ts.mjs'), join(root, 'test/demo/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(res.status ?? 1);
