// Scope checks shared by the call's workflow (issue 4). Its refusals have their own stable codes
// (src/errors.ts WORKFLOW_CODES: `refusal`, `fieldRefusal`), mapped to HTTP in src/http/errors.ts.
import type { Kysely } from "kysely";
import type { StoredStudent } from "../db/repositories/students.ts";
import { findStudent } from "../db/repositories/students.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Action, type Actor, can } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

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
