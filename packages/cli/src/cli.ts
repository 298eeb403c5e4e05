import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerInputSource } from '../../shared/src/inputs.js';
import { actionNames, ACTIONS } from './actions.js';
import { readManifest, type ActionManifest } from './action-yml.js';

/**
 * `deploy-kit <action> [--input value ...]`: the same action code as on a runner, inputs from
 * flags (or INPUT_* variables, as the runner passes them, for secrets kept out of shell history),
 * the report printed to the terminal.
 */
const USAGE = [
  'Usage: deploy-kit <action> [--<input> <value> ...] [--summary FILE]',
  '       deploy-kit <action> --help',
  '',
  '--summary FILE writes the Markdown the job summary and the pull request comment would get.',
].join('\n');
/** Options of the command itself, not inputs of the action. */
const SUMMARY_FLAG = 'summary';

export async function cli(argv: string[], print: (text: string) => void = (t) => process.stdout.write(`${t}\n`)): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    print(await overview());
    return 0;
  }
  const run = ACTIONS[name];
  if (!run) {
    print(`deploy-kit: no action named '${name}'. Actions: ${actionNames().join(', ')}.\n${USAGE}`);
    return 2;
  }
  const manifest = await readManifest(manifestPath(name));
  if (rest.includes('--help') || rest.includes('-h')) {
    print(actionHelp(name, manifest));
    return 0;
  }
  const parsed = parseFlags(rest, manifest);
  if ('error' in parsed) {
    print(`deploy-kit ${name}: ${parsed.error}\nRun 'deploy-kit ${name} --help' for its inputs.`);
    return 2;
  }
  const { values: flags, summaryPath } = parsed;
  const source = (input: string) => flags[input] ?? runnerInputSource(input);
  const result = await run({ local: true, source, print, summaryPath });
  return result.status === 'failure' ? 1 : 0;
}

/** action.yml files sit at the package root, two levels above dist/shared/index.js. */
function manifestPath(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const root of [join(here, '..', '..'), join(here, '..', '..', '..')]) {
    const path = join(root, name, 'action.yml');
    if (existsSync(path)) return path;
  }
  throw new Error(`deploy-kit: ${name}/action.yml is missing from the package`);
}

async function overview(): Promise<string> {
  const lines = ['deploy-kit: the production deployment checklist as GitHub Actions, also runnable here.', '', USAGE, '', 'Actions:'];
  for (const name of actionNames()) {
    const manifest = await readManifest(manifestPath(name));
    lines.push(`  ${name.padEnd(16)} ${manifest.description.split('\n')[0]}`);
  }
  return lines.join('\n');
}

function actionHelp(name: string, manifest: ActionManifest): string {
  const lines = [`deploy-kit ${name}: ${manifest.description.trim()}`, '', 'Inputs:'];
  for (const [input, spec] of Object.entries(manifest.inputs)) {
    const meta = [spec.required ? 'required' : '', spec.default !== undefined && spec.default !== '' ? `default: ${spec.default}` : ''].filter(Boolean).join(', ');
    lines.push(`  --${input}${meta ? `  (${meta})` : ''}`, `      ${(spec.description ?? '').trim().replace(/\n/g, '\n      ')}`);
  }
  if (Object.keys(manifest.outputs).length > 0) {
    lines.push('', 'Outputs (printed as name=value):');
    for (const [output, spec] of Object.entries(manifest.outputs)) lines.push(`  ${output.padEnd(24)} ${(spec.description ?? '').trim().split('\n')[0]}`);
  }
  const example = (Object.keys(manifest.inputs).find((i) => i.includes('-')) ?? Object.keys(manifest.inputs)[0] ?? 'name').toUpperCase().replace(/-/g, '_');
  lines.push(
    '',
    '--summary FILE  writes the Markdown the job summary and the pull request comment would get.',
    '',
    `Each input can also come from INPUT_<NAME> (e.g. INPUT_${example}; dashes may be written as _), which keeps secrets out of shell history.`,
  );
  return lines.join('\n');
}

export interface ParsedFlags {
  values: Record<string, string>;
  /** `--summary FILE`, resolved against the current directory. */
  summaryPath?: string;
}

/** `--name value`, `--name=value`, and a bare `--flag` meaning 'true'; `--summary FILE` is the command's own. */
export function parseFlags(args: string[], manifest: ActionManifest): ParsedFlags | { error: string } {
  const values: Record<string, string> = {};
  let summaryPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) return { error: `unexpected argument '${arg}': inputs are given as --<input> <value>` };
    const [flag, inline] = splitOnce(arg.slice(2), '=');
    const next = args[i + 1];
    if (flag === SUMMARY_FLAG && !(flag in manifest.inputs)) {
      const file = inline ?? (next === undefined || next.startsWith('--') ? undefined : args[++i]);
      if (!file) return { error: '--summary needs a file path, e.g. --summary summary.md' };
      summaryPath = resolve(file);
      continue;
    }
    if (!(flag in manifest.inputs)) return { error: `unknown input '--${flag}'` };
    if (inline !== undefined) values[flag] = inline;
    else if (next === undefined || next.startsWith('--')) values[flag] = 'true';
    else values[flag] = args[++i]!;
  }
  return { values, summaryPath };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
