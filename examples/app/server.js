// `npm start`: the app on PORT (default 3000; 0 picks a free port), routed as Next would route it (lib/serve.js).
import { createAppServer } from './lib/serve.js';

const server = await createAppServer(import.meta.dirname);
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => console.error(`Acme Shop on http://127.0.0.1:${server.address().port}`));
