import type { Kysely } from "kysely";
import { findApplicationOfStudent, type StoredApplication } from "../db/repositories/applications.ts";
import type { DB } from "../db/schema.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

/** A student's application in a call (the student, or the staff of their centre). */
export async function getApplication(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<StoredApplication> {
  const { db, actor, callId, studentId } = options;
  await studentInScope(db, actor, "application:read", callId, studentId);
  const application = await findApplicationOfStudent(db, callId, studentId);
  if (application === undefined) throw notFound(`application of ${studentId} in call ${callId}`);
  return application;
}
