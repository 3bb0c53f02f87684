import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { findDocument, type StoredDocument, setDocumentReview } from "../db/repositories/documents.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, can } from "../policies/policies.ts";
import type { ReviewInput } from "../schemas/documents.ts";
import { inTransaction, notFound } from "./office-errors.ts";

/**
 * The staff of the student's centre verify a document (it then counts for the score) or reject
 * it with a reason. A later review may change the decision (a claim may prove it wrong); each is
 * audited with before and after.
 */
export async function reviewDocument(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  documentId: string;
  review: ReviewInput;
}): Promise<StoredDocument> {
  const { db, clock, actor, callId, documentId, review } = options;
  authorize(actor, "document:review");
  return inTransaction(db, async (tx) => {
    const doc = await findDocument(tx, callId, documentId);
    if (doc === undefined || !can(actor, "document:review", { centre: doc.centre, studentId: doc.studentId }))
      throw notFound(`document ${documentId}`);
    const reason = review.reason ?? null;
    if (doc.status === review.decision && doc.reviewReason === reason) return doc;
    const now = clock.now();
    const by = actor.kind === "user" ? actor.userId : "public";
    await setDocumentReview(tx, doc, { status: review.decision, reason, by, at: now });
    const after: StoredDocument = {
      ...doc,
      status: review.decision,
      reviewReason: reason,
      reviewedBy: by,
      reviewedAt: now.toISOString(),
    };
    await recordAudit(tx, now, {
      actor,
      action: review.decision === "verified" ? "document.verified" : "document.rejected",
      entityType: "document",
      entityId: doc.id,
      callId,
      centre: doc.centre,
      before: { status: doc.status, reviewReason: doc.reviewReason },
      after: { status: after.status, reviewReason: after.reviewReason },
    });
    return after;
  });
}
