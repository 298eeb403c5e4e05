import { configFile, token, url } from '../../../packages/shared/src/inputs.js';
import { smokeCheckInputs } from '../../../packages/shared/src/smoke/index.js';

/** smoke-test's inputs: the URL, the shared smoke check inputs, the token for the check run and PR comment, and the config file. */
export const smokeTestInputs = {
  url: url({ required: true }),
  ...smokeCheckInputs,
  'github-token': token('a GitHub token, e.g. ${{ github.token }}'),
  config: configFile(),
};
