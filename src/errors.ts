// Errors with stable codes (STYLE habit 5). Use cases and policies throw AppError; the HTTP layer
// maps codes to statuses in one place (src/http/errors.ts), the CLI maps them to exit statuses.
// Clients turn codes into words in the user's language: messages here are for developers and logs.

/** General codes: the kind of failure, whatever the resource. */
export const GENERAL_CODES = [
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

/**
 * Refusals of the call's workflow (issue 4, SPEC 4 and 7), each its own code so a client can rely
 * on `error.code` alone; all are 409 (the request was understood, the call's state refuses it).
 * Their meaning is written once (WORKFLOW_CODE_MEANINGS) and published in the OpenAPI document.
 * docs/decisions/0013-workflow-completion.md
 */
export const WORKFLOW_CODES = [
  "CALL_NOT_OPEN",
  "DEADLINE_PASSED",
  "DOCUMENTS_DEADLINE_PASSED",
  "APPLICATION_LOCKED",
  "NO_CHOICES",
  "TOO_EARLY",
  "PROVISIONAL_LIST_MISSING",
  "DEFINITIVE_LIST_MISSING",
  "LIST_PUBLISHED",
  "CLAIMS_PENDING",
  "STALE_RUN",
  "RUN_OF_ANOTHER_CENTRE",
  "CLAIMS_WINDOW_CLOSED",
  "NOT_ON_LIST",
  "CLAIM_RESOLVED",
  "RENOUNCED",
  "NO_OFFER",
  "ACCEPTANCE_CLOSED",
  "OFFER_ANSWERED",
  "NOT_ACCEPTED",
] as const;
export type WorkflowCode = (typeof WORKFLOW_CODES)[number];

export const WORKFLOW_CODE_MEANINGS: Readonly<Record<WorkflowCode, string>> = {
  CALL_NOT_OPEN: "the call does not take applications yet (before its opening)",
  DEADLINE_PASSED: "the application deadline has passed",
  DOCUMENTS_DEADLINE_PASSED: "the deadline for language and merit documents has passed",
  APPLICATION_LOCKED: "the application was validated: it cannot be changed any more",
  NO_CHOICES: "an application without destinations cannot be validated",
  TOO_EARLY: "the list's date has not come yet (or the claims window is still open)",
  PROVISIONAL_LIST_MISSING: "the centre's provisional list is not published yet",
  DEFINITIVE_LIST_MISSING: "the centre's definitive list is not published yet",
  LIST_PUBLISHED: "the centre's definitive list is published: its data and runs are final",
  CLAIMS_PENDING: "the centre still has open claims: resolve them before the definitive list",
  STALE_RUN: "the call's data changed since this run: run the engine again and publish that run",
  RUN_OF_ANOTHER_CENTRE: "the run scored another centre",
  CLAIMS_WINDOW_CLOSED: "claims and renunciations are taken only inside the claims window",
  NOT_ON_LIST: "the student is not on the centre's provisional list",
  CLAIM_RESOLVED: "the claim was already resolved",
  RENOUNCED: "the student renounced in the claims window",
  NO_OFFER: "no place is offered to the student",
  ACCEPTANCE_CLOSED: "the offer's deadline has passed (silence is renunciation)",
  OFFER_ANSWERED: "the offer was already answered",
  NOT_ACCEPTED: "the place was not accepted by the student",
};

/**
 * Reasons of a bad field. They do not get a code of their own: the request is VALIDATION_FAILED
 * (400; a file's type UNSUPPORTED_MEDIA_TYPE, 415), with one issue per field whose message starts
 * with the reason (`DUPLICATE_CHOICE: …`), so a form can mark each field.
 */
export const FIELD_REASONS = {
  NOT_A_DESTINATION: "the destination is not one of the student's centre",
  DUPLICATE_CHOICE: "the destination is already chosen",
  TOO_MANY_CHOICES: "more destinations than the call allows",
  UNKNOWN_CERTIFICATE: "not a certificate of Annex II",
  NO_FILE: "the file is missing",
  FILE_TYPE: "the file is not a PDF, JPEG or PNG (told from its content)",
  REASON_REQUIRED: "a reason is required",
  CORRECTION_NOT_ALLOWED: "a rejected claim corrects nothing",
  TOO_MANY_FILES: "too many files",
} as const;
export type FieldReason = keyof typeof FIELD_REASONS;

export const ERROR_CODES = [...GENERAL_CODES, ...WORKFLOW_CODES] as const;
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

/**
 * A refusal of the call's workflow: its own code (409), the message for developers. `error.code` is
 * the contract; the issue `{ path: "reason", message: "CODE: …" }` is kept for clients written
 * against 0005's convention (deprecated, docs/decisions/0013-workflow-completion.md).
 */
export const refusal = (code: WorkflowCode, message: string): AppError =>
  new AppError(code, message, [{ path: "reason", message: `${code}: ${message}` }]);

/** A bad field: VALIDATION_FAILED (or the given general code) with one issue `REASON: text`. */
export function fieldRefusal(
  reason: FieldReason,
  message: string,
  path: string,
  code: "VALIDATION_FAILED" | "UNSUPPORTED_MEDIA_TYPE" = "VALIDATION_FAILED",
): AppError {
  return new AppError(code, message, [{ path, message: `${reason}: ${message}` }]);
}
