import { posix } from 'node:path';
import picomatch from 'picomatch';
import { readFileInside } from '../../../packages/shared/src/paths.js';
import type { Finding } from '../../../packages/shared/src/report/model.js';
import type { CheckWithFindings } from './checks.js';
import { gitIgnores, gitTrackedFiles } from './git.js';

/**
 * Env files kept out of git: a committed `.env`, `.env.local`, `.env.*.local` or
 * `.env.production` holding values fails (named with its count of values — never a value);
 * example files (`.env.example`, `.env.sample`, …) are what belongs in git. A .gitignore
 * that lets `.env*.local` through warns, before someone's local secrets get committed.
 */
const SECRET_ENV_FILE = /^\.env(?:\.local|\.production|\.[^/]+\.local)?$/;
/** What git is asked for: every `.env*` file at any depth, and the working directory's .gitignore. */
const TRACKED_PATHSPECS = [':(glob)**/.env', ':(glob)**/.env.*', '.gitignore'];
/** Names that `.env*.local` must cover, asked of git's own ignore rules. */
const IGNORE_PROBES = ['.env.local', '.env.deploy-kit-probe.local'];

export async function checkEnvFiles(workdir: string, allow: string[]): Promise<CheckWithFindings> {
  const tracked = await gitTrackedFiles(workdir, TRACKED_PATHSPECS);
  if (!tracked) {
    return { check: { status: 'skip', summary: 'Not a git repository: cannot tell which env files are committed.' }, findings: [] };
  }
  const allowed = allow.length > 0 ? picomatch(allow, { dot: true, basename: true }) : () => false;
  const candidates = tracked.filter((path) => SECRET_ENV_FILE.test(posix.basename(path)) && !allowed(path));
  const findings: Finding[] = [];
  for (const path of candidates) {
    const values = await countValues(workdir, path);
    if (values.count > 0) findings.push(committedFinding(path, values));
  }
  const gitignore = await gitignoreFinding(workdir, tracked.includes('.gitignore'));
  if (gitignore) findings.push(gitignore);
  return { check: summarize(findings, candidates.length), findings };
}

interface ValueCount {
  count: number;
  firstLine?: number;
}

/** KEY=value lines with a non-empty value (dotenv syntax: `export`, quotes, `#` comments). */
export function countEnvValues(text: string): ValueCount {
  let count = 0;
  let firstLine: number | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/.exec(line);
    if (!match || !valueOf(match[1] ?? '')) return;
    count++;
    firstLine ??= index + 1;
  });
  return { count, firstLine };
}

function valueOf(raw: string): string {
  const quoted = /^(['"`])(.*)\1/.exec(raw.trim());
  if (quoted) return quoted[2] ?? '';
  return raw.replace(/(^|\s)#.*$/, '').trim();
}

/** An env file is a few kilobytes; a larger one (or a device) is not read. */
const MAX_ENV_FILE_BYTES = 1024 * 1024;

async function countValues(workdir: string, path: string): Promise<ValueCount> {
  try {
    return countEnvValues(await readFileInside(workdir, path, MAX_ENV_FILE_BYTES));
  } catch {
    // Tracked but deleted in the working tree, a link out of the repository, a device: nothing read.
    return { count: 0 };
  }
}

function committedFinding(path: string, values: ValueCount): Finding {
  const plural = values.count === 1 ? 'value' : 'values';
  return {
    severity: 'error',
    rule: 'env-file/committed',
    message:
      `${path} is committed with ${values.count} ${plural}. Remove it from git (\`git rm --cached ${path}\`), ` +
      'rotate any secret it held, and commit a .env.example with the names only.',
    file: path,
    line: values.firstLine,
  };
}

async function gitignoreFinding(workdir: string, hasGitignore: boolean): Promise<Finding | undefined> {
  for (const probe of IGNORE_PROBES) {
    if ((await gitIgnores(workdir, probe)) !== false) continue;
    return {
      severity: 'warning',
      rule: 'env-file/gitignore',
      message: `.gitignore does not ignore ${probe}: add \`.env*.local\` to .gitignore so local env files are never committed.`,
      ...(hasGitignore ? { file: '.gitignore' } : {}),
    };
  }
  return undefined;
}

function summarize(findings: Finding[], candidates: number): CheckWithFindings['check'] {
  const committed = findings.filter((f) => f.rule === 'env-file/committed');
  if (committed.length > 0) {
    return { status: 'fail', summary: `${committed.length} committed env file(s) with values: ${committed.map((f) => f.file).join(', ')}.` };
  }
  if (findings.length > 0) return { status: 'warn', summary: 'No env file with values is committed, but .gitignore does not cover .env*.local.' };
  return { status: 'pass', summary: candidates > 0 ? 'Committed env files hold no values.' : 'No env file with values is committed; .env*.local is ignored.' };
}
