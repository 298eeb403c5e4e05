/**
 * The one shared bundle (dist/shared/index.js): every action and the local command, with their
 * dependencies shipped once. dist/<name>/index.js is a two-line entry that calls `runNamed`.
 */
import { ACTIONS } from './actions.js';

export { cli } from './cli.js';
export { configJsonSchema } from './config-schema.js';

export async function runNamed(name: string): Promise<void> {
  const run = ACTIONS[name];
  if (!run) throw new Error(`deploy-kit has no action named '${name}'`);
  await run();
}
