import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { sentryReleaseInputs } from './inputs.js';
import { sentryRelease } from './sentry-release.js';

/** sentry-release: a Sentry release with commits, source maps and a deploy record, over HTTP. */
export const sentryReleaseAction = {
  name: 'sentry-release',
  title: 'Sentry release',
  inputs: sentryReleaseInputs,
  main: sentryRelease,
  jsonReport: true,
} satisfies ActionDefinition<typeof sentryReleaseInputs>;
