import type { Kysely } from "kysely";
import { findApplicationOfStudent } from "../db/repositories/applications.ts";
import type { DB } from "../db/schema.ts";
import type { Actor } from "../policies/policies.ts";
import { type Receipt, sealReceipt } from "../receipts/receipt.ts";
import type { ReceiptPdfData } from "../receipts/receipt-pdf.ts";
import { notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

/** The receipt of a validated application, with what its PDF shows. */
export async function getApplicationReceipt(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<ReceiptPdfData> {
  const { db, actor, callId, studentId } = options;
  const student = await studentInScope(db, actor, "application:read", callId, studentId);
  const application = await findApplicationOfStudent(db, callId, studentId);
  if (application?.validatedAt === null || application?.validatedAt === undefined)
    throw notFound(`validated application of ${studentId} in call ${callId}`);
  const receipt: Receipt = sealReceipt({
    callId,
    applicationId: application.id,
    studentId,
    choices: application.choices,
    validatedAt: application.validatedAt,
  });
  const agreements = await db
    .selectFrom("agreements")
    .select(["id", "partner_name", "partner_country"])
    .where("call_id", "=", callId)
    .where("id", "in", application.choices.length > 0 ? application.choices : [""])
    .execute();
  const byId = new Map(agreements.map((a) => [a.id, a]));
  return {
    receipt,
    studentName: student.record.name ?? null,
    destinations: application.choices.map((id) => ({
      agreementId: id,
      partnerName: byId.get(id)?.partner_name ?? "",
      country: byId.get(id)?.partner_country ?? "",
    })),
  };
}
