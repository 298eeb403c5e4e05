import { startSentryEmulator } from '../../test/emulators/sentry.js';

/**
 * The Sentry emulator in its own process, so its work (gunzipping chunks, opening the bundle) is
 * not counted as the step's own time. Talks to the benchmark over IPC.
 */
const sentry = await startSentryEmulator();

type Message = { cmd: 'stats' } | { cmd: 'close' };

process.on('message', (message: Message) => {
  if (message.cmd === 'stats') {
    const uploads = sentry.calls('POST /api/0/organizations/:org/chunk-upload/');
    const chunks = uploads.reduce((n, r) => n + (r.raw.toString('latin1').match(/name="file(_gzip)?"/g)?.length ?? 0), 0);
    process.send!({ chunks, requests: uploads.length, bundles: sentry.bundles.length, files: sentry.bundles.at(-1)?.files.size ?? 0, violations: sentry.violations });
  } else {
    void sentry.close().then(() => process.exit(0));
  }
});

process.send!({ url: sentry.url, token: sentry.token, org: sentry.org });
