import { containsSecret } from '../../secrets.js';

/**
 * The environment handed to the Lighthouse process, Chrome and the npm that installs them. On a
 * runner every action input is an `INPUT_*` variable (`INPUT_BYPASS-TOKEN` included), and a user
 * may have put a registered secret in the step's `env:`; none of that third-party code needs
 * them, so they are left out. URL credentials alone do not count: a proxy (HTTPS_PROXY) or a
 * private npm registry may need theirs.
 */
export function childEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => !name.startsWith('INPUT_') && value !== undefined && !containsSecret(value)));
}
