/**
 * The entry of the shared bundle (dist/shared/index.js). It holds no action code: each action, and
 * the local command, is a chunk imported when it runs, so an action loads only its own code and
 * the dependencies it uses (shipped once, in chunks the actions share). dist/<name>/index.js is a
 * two-line entry that calls `runNamed`.
 */
import { ACTIONS } from './actions.js';

export async function runNamed(name: string): Promise<void> {
  const run = ACTIONS[name];
  if (!run) throw new Error(`deploy-kit has no action named '${name}'`);
  await run();
}

export async function cli(argv: string[]): Promise<number> {
  return (await import('./cli.js')).cli(argv);
}
