/**
 * The Sentry web API client used by sentry-release. Split by concern under ./sentry/: the client,
 * its response schemas and the access-error messages.
 */
export * from './sentry/client.js';
export * from './sentry/schemas.js';
export * from './sentry/access.js';
