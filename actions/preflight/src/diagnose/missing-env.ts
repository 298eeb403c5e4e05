import { readdirSync } from 'node:fs';
import { readFileInside } from '../../../../packages/shared/src/paths.js';
import { parseDotenv } from '../../../../packages/shared/src/dotenv.js';

/**
 * Recognises a command that failed for want of environment variables, from the marks the
 * common libraries leave in its output, and names the variables:
 * - t3-env (`@t3-oss/env-nextjs`): "❌ Invalid environment variables:" then `{ NAME: [ 'Required' ] }`
 *   or a list of issues with `path: [ 'NAME' ]`;
 * - zod schemas parsed from process.env: a ZodError whose issues have `"path": ["NAME"]`;
 * - supabase-js: "supabaseUrl is required." / "supabaseKey is required.";
 * - stripe-node: "Neither apiKey nor config.authenticator provided" (v12+), "You did not provide an API key";
 * - Prisma: "Environment variable not found: NAME";
 * - hand-written guards: "process.env.NAME is undefined", "Missing environment variable: NAME",
 *   "NAME environment variable is not set / missing / required".
 */
export interface MissingEnv {
  /** Variables the output names, sorted. */
  names: string[];
  /** What recognised it, e.g. "t3-env's \"Invalid environment variables\"". */
  marks: string[];
}

const NAME = '[A-Z][A-Z0-9_]{1,80}';
const T3_ENV = /Invalid environment variables/;
const T3_ENTRY = new RegExp(`^\\s*['"]?(${NAME})['"]?\\s*:\\s*\\[`, 'gm');
const ISSUE_PATH = new RegExp(`["']?path["']?\\s*:\\s*\\[\\s*["'](${NAME})["']`, 'g');
const ZOD = /ZodError|invalid_type/;
const DIRECT: [RegExp, string][] = [
  [new RegExp(`Environment variable not found: (${NAME})`, 'g'), 'Prisma'],
  [new RegExp(`process\\.env\\.(${NAME}) is (?:undefined|not set|missing|required|empty)`, 'g'), 'a process.env guard'],
  [new RegExp(`[Mm]issing (?:required )?env(?:ironment)?(?: var(?:iable)?s?)?:?\\s+['"\`]?(${NAME})`, 'g'), 'a missing-variable guard'],
  [new RegExp(`['"\`]?(${NAME})['"\`]? (?:env(?:ironment)? )?(?:var(?:iable)? )?is (?:not set|missing|required|undefined|not defined)`, 'g'), 'a missing-variable guard'],
];
/** Client constructors that name no variable: the variable is guessed from the example env file, else the usual name. */
const CONSTRUCTORS: [RegExp, RegExp, string, string][] = [
  [/supabaseUrl is required/, /SUPABASE_URL$/, 'NEXT_PUBLIC_SUPABASE_URL', 'supabase-js ("supabaseUrl is required")'],
  [/supabaseKey is required/, /SUPABASE_(?:ANON|PUBLISHABLE|SERVICE_ROLE)?_?KEY$/, 'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'supabase-js ("supabaseKey is required")'],
  [/Neither apiKey nor config\.authenticator provided|You did not provide an API key/, /^STRIPE_SECRET_KEY|STRIPE_.*SECRET/, 'STRIPE_SECRET_KEY', 'stripe-node (no API key)'],
];

export function findMissingEnv(output: string, exampleNames: readonly string[]): MissingEnv | undefined {
  const names = new Set<string>();
  const marks = new Set<string>();
  const collect = (pattern: RegExp, text: string, mark: string) => {
    for (const match of text.matchAll(pattern)) {
      names.add(match[1]!);
      marks.add(mark);
    }
  };
  const t3 = output.search(T3_ENV);
  if (t3 >= 0) {
    const after = output.slice(t3, t3 + 4000);
    collect(T3_ENTRY, after, `t3-env's "Invalid environment variables"`);
    collect(ISSUE_PATH, after, `t3-env's "Invalid environment variables"`);
  }
  if (t3 < 0 && ZOD.test(output) && /Required|received undefined/.test(output)) collect(ISSUE_PATH, output, 'a zod schema of process.env');
  for (const [pattern, mark] of DIRECT) collect(pattern, output, mark);
  for (const [mark, nameLike, fallback, library] of CONSTRUCTORS) {
    if (!mark.test(output)) continue;
    const guessed = exampleNames.filter((n) => nameLike.test(n));
    for (const name of guessed.length > 0 ? guessed : [fallback]) names.add(name);
    marks.add(library);
  }
  if (names.size === 0) return undefined;
  return { names: [...names].sort(), marks: [...marks] };
}

const EXAMPLE_FILE = /^\.env(?:\.[\w-]+)*\.(?:example|sample|template|dist|defaults)$|^\.env\.(?:example|sample|template)(?:\.[\w-]+)?$/;

/**
 * The variables the project's example env files (.env.example, .env.local.example, ...) list, and
 * which file. Read through the shared bounded reader: a link out of the repository, a dangling
 * link or a FIFO is skipped, never read and never an error that would replace the failure's diagnosis.
 */
export async function exampleEnvNames(workdir: string): Promise<{ file?: string; names: string[] }> {
  let files: string[];
  try {
    files = readdirSync(workdir).filter((name) => EXAMPLE_FILE.test(name)).sort();
  } catch {
    return { names: [] };
  }
  for (const file of files) {
    let text: string;
    try {
      text = await readFileInside(workdir, file, 256 * 1024);
    } catch {
      continue;
    }
    const names = [...parseDotenv(text).values.keys()];
    if (names.length > 0) return { file, names };
  }
  return { names: [] };
}
