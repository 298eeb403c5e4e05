// Writes the inputs and outputs tables of each <name>/README.md from its action.yml, between
// <!-- inputs --> … <!-- end inputs --> and <!-- outputs --> … <!-- end outputs -->; the
// all-in-one action.yml at the root has its tables in the root README.md.
// `--check` changes nothing and fails when a README has drifted from its action.yml.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const cell = (text) => String(text ?? '').trim().replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

// An input whose default is worked out at run time (from the config file, .vercel/project.json,
// the project) has no `default:` field; its description says "Default: …." and the table shows that.
function defaultCell(input) {
  if (input.default !== undefined && input.default !== '') return `\`${cell(input.default)}\``;
  const prose = /\bDefault: (.+?)\.(?:\s|$)/.exec(String(input.description ?? '').replace(/\s*\n\s*/g, ' '));
  return prose ? `_${cell(prose[1])}_` : '';
}

function inputsTable(inputs) {
  const rows = Object.entries(inputs ?? {}).map(([name, i]) => `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${defaultCell(i)} | ${cell(i.description)} |`);
  return ['| Input | Required | Default | Description |', '|---|---|---|---|', ...rows].join('\n');
}

function outputsTable(outputs) {
  const rows = Object.entries(outputs ?? {}).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
  return ['| Output | Description |', '|---|---|', ...rows].join('\n');
}

function replaceBetween(text, marker, content, file) {
  const start = `<!-- ${marker} -->`;
  const end = `<!-- end ${marker} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file}: add the markers ${start} and ${end} where the ${marker} table goes`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

const stale = [];
const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules' && existsSync(join(root, d.name, 'action.yml')));
if (existsSync(join(root, 'action.yml'))) folders.push({ name: '' });
for (const { name } of folders) {
  const readme = join(root, name, 'README.md');
  const meta = parse(readFileSync(join(root, name, 'action.yml'), 'utf8'));
  const current = existsSync(readme) ? readFileSync(readme, 'utf8') : `# ${name}\n\n${meta.description}\n\n## Inputs\n\n<!-- inputs -->\n<!-- end inputs -->\n\n## Outputs\n\n<!-- outputs -->\n<!-- end outputs -->\n`;
  const next = replaceBetween(replaceBetween(current, 'inputs', inputsTable(meta.inputs), readme), 'outputs', outputsTable(meta.outputs), readme);
  if (next === current) continue;
  if (check) stale.push(join(name, 'README.md'));
  else writeFileSync(readme, next);
}
if (stale.length > 0) {
  console.error(`These READMEs differ from their action.yml: ${stale.join(', ')}. Run \`npm run docs\` and commit.`);
  process.exit(1);
}
console.log(`action docs: ${folders.length} README(s) ${check ? 'match their action.yml' : 'written'}.`);
