import { configFile, int, token, url, type InputsOf } from '../../../packages/shared/src/inputs.js';
import { DEFAULT_CONCURRENCY, smokeCheckInputs } from '../../../packages/shared/src/smoke/inputs.js';

/** smoke-test's inputs: the URL, the shared smoke check inputs, how many requests at once, the token for the check run and PR comment, and the config file. */
export const smokeTestInputs = {
  url: url({ required: true }),
  ...smokeCheckInputs,
  concurrency: int({ default: String(DEFAULT_CONCURRENCY), min: 1, max: 50, unit: 'requests at once' }),
  'github-token': token('a GitHub token, e.g. ${{ github.token }}'),
  config: configFile(),
};

export type SmokeTestInputs = InputsOf<typeof smokeTestInputs>;
