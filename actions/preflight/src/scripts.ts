import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ScriptCheckId } from './checks.js';
import type { Project } from './project.js';
import type { Settings } from './settings.js';

/**
 * Which package.json script answers each check, or the command run without one (the project's
 * own `tsc --noEmit` when tsconfig.json exists), or why nothing does.
 */
export type ScriptChoice = { script: string } | { command: string[]; shown: string } | { missing: string; fix: string };

export const SCRIPT_TITLES: Record<ScriptCheckId, string> = { lint: 'Lint', 'type-check': 'Type-check', build: 'Build', test: 'Test' };

/** What a script usually runs, for the message asking to add one. */
const EXAMPLES: Record<ScriptCheckId, string> = {
  lint: '"lint": "eslint ."',
  'type-check': '"type-check": "tsc --noEmit"',
  build: '"build": "next build"',
  test: '"test": "vitest run"',
};

/** `npm init` writes this test script; it fails by design and tests nothing. */
const NPM_INIT_TEST = /^echo "Error: no test specified" && exit 1$/;

export function chooseScript(project: Project, id: ScriptCheckId, setting: Settings['scripts'][ScriptCheckId]): ScriptChoice {
  if (!project.scripts) {
    return { missing: `no package.json in the working directory`, fix: 'set working-directory to the folder that holds package.json' };
  }
  const names = setting.names;
  const script = names.find((name) => project.scripts?.[name] !== undefined);
  const quoted = names.map((n) => `"${n}"`).join(', ');
  if (script === undefined && id === 'type-check' && !setting.configured && existsSync(join(project.workdir, 'tsconfig.json'))) {
    return projectTsc(project);
  }
  if (script === undefined) {
    const origin = setting.configured ? ` (named in preflight.scripts.${id})` : '';
    return { missing: `package.json has no ${names.length > 1 ? `script among ${quoted}` : `${quoted} script`}${origin}`, fix: `add one to its scripts, e.g. ${EXAMPLES[id]}` };
  }
  if (id === 'test' && NPM_INIT_TEST.test(project.scripts[script]?.trim() ?? '')) {
    return { missing: `package.json's "${script}" script is npm init's placeholder`, fix: `replace it with your test command, e.g. ${EXAMPLES.test}` };
  }
  return { script };
}

/** The project's own TypeScript compiler, from node_modules/.bin between the working directory and the lockfile's folder. */
function projectTsc(project: Project): ScriptChoice {
  for (let dir = project.workdir; ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', '.bin', 'tsc');
    if (existsSync(bin)) return { command: [bin, '--noEmit'], shown: 'tsc --noEmit' };
    if (dir === project.root || relative(project.root, dir).startsWith('..') || dirname(dir) === dir) break;
  }
  // Yarn Plug'n'Play has no node_modules: yarn runs the binaries of dependencies.
  if (project.manager === 'yarn' && existsSync(join(project.root, '.pnp.cjs'))) return { command: ['yarn', 'tsc', '--noEmit'], shown: 'yarn tsc --noEmit' };
  return {
    missing: 'tsconfig.json exists but neither a type-check script nor the typescript package is installed',
    fix: 'add typescript to devDependencies (it is then run as `tsc --noEmit`) or a script, e.g. "type-check": "tsc --noEmit"',
  };
}
