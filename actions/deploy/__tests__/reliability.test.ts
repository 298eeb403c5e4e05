import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test/emulators/github.js';
import { startVercelEmulator, type VercelEmulator } from '../../../test/emulators/vercel.js';
import { startFaultProxy, type FaultProxy } from '../../../test/servers/fault-proxy.js';
import { runDeploy, sourceApp } from './helpers.js';

/**
 * deploy behind the fault-injecting proxy: it claims only what it saw, never creates twice,
 * keeps to its timeout, and leaves nothing building when cancelled.
 */
let vercel: VercelEmulator;
let proxy: FaultProxy;
beforeEach(async () => {
  vercel = await startVercelEmulator();
  proxy = await startFaultProxy(vercel.url);
});
afterEach(async () => {
  await proxy.close();
  await vercel.close();
});

const viaProxy = (inputs: Record<string, string> = {}) => ({ 'api-url': proxy.url, ...inputs });
const projectPath = () => `/v9/projects/${vercel.project.id}`;

/** On the n-th read of the project (the confirmation after READY is the second), another deployment takes production. */
function takeProductionOnRead(n: number, createdAt: () => number): void {
  let reads = 0;
  proxy.onRequest = (method, path) => {
    if (method === 'GET' && path === projectPath() && ++reads === n) {
      vercel.seedDeployment({ target: 'production', serving: true, createdAt: createdAt() });
    }
  };
}

