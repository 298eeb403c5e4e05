import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAppServer } from '../lib/serve.js';

let server;
let base;
before(async () => {
  server = await createAppServer(new URL('..', import.meta.url).pathname);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

test('the health route answers healthy with the security headers', async () => {
  const response = await fetch(`${base}/api/health`);
  assert.equal(response.status, 200);
  assert.equal((await response.json()).status, 'healthy');
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.match(response.headers.get('content-security-policy'), /frame-ancestors 'none'/);
});

test('the home page is HTML', async () => {
  const response = await fetch(`${base}/`);
  assert.match(await response.text(), /<h1>Acme Shop<\/h1>/);
});
