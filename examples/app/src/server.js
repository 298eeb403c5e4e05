import { createServer } from 'node:http';
import { health } from './health.js';

const port = Number(process.env.PORT ?? 3000);

export const server = createServer((req, res) => {
  if (req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(health({ database: true })));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><html lang="en"><title>Example</title><h1>Example app</h1></html>');
});

if (process.argv[1] === new URL(import.meta.url).pathname) {
  server.listen(port, () => console.error(`listening on ${port}`));
}
