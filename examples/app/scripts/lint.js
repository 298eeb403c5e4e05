// A stand-in linter: no tab indentation in the app's source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let problems = 0;
for (const dir of ['app', 'lib', 'src']) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    if (/^\t/m.test(readFileSync(file, 'utf8'))) {
      console.error(`${file}: tab indentation`);
      problems++;
    }
  }
}
process.exit(problems ? 1 : 0);
