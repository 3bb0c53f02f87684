// Errors with stable codes (STYLE habit 5). Use cases and policies throw AppError; the HTTP layer
// maps codes to statuses in one place (src/http/errors.ts), the CLI maps them to exit statuses.
// Clients turn codes into words in the user's language: messages here are for developers and logs.

export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "MALFORMED_REQUEST",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CSRF_FAILED",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "INTERNAL",
  "UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One offending field: a JSON path (e.g. "/students/3/averageGrade" or "body.call.id") and why. */
export interface ErrorIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
