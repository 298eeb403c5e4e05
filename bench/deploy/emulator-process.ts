import { startVercelEmulator } from '../../test/emulators/vercel.js';

/**
 * The Vercel emulator in its own process, so its work (validating 5,000-entry bodies, hashing
 * uploads) is not counted as the step's own time. Talks to the benchmark over IPC.
 */
const latencyMs = Number(process.argv[2] ?? 0);
const vercel = await startVercelEmulator({ latencyMs });

type Message = { cmd: 'instant' } | { cmd: 'stats' } | { cmd: 'close' };

process.on('message', (message: Message) => {
  if (message.cmd === 'instant') {
    vercel.nextBuild({ instant: true });
    process.send!({ ok: true });
  } else if (message.cmd === 'stats') {
    const cpu = process.cpuUsage();
    process.send!({
      uploads: vercel.state.uploads.length,
      busy: vercel.state.busy,
      violations: vercel.state.violations,
      connections: vercel.connections(),
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else {
    void vercel.close().then(() => process.exit(0));
  }
});

process.send!({ url: vercel.url, token: vercel.token, teamId: vercel.teamId, projectId: vercel.project.id });
