import { ApiError } from '../../errors.js';
import { describeScope, type VercelScope } from './scope.js';

/**
 * One-line messages, each with its fix, for the three ways a Vercel setup is usually wrong: a bad
 * token, a team the token cannot reach, a project that is not there. Vercel answers a bad token
 * with 403 `forbidden` "Not authorized" (https://vercel.com/docs/rest-api/errors) or 401 (the SDK's
 * Unauthorized model), and a team outside the token's scope with the same 403 — so a 403 is told
 * apart by asking who the token belongs to (GET /v2/user needs no team). A Vercel outage, which
 * no setting fixes, is said apart from all three.
 */
export const VENDOR = 'Vercel API';
const TOKENS_PAGE = 'https://vercel.com/account/tokens';
export const STATUS_PAGE = 'https://www.vercel-status.com';

/** `{ error: { code, message } }` (the documented shape) or a flat `{ code, message }`. */
export function vercelErrorDetails(body: unknown): { code?: string; message?: string } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { error?: unknown; code?: unknown; message?: unknown };
  const source = (b.error && typeof b.error === 'object' ? b.error : b) as { code?: unknown; message?: unknown; invalidToken?: unknown };
  const code = typeof source.code === 'string' ? source.code : undefined;
  const message = typeof source.message === 'string' ? source.message : undefined;
  if (!code && !message) return undefined;
  return { code: source.invalidToken === true ? 'invalid_token' : code, message };
}

export function badTokenError(status: number): ApiError {
  return new ApiError(
    `Vercel rejected the token (${status}): it is invalid, expired or revoked. Create a token at ${TOKENS_PAGE} and store it as the secret passed to 'vercel-token'.`,
    VENDOR,
    status,
    'invalid_token',
  );
}

export function scopeError(scope: VercelScope): ApiError {
  const fix = scope.teamId
    ? `Check 'vercel-org-id', or create a token whose scope includes ${scope.teamId} at ${TOKENS_PAGE}.`
    : `If the project belongs to a team, set 'vercel-org-id' to the team id (team_…); otherwise create a token for this account at ${TOKENS_PAGE}.`;
  return new ApiError(`The Vercel token cannot reach ${describeScope(scope)} (403 forbidden). ${fix}`, VENDOR, 403, 'forbidden');
}

export function projectNotFoundError(project: string, scope: VercelScope): ApiError {
  return new ApiError(
    `Vercel project '${project}' was not found in ${describeScope(scope)} (404). ` +
      "Check 'vercel-project-id' (or .vercel/project.json): it must be the project id (prj_…) or name, and 'vercel-org-id' the team that owns it.",
    VENDOR,
    404,
    'not_found',
  );
}

/**
 * Vercel kept failing (network error, timeout, 429, 5xx) through the HTTP client's retries: it is
 * down or overloaded, not misconfigured. `reason` is the last failure, for callers that give their
 * own advice (e.g. a deployment that may still be building).
 */
export class VercelUnavailableError extends ApiError {
  constructor(readonly reason: string, status: number, code?: string) {
    super(`${reason} (still after retries): Vercel is unreachable or overloaded. Re-run the job later; if it persists, check ${STATUS_PAGE}.`, VENDOR, status, code);
  }

  static isCause(error: ApiError): boolean {
    return error.status === 0 || error.status === 429 || error.status >= 500;
  }
}

/** An error's cause, to continue a sentence: a Vercel outage without its advice, anything else less its final period. */
export function failureReason(error: unknown): string {
  if (error instanceof VercelUnavailableError) return `${error.reason} (still after retries)`;
  return (error instanceof Error ? error.message : String(error)).replace(/[.\s]*$/, '');
}

/** Whether an error means the token itself is bad, with no need to ask further. */
export function isBadTokenAnswer(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || (error.status === 403 && error.code === 'invalid_token'));
}
