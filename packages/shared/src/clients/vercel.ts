/**
 * The Vercel REST API client shared by deploy and rollback. The code is split by concern under
 * ./vercel/: the client, its response schemas, scope (team vs personal account, .vercel/project.json),
 * access-error messages, build-log lines and the clock of status polls.
 */
export * from './vercel/client.js';
export * from './vercel/schemas.js';
export * from './vercel/scope.js';
export * from './vercel/access.js';
export * from './vercel/build-log.js';
export * from './vercel/inputs.js';
export * from '../poll.js';
export * from './vercel/env.js';
