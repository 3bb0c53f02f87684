import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { findApplicationOfStudent, markValidated } from "../db/repositories/applications.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { findCall } from "../db/repositories/calls.ts";
import { enqueueMessages } from "../db/repositories/outbox.ts";
import type { DB } from "../db/schema.ts";
import { refusal } from "../errors.ts";
import type { Actor } from "../policies/policies.ts";
import { type Receipt, sealReceipt } from "../receipts/receipt.ts";
import { inTransaction, notFound } from "./office-errors.ts";
import { assertWithinApplicationWindow } from "./save-application-draft.ts";
import { studentInScope } from "./workflow-errors.ts";

/**
 * Validates the student's draft: the formal submission (Bases §5). Exactly once: the instant is
 * read from the clock after the application's row is locked, inside the transaction that records
 * it, so what is accepted is never after the deadline and what is acknowledged is committed. A
 * retry of a validated application returns the same receipt (even after the deadline).
 */
export async function validateApplication(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<{ receipt: Receipt; created: boolean }> {
  const { db, clock, actor, callId, studentId } = options;
  const student = await studentInScope(db, actor, "application:write", callId, studentId);
  return inTransaction(db, async (tx) => {
    const application = await findApplicationOfStudent(tx, callId, studentId, { forUpdate: true });
    if (application === undefined) throw notFound(`application of ${studentId} in call ${callId}`);
    if (application.validatedAt !== null && application.receiptSha256 !== null) {
      const receipt = sealReceipt({
        callId,
        applicationId: application.id,
        studentId,
        choices: application.choices,
        validatedAt: application.validatedAt,
      });
      return { receipt, created: false };
    }
    if (application.validatedAt !== null)
      throw refusal("APPLICATION_LOCKED", `validated at ${application.validatedAt}`);
    const call = await findCall(tx, callId);
    if (call === undefined) throw notFound(`call ${callId}`);
    const now = clock.now();
    assertWithinApplicationWindow(call.calendar, now);
    if (application.choices.length === 0)
      throw refusal("NO_CHOICES", "choose at least one destination before validating");
    const receipt = sealReceipt({
      callId,
      applicationId: application.id,
      studentId,
      choices: application.choices,
      validatedAt: now.toISOString(),
    });
    const changed = await markValidated(tx, callId, application.id, {
      validatedAt: now,
      receiptId: receipt.receiptId,
      receiptSha256: receipt.sha256,
    });
    if (!changed) throw refusal("APPLICATION_LOCKED", "validated meanwhile");
    await recordAudit(tx, now, {
      actor,
      action: "application.validated",
      entityType: "application",
      entityId: `${callId}/${application.id}`,
      callId,
      centre: student.record.centre,
      before: { validatedAt: null, choices: application.choices },
      after: { validatedAt: receipt.validatedAt, receiptId: receipt.receiptId, sha256: receipt.sha256 },
    });
    await enqueueMessages(tx, now, [
      {
        kind: "application.validated",
        callId,
        studentId,
        email: student.email,
        payload: {
          applicationId: application.id,
          receiptId: receipt.receiptId,
          validatedAt: receipt.validatedAt,
        },
        dedupeKey: `application.validated:${callId}:${application.id}`,
      },
    ]);
    return { receipt, created: true };
  });
}
