import { health } from '../../../src/health.js';

/**
 * GET /api/health (a Next.js route handler): the app and each service it depends on, in the
 * vocabulary smoke-test judges (status healthy / degraded, one entry per service). 503 when a
 * service is down, so load balancers and smoke tests see it without reading the body.
 */
export async function GET() {
  const body = health({ database: true });
  return Response.json(body, { status: body.status === 'healthy' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
