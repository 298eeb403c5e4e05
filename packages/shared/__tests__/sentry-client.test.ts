import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SentryClient } from '../src/clients/sentry/client.js';
import { step } from '../src/step.js';
import { startSentryEmulator, type SentryEmulator } from '../../../test/emulators/sentry.js';

let sentry: SentryEmulator;
beforeEach(async () => {
  step.reset();
  sentry = await startSentryEmulator();
});
afterEach(async () => sentry.close());

describe('SentryClient.createDeploy', () => {
  it('reads the deploys before every new attempt, so a lost answer to the second POST records no second deploy', async () => {
    sentry.seedRelease('v1');
    // The first POST is refused before it is recorded; the second is recorded, then its answer is a 502.
    sentry.script('deploys', { status: 503 }, { status: 502, afterHandling: true });
    const client = new SentryClient({ token: 'sntrys_emulated_token_0001', url: sentry.url, backoffMs: 1 });
    await client.createDeploy('acme', 'v1', { environment: 'production', dateStarted: '2026-01-01T00:00:00.000Z' });
    expect(sentry.releases.get('v1')!.deploys).toHaveLength(1);
    expect(sentry.calls('POST /api/0/organizations/:org/releases/:version/deploys/')).toHaveLength(2);
  });
});
