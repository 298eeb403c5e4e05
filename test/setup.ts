import { afterEach } from '@jest/globals';
import { clearSecrets } from '../packages/shared/src/secrets.js';

// core.setFailed sets process.exitCode; an in-process action run must not fail the test run.
afterEach(() => {
  process.exitCode = 0;
  clearSecrets();
});
