/**
 * smoke benchmark: the wall time of one endpoint's 100 requests to a site answering in 50 ms,
 * sent as smoke-test sends them (its endpoint check, `concurrency` at once), for 1 (one after
 * another, as before the `concurrency` input) and for the default.
 *
 *   node --import ./bench/register-ts.mjs bench/smoke/index.ts
 *
 * Environment: BENCH_REQUESTS (default 100), BENCH_LATENCY_MS (50).
 */
import { checkEndpoint } from '../../packages/shared/src/smoke/endpoints.js';
import { DEFAULT_CONCURRENCY } from '../../packages/shared/src/smoke/inputs.js';
import { Prober } from '../../packages/shared/src/smoke/probe.js';
import type { EndpointSpec } from '../../packages/shared/src/smoke/settings.js';
import { startSite } from '../../test/servers/site.js';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 100);
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 50);

const site = await startSite({ 'GET /api/health': () => ({ body: '{"status":"ok"}', delayMs: LATENCY_MS }) });
const spec: EndpointSpec = { path: '/api/health', method: 'GET', headers: {}, status: [200], json: [], text: [], maxLatencyMs: 2000 };
try {
  console.log(`smoke bench: ${REQUESTS} requests to one endpoint of a site answering in ${LATENCY_MS} ms (local HTTP server)`);
  for (const concurrency of [1, DEFAULT_CONCURRENCY, 10]) {
    const prober = new Prober(`${site.url}/`, undefined, {});
    const started = performance.now();
    const outcome = await checkEndpoint(prober, spec, REQUESTS, concurrency);
    const seconds = (performance.now() - started) / 1000;
    await prober.close();
    if (outcome.status !== 'pass') throw new Error(`the endpoint check failed: ${outcome.summary}`);
    const label = concurrency === DEFAULT_CONCURRENCY ? `concurrency ${concurrency} (default)` : `concurrency ${concurrency}`;
    console.log(`  ${label.padEnd(24)} ${seconds.toFixed(2)} s   ${outcome.summary?.replace(/^.*; (p95.*)\(budget.*$/, '$1').trim()}`);
  }
} finally {
  await site.close();
}
