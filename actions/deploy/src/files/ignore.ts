import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ConfigurationError } from '../../../../packages/shared/src/errors.js';

/**
 * What a source deployment leaves out: the Vercel CLI's built-in list (getVercelIgnore in
 * packages/client/src/utils/index.ts of https://github.com/vercel/vercel) plus the project's
 * `.vercelignore` (or the older `.nowignore`), gitignore syntax
 * (https://vercel.com/docs/deployments/vercel-ignore). `.env*.local` covers both `.env.local` and
 * `.env.<mode>.local`.
 */
export const BUILT_IN_IGNORES = [
  '.hg',
  '.git',
  '.gitmodules',
  '.svn',
  '.cache',
  '.next',
  '.now',
  '.vercel',
  '.npmignore',
  '.dockerignore',
  '.gitignore',
  '.*.swp',
  '.DS_Store',
  '.wafpicke-*',
  '.lock-wscript',
  '.env*.local',
  '.venv',
  '.yarn/cache',
  '.pnp*',
  'npm-debug.log',
  'config.gypi',
  'node_modules',
  '__pycache__',
  'venv',
  'CVS',
];

export interface IgnoreRules {
  /** True when the path (relative, forward slashes; directories with a trailing slash) is left out. */
  ignores(path: string): boolean;
  /** The ignore file read, if any. */
  source?: string;
}

/** The user's own `.vercelignore` / `.nowignore` rules, or none. */
export async function userIgnore(dir: string): Promise<{ rules: Ignore; source: string } | undefined> {
  const [vercel, now] = await Promise.all([readOptional(join(dir, '.vercelignore')), readOptional(join(dir, '.nowignore'))]);
  if (vercel !== undefined && now !== undefined) {
    throw new ConfigurationError(
      `Both .vercelignore and .nowignore exist in ${dir}: Vercel reads only one. Move the rules into .vercelignore and delete .nowignore.`,
      'working-directory',
    );
  }
  const text = vercel ?? now;
  if (text === undefined) return undefined;
  // `ignore` does not accept a leading ./ the way gitignore does.
  return { rules: ignore().add(text.replace(/(^|\n)\.\//g, '$1')), source: vercel !== undefined ? '.vercelignore' : '.nowignore' };
}

/** Source mode: the built-in list plus the user's rules. */
export async function sourceIgnore(dir: string): Promise<IgnoreRules> {
  const user = await userIgnore(dir);
  const rules = ignore().add(BUILT_IN_IGNORES);
  return { ignores: (path) => rules.ignores(path) || Boolean(user?.rules.ignores(path)), source: user?.source };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
