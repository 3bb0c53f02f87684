// Refusals of the call's workflow (issue 4) with a stable reason code. The HTTP status comes from
// the general code (CONFLICT → 409, …); the reason is the first issue's message prefix, as the CSV
// imports do (`CODE: text`), so a client can translate it: DEADLINE_PASSED, CALL_NOT_OPEN,
// APPLICATION_LOCKED, LIST_PUBLISHED, …
import type { Kysely } from "kysely";
import type { StoredStudent } from "../db/repositories/students.ts";
import { findStudent } from "../db/repositories/students.ts";
import type { DB } from "../db/schema.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import { type Action, type Actor, can } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

export const WORKFLOW_REASONS = [
  "CALL_NOT_OPEN",
  "DEADLINE_PASSED",
  "DOCUMENTS_DEADLINE_PASSED",
  "APPLICATION_LOCKED",
  "NO_CHOICES",
  "TOO_MANY_CHOICES",
  "NOT_A_DESTINATION",
  "DUPLICATE_CHOICE",
  "NO_ACADEMIC_RECORD",
  "FILE_TOO_LARGE",
  "FILE_TYPE",
  "NO_FILE",
  "UNKNOWN_CERTIFICATE",
  "TOO_EARLY",
  "LIST_PUBLISHED",
  "PROVISIONAL_LIST_MISSING",
  "STALE_RUN",
  "RUN_OF_ANOTHER_CENTRE",
  "REASON_REQUIRED",
] as const;
export type WorkflowReason = (typeof WORKFLOW_REASONS)[number];

export function refuse(code: ErrorCode, reason: WorkflowReason, message: string, path = "reason"): AppError {
  return new AppError(code, message, [{ path, message: `${reason}: ${message}` }]);
}

/**
 * The student's academic record in the call, if the actor may perform `action` on it; otherwise
 * (or when there is none) NOT_FOUND, so probing ids reveals nothing (0004).
 */
export async function studentInScope(
  db: Kysely<DB>,
  actor: Actor,
  action: Action,
  callId: string,
  studentId: string,
): Promise<StoredStudent> {
  authorize(actor, action);
  const stored = await findStudent(db, callId, studentId);
  if (stored === undefined || !can(actor, action, { centre: stored.record.centre, studentId }))
    throw notFound(`student ${studentId} in call ${callId}`);
  return stored;
}
