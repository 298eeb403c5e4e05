import { configFile, url } from '../../../packages/shared/src/inputs.js';
import { smokeCheckInputs } from '../../../packages/shared/src/smoke/index.js';

/** smoke-test's inputs: the URL, the shared smoke check inputs, and the config file. */
export const smokeTestInputs = {
  url: url({ required: true }),
  ...smokeCheckInputs,
  config: configFile(),
};
