import type { Kysely } from "kysely";
import { findStudent, type StoredStudent } from "../db/repositories/students.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, can } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** One academic record; out of the actor's scope it reads as absent (404). */
export async function getStudent(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<StoredStudent> {
  const { db, actor, callId, studentId } = options;
  authorize(actor, "student:read");
  const stored = await findStudent(db, callId, studentId);
  if (stored === undefined || !can(actor, "student:read", { centre: stored.record.centre, studentId }))
    throw notFound(`student ${studentId} in call ${callId}`);
  return stored;
}
