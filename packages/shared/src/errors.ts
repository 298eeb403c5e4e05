/** A user's configuration is wrong: the message names the input (or key), the problem and the expected form. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(
    message: string,
    /** The input name or config key path the error is about. */
    readonly input?: string,
  ) {
    super(message);
  }
}

/** A third-party API answered with an error. The message never contains a secret. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly vendor: string,
    /** HTTP status, or 0 when no response came back (network error, timeout). */
    readonly status: number,
    /** The vendor's own error code when the body carried one (e.g. `forbidden`, `channel_not_found`). */
    readonly code?: string,
    /** The vendor's own words about the error, redacted, for callers that phrase their own message. */
    readonly vendorMessage?: string,
    /** The parsed error body, for callers that need a field of it (e.g. Vercel's missing_files list). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** The action decided not to run (e.g. a fork pull request without secrets); not a failure. */
export class SkipError extends Error {
  override readonly name = 'SkipError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
