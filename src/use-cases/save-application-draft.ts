import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import {
  findApplicationOfStudent,
  insertDraft,
  replaceChoices,
  type StoredApplication,
} from "../db/repositories/applications.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { findCall, listCentreRules } from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import { callForCentre } from "../domain/centre-rules.ts";
import { AppError, refusal } from "../errors.ts";
import type { Actor } from "../policies/policies.ts";
import { inTransaction, notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

/** The id of the application the server creates for a student (as the demo's data names them). */
export const applicationIdOf = (studentId: string) => `APP-${studentId}`;

/**
 * Saves the student's draft: up to the call's (or centre's) maxChoices destinations of the
 * student's centre, most wanted first. Idempotent: the same choices again change nothing. Refused
 * once validated (APPLICATION_LOCKED), before the call opens and after its deadline.
 */
export async function saveApplicationDraft(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
  choices: string[];
}): Promise<StoredApplication> {
  const { db, clock, actor, callId, studentId, choices } = options;
  const student = await studentInScope(db, actor, "application:write", callId, studentId);
  const centre = student.record.centre;
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const call = await findCall(tx, callId);
    if (call === undefined) throw notFound(`call ${callId}`);
    const existing = await findApplicationOfStudent(tx, callId, studentId, { forUpdate: true });
    if (existing?.validatedAt !== null && existing !== undefined)
      throw refusal("APPLICATION_LOCKED", `the application was validated at ${existing.validatedAt}`);
    const now = clock.now();
    assertWithinApplicationWindow(call.calendar, now);

    const rules = (await listCentreRules(tx, callId)).find((r) => r.centre === centre)?.rules;
    const maxChoices = callForCentre(call.call, rules).maxChoices;
    const agreements = await tx
      .selectFrom("agreements")
      .select(["id", "centre_code"])
      .where("call_id", "=", callId)
      .where("id", "in", choices.length > 0 ? choices : [""])
      .execute();
    const centreOf = new Map(agreements.map((a) => [a.id, a.centre_code]));
    const issues = choices.flatMap((id, i) => {
      if (choices.indexOf(id) !== i)
        return [{ path: `body/choices/${i}`, message: `DUPLICATE_CHOICE: ${id} is already chosen` }];
      if (centreOf.get(id) !== centre)
        return [
          {
            path: `body/choices/${i}`,
            message: `NOT_A_DESTINATION: ${id} is not a destination of ${centre}`,
          },
        ];
      return [];
    });
    if (maxChoices !== undefined && choices.length > maxChoices)
      issues.push({ path: "body/choices", message: `TOO_MANY_CHOICES: at most ${maxChoices} destinations` });
    if (issues.length > 0) throw new AppError("VALIDATION_FAILED", "the choices were refused", issues);

    if (existing !== undefined) {
      if (isDeepStrictEqual(existing.choices, choices)) return existing;
      await replaceChoices(tx, callId, existing.id, choices, now);
    } else {
      await insertDraft(tx, { id: applicationIdOf(studentId), callId, studentId, choices }, now);
    }
    await recordAudit(tx, now, {
      actor,
      action: existing === undefined ? "application.created" : "application.draft-saved",
      entityType: "application",
      entityId: `${callId}/${applicationIdOf(studentId)}`,
      callId,
      centre,
      before: existing === undefined ? null : { choices: existing.choices },
      after: { choices },
    });
    const saved = await findApplicationOfStudent(tx, callId, studentId);
    if (saved === undefined) throw new Error("the draft just saved is missing");
    return saved;
  });
}

/** Bases §5: applications from the opening to the deadline, both inclusive. */
export function assertWithinApplicationWindow(
  calendar: { applicationOpensAt: string | null; applicationDeadline: string },
  now: Date,
): void {
  if (calendar.applicationOpensAt !== null && now.getTime() < Date.parse(calendar.applicationOpensAt))
    throw refusal("CALL_NOT_OPEN", `the call opens at ${calendar.applicationOpensAt}`);
  if (now.getTime() > Date.parse(calendar.applicationDeadline))
    throw refusal("DEADLINE_PASSED", `the deadline was ${calendar.applicationDeadline}`);
}
