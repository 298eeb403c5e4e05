import type { Finding } from '../../../packages/shared/src/report/model.js';
import type { DotenvFile } from '../../../packages/shared/src/dotenv.js';

/**
 * Problems in the files themselves, as findings on their lines (annotations on a pull request):
 * malformed, duplicated or lowercase lines of a dotenv file, and keys the example file and the
 * schema do not agree on.
 */
export interface Located {
  /** Path from the repository root, for annotations. */
  path: string;
  file: DotenvFile;
}

export function dotenvFindings({ path, file }: Located): Finding[] {
  return file.problems.map((p) => ({ severity: 'warning', rule: `dotenv/${p.rule}`, message: p.message, file: path, line: p.line, check: 'files' }));
}

export interface SchemaPlace {
  /** The config file as the `config` input names it. */
  path: string;
  names: readonly string[];
  lineOf(name: string): number | undefined;
}

export function comparisonFindings(example: Located, schema: SchemaPlace): Finding[] {
  const declared = new Set(schema.names);
  const findings: Finding[] = [];
  for (const [key, entry] of example.file.values) {
    if (declared.has(key)) continue;
    findings.push({
      severity: 'warning',
      rule: 'env/not-in-schema',
      message: `${key} is in ${example.path} but has no rule in ${schema.path} (env.variables): it is checked by its name alone.`,
      file: example.path,
      line: entry.line,
      check: 'files',
    });
  }
  for (const name of schema.names) {
    if (example.file.values.has(name)) continue;
    findings.push({
      severity: 'warning',
      rule: 'env/not-in-example',
      message: `${name} has a rule in ${schema.path} but is missing from ${example.path}: add it there so everyone setting up the app knows to set it.`,
      file: schema.path,
      line: schema.lineOf(name),
      check: 'files',
    });
  }
  return findings;
}