describe('deploy proves production serves its deployment', () => {
  it('confirms production serves the new deployment before outputting its url', async () => {
    const run = await runDeploy(vercel, await sourceApp(), viaProxy({ environment: 'production' }));
    const d = vercel.state.deployments.at(-1)!;
    expect(run.failed).toBe(false);
    expect(run.result.report.checks.find((c) => c.id === 'serving')).toMatchObject({ status: 'pass', summary: `production serves ${d.id}` });
    expect(run.outputs['url']).toBe('https://web.example.com');
  });

  it('fails, saying so, when a newer deployment took production meanwhile, and outputs no url', async () => {
    takeProductionOnRead(2, () => Date.now() + 60_000);
    const run = await runDeploy(vercel, await sourceApp(), viaProxy({ environment: 'production' }));
    const newer = vercel.state.deployments.at(-1)!;
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(new RegExp(`is READY, but a newer deployment took production meanwhile: production serves ${newer.id}`));
    expect(run.outputs['url']).toBeUndefined();
    expect(run.summary).toMatch(/❌/);
  });

  it('warns instead with if-superseded: warn, and outputs its own URL, not production', async () => {
    takeProductionOnRead(2, () => Date.now() + 60_000);
    const run = await runDeploy(vercel, await sourceApp(), viaProxy({ environment: 'production', 'if-superseded': 'warn' }));
    const ours = vercel.state.deployments.find((d) => d.id === run.outputs['deployment-id'])!;
    expect(run.failed).toBe(false);
    expect(run.stdout).toMatch(/::warning::.*a newer deployment took over meanwhile/);
    expect(run.outputs['url']).toBe(`https://${ours.url}`);
  });

  it('fails when an older build finished last and took production back', async () => {
    takeProductionOnRead(2, () => Date.now() - 3_600_000);
    const run = await runDeploy(vercel, await sourceApp(), viaProxy({ environment: 'production', 'if-superseded': 'warn' }));
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(/an older deployment: another run's build finished after this one and production does not run this commit/);
    expect(run.outputs['url']).toBeUndefined();
  });

  it('reads each alias back too', async () => {
    let reads = 0;
    proxy.onRequest = (method, path) => {
      if (method === 'GET' && path === '/v4/aliases/pr-7.example.com' && ++reads === 1) vercel.state.aliases.set('pr-7.example.com', 'dpl_someoneElse');
    };
    const run = await runDeploy(vercel, await sourceApp(), viaProxy({ alias: 'pr-7.example.com' }));
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(/pr-7\.example\.com serves dpl_someoneElse, not dpl_/);
  });
});

describe('deploy never acts twice on a lost reply', () => {
  /** A first deploy, so Vercel has every file and the next create is one request that makes a deployment. */
  async function filesAlreadyUploaded(): Promise<number> {
    await runDeploy(vercel, await sourceApp(), viaProxy());
    return vercel.state.deployments.length;
  }

  it('finds the deployment a create made when the reply was lost, instead of creating another', async () => {
    const before = await filesAlreadyUploaded();
    proxy.inject({ method: 'POST', path: '/v13/deployments', fault: { kind: 'reset-after' } });
    const run = await runDeploy(vercel, await sourceApp(), viaProxy());
    expect(run.failed).toBe(false);
    expect(vercel.calls('POST /v13/deployments').length).toBeGreaterThan(0);
    expect(vercel.state.deployments.length - before).toBe(1);
    expect(run.outputs['deployment-id']).toBe(vercel.state.deployments.at(-1)!.id);
  });

  it('creates once when a gateway answered 502 after Vercel acted', async () => {
    const before = await filesAlreadyUploaded();
    proxy.inject({ method: 'POST', path: '/v13/deployments', fault: { kind: 'status-after', status: 502 } });
    const run = await runDeploy(vercel, await sourceApp(), viaProxy());
    expect(proxy.requests.filter((r) => r.fault === 'status-after')).toHaveLength(1);
    expect(run.failed).toBe(false);
    expect(vercel.state.deployments.length - before).toBe(1);
  });

  it('keeps polling through a status answer reset mid-body', async () => {
    proxy.inject({ method: 'GET', path: /^\/v13\/deployments\//, fault: { kind: 'reset-mid-body' }, times: 2 });
    const run = await runDeploy(vercel, await sourceApp(), viaProxy());
    expect(run.failed).toBe(false);
    expect(run.everything).not.toMatch(/API may have changed/);
    expect(proxy.requests.filter((r) => r.fault === 'reset-mid-body')).toHaveLength(2);
  });
});

describe('deploy uploads through broken connections, and only the bytes it hashed', () => {
  /** Runs `change` when the first create request goes out: after hashing, before any upload. */
  function onFirstCreate(change: () => void): void {
    let creates = 0;
    proxy.onRequest = (method, path) => {
      if (method === 'POST' && path === '/v13/deployments' && ++creates === 1) change();
    };
  }

  it('retries uploads whose connection was reset before, after or while the answer came, and uploads every file', async () => {
    proxy.inject(
      { method: 'POST', path: '/v2/files', fault: { kind: 'reset-before' } },
      { method: 'POST', path: '/v2/files', fault: { kind: 'reset-after' } },
      { method: 'POST', path: '/v2/files', fault: { kind: 'reset-mid-body' } },
    );
    const run = await runDeploy(vercel, await sourceApp(), viaProxy());
    expect(run.failed).toBe(false);
    expect(proxy.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual(['reset-before', 'reset-after', 'reset-mid-body']);
    const deployed = vercel.state.deployments.at(-1)!.files.map((f) => f.sha!);
    expect(deployed.filter((sha) => !vercel.state.blobs.has(sha))).toEqual([]);
  });

  it('refuses to upload a file whose contents changed after it was hashed, even to the same size', async () => {
    const app = await sourceApp();
    const edited = 'export default function Home() { return "yo"; }\n';
    onFirstCreate(() => writeFileSync(join(app, 'pages/index.js'), edited));
    const run = await runDeploy(vercel, app, viaProxy());
    expect(run.failed).toBe(true);
    expect(run.result.message).toBe(
      'pages/index.js changed or disappeared while deploying (it no longer matches its SHA-1): something in the job is still writing to the files being deployed. Deploy after that step has finished.',
    );
    expect([...vercel.state.blobs.values()].map((b) => b.toString())).not.toContain(edited);
  });

  it('refuses a same-size edit made after hashing to a file written well before the deploy (its stamp trusted until then)', async () => {
    const app = await sourceApp();
    // Past the clock's tick: the stamp taken before hashing is trusted, and the edit changes it.
    await sleep(150);
    const edited = 'export default function Home() { return "yo"; }\n';
    onFirstCreate(() => writeFileSync(join(app, 'pages/index.js'), edited));
    const run = await runDeploy(vercel, app, viaProxy());
    expect(run.result.message).toMatch(/^pages\/index\.js changed or disappeared while deploying/);
    expect([...vercel.state.blobs.values()].map((b) => b.toString())).not.toContain(edited);
  });

  it('uploads a file only touched after it was hashed: its stamp changed, its SHA-1 did not', async () => {
    const app = await sourceApp();
    await sleep(150);
    onFirstCreate(() => utimesSync(join(app, 'pages/index.js'), new Date(), new Date()));
    const run = await runDeploy(vercel, app, viaProxy());
    expect(run.failed).toBe(false);
  });

  it('refuses to go on when a file disappeared after it was hashed', async () => {
    const app = await sourceApp();
    onFirstCreate(() => rmSync(join(app, 'vercel.json')));
    const run = await runDeploy(vercel, app, viaProxy());
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(/^vercel\.json changed or disappeared while deploying/);
  });
});

describe('deploy keeps to its timeout', () => {
  it('gives up on a hung API within the step timeout, not after four 30 s attempts', async () => {
    proxy.inject({ method: 'GET', path: projectPath(), fault: { kind: 'hang' }, times: Infinity });
    const started = Date.now();
    const run = await runDeploy(vercel, await sourceApp(), viaProxy({ timeout: '2s' }));
    const took = Date.now() - started;
    expect(run.failed).toBe(true);
    expect(run.result.message).toMatch(/timed out after \d+ ms/);
    expect(proxy.requests.filter((r) => r.fault === 'hang').length).toBeLessThanOrEqual(2);
    // Not a speed figure: the bound the issue asks for (a few seconds past the timeout at most).
    expect(took).toBeLessThan(2000 + 5000);
  });

  it('waits out a Retry-After of 3 s as sent', async () => {
    proxy.inject({ method: 'GET', path: projectPath(), fault: { kind: 'status', status: 429, headers: { 'retry-after': '3' } } });
    const run = await runDeploy(vercel, await sourceApp(), viaProxy());
    expect(run.failed).toBe(false);
    expect(run.stdout).toMatch(/answered 429.*Retrying in 3000 ms/);
  });
});

describe('deploy cancelled (SIGINT/SIGTERM)', () => {
  let github: GitHubEmulator;
  beforeEach(async () => {
    github = await startGitHubEmulator();
  });
  afterEach(async () => github.close());

  it('cancels its own build, gives the GitHub Deployment a final status, and says cancelled', async () => {
    vercel.nextBuild({ states: ['BUILDING'] });
    proxy.onRequest = (method, path) => {
      if (method === 'GET' && /^\/v13\/deployments\//.test(path)) setImmediate(() => process.emit('SIGTERM', 'SIGTERM'));
    };
    const run = await runDeploy(vercel, await sourceApp(), viaProxy({ 'github-deployment': 'true', 'github-token': 'ghs_cancelToken0123456789' }), { env: { GITHUB_API_URL: github.url } });
    const d = vercel.state.deployments.at(-1)!;
    expect(run.failed).toBe(true);
    expect(d.readyState).toBe('CANCELED');
    expect(vercel.calls('PATCH /v12/deployments/:id/cancel')).toHaveLength(1);
    expect(github.state.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(github.state.deployments[0]!.statuses[1]!.description).toMatch(/^Cancelled/);
    expect(run.summary).toMatch(/Cancelled/);
    expect(run.result.report.checks.at(-1)).toMatchObject({ id: 'cancelled', status: 'fail' });
  });

  it('finds and cancels the build its create request started when the cancel came before the reply', async () => {
    vercel.nextBuild({ states: ['BUILDING'] });
    // The first create answers missing_files; the second, after the uploads, makes the deployment.
    let creates = 0;
    proxy.onRequest = (method, path) => {
      if (method === 'POST' && path.startsWith('/v13/deployments') && ++creates === 2) process.emit('SIGTERM', 'SIGTERM');
    };
    const run = await runDeploy(vercel, await sourceApp(), viaProxy());
    expect(run.failed).toBe(true);
    const made = vercel.state.deployments.filter((d) => d.readyState !== 'READY');
    expect(made.length).toBeGreaterThan(0);
    expect(made.map((d) => d.readyState)).toEqual(made.map(() => 'CANCELED'));
    expect(run.summary).not.toMatch(/before a Vercel deployment was created/);
  });
});
