import type { ActionDefinition } from '../../../packages/shared/src/run.js';
import { sentryReleaseInputs } from './inputs.js';

/**
 * sentry-release: a Sentry release with commits, source maps and a deploy record, over HTTP. The
 * release code is imported once the inputs are read, so a bad input is reported without loading it.
 */
export const sentryReleaseAction = {
  name: 'sentry-release',
  title: 'Sentry release',
  inputs: sentryReleaseInputs,
  main: async (ctx) => (await import('./sentry-release.js')).sentryRelease(ctx),
  skipOnFork: 'sentry-release skipped: this pull request comes from a fork, and fork pull requests get no secrets (no Sentry token).',
  jsonReport: true,
} satisfies ActionDefinition<typeof sentryReleaseInputs>;
