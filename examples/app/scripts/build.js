// A stand-in for `next build`: copies the app into .next/ (the demo needs no network for Next).
import { cpSync, mkdirSync } from 'node:fs';

mkdirSync('.next', { recursive: true });
for (const dir of ['app', 'lib', 'src']) cpSync(dir, `.next/${dir}`, { recursive: true });
