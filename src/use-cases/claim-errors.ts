// Stable reasons of the claims and acceptance workflow (issue 4, second half), in the convention of
// workflow-errors.ts: the general code gives the HTTP status, the first issue's message starts with
// the reason (`CLAIMS_CLOSED: …`).
import { AppError, type ErrorCode } from "../errors.ts";

export const CLAIM_REASONS = [
  "CLAIMS_CLOSED",
  "NO_PROVISIONAL_LIST",
  "NOT_ON_LIST",
  "LIST_PUBLISHED",
  "CLAIM_RESOLVED",
  "RENOUNCED",
  "REASON_REQUIRED",
  "CORRECTION_NOT_ALLOWED",
  "TOO_MANY_FILES",
  "FILE_TYPE",
  "ACCEPTANCE_CLOSED",
  "NO_OFFER",
  "OFFER_ANSWERED",
  "NOT_ACCEPTED",
  "DEFINITIVE_LIST_MISSING",
] as const;
export type ClaimReason = (typeof CLAIM_REASONS)[number];

export function refuseWith(code: ErrorCode, reason: ClaimReason, message: string, path = "reason"): AppError {
  return new AppError(code, message, [{ path, message: `${reason}: ${message}` }]);
}

/** Whether `now` is inside [opensAt, closesAt], both inclusive; an unset bound is a closed window. */
export function insideWindow(now: Date, opensAt: string | null, closesAt: string | null): boolean {
  if (opensAt === null || closesAt === null) return false;
  const t = now.getTime();
  return t >= Date.parse(opensAt) && t <= Date.parse(closesAt);
}
