import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Serves the app the way Next would route it, without Next installed (the demo runs with no
 * network): `app/api/<path>/route.js` handlers (Web Request → Response), `app/page.js` as the
 * home page, the headers of next.config.mjs on every response. Enough for a smoke test to hit a
 * real server; `next start` serves the same files in production.
 */
export async function createAppServer(dir) {
  const config = (await import(pathToFileURL(join(dir, 'next.config.mjs')).href)).default;
  const headerRules = (await config.headers?.()) ?? [];
  const headers = headerRules.flatMap((rule) => rule.headers.map((h) => [h.key, h.value]));

  async function respond(request) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/')) {
      const route = join(dir, 'app', pathname, 'route.js');
      if (!existsSync(route)) return Response.json({ error: 'not found' }, { status: 404 });
      const handler = (await import(pathToFileURL(route).href))[request.method];
      if (!handler) return new Response(null, { status: 405 });
      return handler(request);
    }
    if (pathname !== '/') return new Response('<!doctype html><title>Not found</title><h1>404</h1>', { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const page = await import(pathToFileURL(join(dir, 'app', 'page.js')).href);
    const { title, description } = page.metadata;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><meta name="description" content="${description}"></head><body>${page.default()}</body></html>`;
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  }

  return createServer(async (req, res) => {
    let response;
    try {
      response = await respond(new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { method: req.method, headers: req.headers }));
    } catch (error) {
      console.error(error);
      response = Response.json({ status: 'error' }, { status: 500 });
    }
    res.writeHead(response.status, [...headers, ...response.headers].flat());
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}
