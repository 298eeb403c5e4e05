// A stand-in linter: every source file parses and has no tab indentation.
import { readdirSync, readFileSync } from 'node:fs';

let problems = 0;
for (const file of readdirSync('src')) {
  const text = readFileSync(`src/${file}`, 'utf8');
  if (/^\t/m.test(text)) {
    console.error(`src/${file}: tab indentation`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
