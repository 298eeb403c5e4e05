import { afterEach, beforeEach, expect } from '@jest/globals';
import { clearSecrets } from '../packages/shared/src/secrets.js';

// A test that asserts nothing cannot fail: every test must make at least one assertion.
beforeEach(() => {
  expect.hasAssertions();
});

// core.setFailed sets process.exitCode; an in-process action run must not fail the test run.
afterEach(() => {
  process.exitCode = 0;
  clearSecrets();
});
