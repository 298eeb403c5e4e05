import { ApiError } from '../../errors.js';

/**
 * One-line messages, each with its fix, for the ways a Sentry setup is usually wrong. Sentry
 * answers a bad token with 401 `{"detail": "Invalid token"}`, a token without the scope with 403
 * `{"detail": "You do not have permission to perform this action."}`, an organisation the token
 * cannot see with 404, and a project slug it does not know on release creation with 400
 * `{"projects": ["Invalid project ids or slugs"]}` (getsentry/sentry
 * src/sentry/api/endpoints/organization_releases.py; https://docs.sentry.io/api/auth/).
 */
export const SENTRY_VENDOR = 'Sentry API';
export const DEFAULT_SENTRY_URL = 'https://sentry.io';
const TOKENS_PAGE = 'Settings > Developer Settings > Organization Tokens (or User Auth Tokens)';
const STATUS_PAGE = 'https://status.sentry.io';

/** `{detail}` for most errors, `{field: [messages]}` for validation errors (Django REST framework). */
export function sentryErrorDetails(body: unknown): { code?: string; message?: string } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b['detail'] === 'string') return { message: b['detail'] };
  for (const [field, value] of Object.entries(b)) {
    const first = Array.isArray(value) ? value.find((v) => typeof v === 'string') : undefined;
    if (typeof first === 'string') return { code: field, message: first };
  }
  return undefined;
}

export interface SentryAccess {
  org: string;
  projects: readonly string[];
}

/** The error a user can act on, or the error itself when it is none of the known setups. */
export function explainSentryError(error: unknown, access: SentryAccess): unknown {
  if (!(error instanceof ApiError) || error.vendor !== SENTRY_VENDOR) return error;
  if (error.status === 401) {
    return new ApiError(
      `Sentry rejected the auth token (401): it is invalid, expired or revoked. Create one in Sentry under ${TOKENS_PAGE} and store it as the secret passed to 'auth-token'.`,
      SENTRY_VENDOR, 401, 'invalid_token',
    );
  }
  if (error.status === 403) {
    return new ApiError(
      `The Sentry auth token lacks a permission this step needs (403: ${error.vendorMessage ?? 'forbidden'}). Use an organization token (scope org:ci) or a user token with project:releases and org:read.`,
      SENTRY_VENDOR, 403, 'missing_scope',
    );
  }
  if (error.status === 404) {
    return new ApiError(
      `Sentry organization '${access.org}' was not found or the token cannot see it (404). Check 'org': it is the slug in your Sentry URL (https://<org>.sentry.io or /organizations/<org>/), and for self-hosted Sentry set 'url'.`,
      SENTRY_VENDOR, 404, 'org_not_found',
    );
  }
  if (error.status === 400 && error.code === 'projects') {
    return new ApiError(
      `Sentry does not know project ${access.projects.map((p) => `'${p}'`).join(', ')} in organization '${access.org}', or the token cannot reach it (400: ${error.vendorMessage}). Check 'projects': the project slugs under Settings > Projects.`,
      SENTRY_VENDOR, 400, 'project_not_found',
    );
  }
  if (error.status === 0 || error.status === 429 || error.status >= 500) {
    return new ApiError(`${error.message.replace(/[.\s]*$/, '')} (still after retries): Sentry is unreachable or overloaded. Re-run the job later; if it persists, check ${STATUS_PAGE}.`, SENTRY_VENDOR, error.status, error.code);
  }
  return error;
}
