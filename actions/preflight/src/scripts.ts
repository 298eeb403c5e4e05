import type { ScriptCheckId } from './checks.js';
import type { Project } from './project.js';
import type { Settings } from './settings.js';

/** Which package.json script answers each check, or why none does. */
export type ScriptChoice = { script: string } | { missing: string; fix: string };

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
  if (script === undefined) {
    const origin = setting.configured ? ` (named in preflight.scripts.${id})` : '';
    return { missing: `package.json has no ${names.length > 1 ? `script among ${quoted}` : `${quoted} script`}${origin}`, fix: `add one to its scripts, e.g. ${EXAMPLES[id]}` };
  }
  if (id === 'test' && NPM_INIT_TEST.test(project.scripts[script]?.trim() ?? '')) {
    return { missing: `package.json's "${script}" script is npm init's placeholder`, fix: `replace it with your test command, e.g. ${EXAMPLES.test}` };
  }
  return { script };
}
