// Documents handed in for a student (issue 4): the record, and its projection into the dataset's
// language certificates or activities (verified = the document is verified), kept in step here.
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).
import { type Kysely, type Selectable, sql } from "kysely";
import type { CefrLevel } from "../../domain/dataset.ts";
import { fromDecimal, toNullableDecimal } from "../decimal.ts";
import type { DB, DocumentsTable } from "../schema.ts";

type Executor = Kysely<DB>;

export type DocumentStatus = "pending" | "verified" | "rejected";

export interface StoredDocument {
  id: string;
  callId: string;
  studentId: string;
  centre: string;
  kind: "language-certificate" | "activity";
  certificate: string | null;
  language: string | null;
  level: CefrLevel | null;
  result: number | null;
  results: Record<string, number> | null;
  activityKind: "international-event" | "mentor-programme" | null;
  positiveEvaluation: boolean | null;
  file: { sha256: string; size: number; mediaType: string; name: string | null } | null;
  status: DocumentStatus;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

function present(row: Selectable<DocumentsTable>): StoredDocument {
  return {
    id: row.id,
    callId: row.call_id,
    studentId: row.student_id,
    centre: row.centre_code,
    kind: row.kind as StoredDocument["kind"],
    certificate: row.certificate,
    language: row.language,
    level: row.level as CefrLevel | null,
    result: row.result === null ? null : fromDecimal(row.result),
    results: row.results,
    activityKind: row.activity_kind as StoredDocument["activityKind"],
    positiveEvaluation: row.positive_evaluation,
    file:
      row.file_sha256 === null || row.media_type === null
        ? null
        : {
            sha256: row.file_sha256,
            size: Number(row.file_size ?? 0),
            mediaType: row.media_type,
            name: row.file_name,
          },
    status: row.status as DocumentStatus,
    reviewReason: row.review_reason,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at === null ? null : row.reviewed_at.toISOString(),
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

export async function findDocument(
  db: Executor,
  callId: string,
  id: string,
): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom("documents")
    .selectAll()
    .where("call_id", "=", callId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? undefined : present(row);
}

export async function listDocuments(
  db: Executor,
  callId: string,
  filter: { studentId?: string; centre?: string; status?: DocumentStatus },
): Promise<StoredDocument[]> {
  let query = db.selectFrom("documents").selectAll().where("call_id", "=", callId);
  if (filter.studentId !== undefined) query = query.where("student_id", "=", filter.studentId);
  if (filter.centre !== undefined) query = query.where("centre_code", "=", filter.centre);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  const rows = await query.orderBy("uploaded_at").orderBy("id").execute();
  return rows.map(present);
}

/** Stores a document and its projection (after the student's last certificate or activity). */
export async function insertDocument(tx: Executor, doc: StoredDocument): Promise<void> {
  await tx
    .insertInto("documents")
    .values({
      id: doc.id,
      call_id: doc.callId,
      student_id: doc.studentId,
      centre_code: doc.centre,
      kind: doc.kind,
      certificate: doc.certificate,
      language: doc.language,
      level: doc.level,
      result: toNullableDecimal(doc.result ?? undefined),
      results: doc.results === null ? null : JSON.stringify(doc.results),
      activity_kind: doc.activityKind,
      positive_evaluation: doc.positiveEvaluation,
      file_sha256: doc.file?.sha256 ?? null,
      file_size: doc.file?.size ?? null,
      media_type: doc.file?.mediaType ?? null,
      file_name: doc.file?.name ?? null,
      status: doc.status,
      review_reason: doc.reviewReason,
      reviewed_by: doc.reviewedBy,
      reviewed_at: doc.reviewedAt,
      uploaded_by: doc.uploadedBy,
      uploaded_at: doc.uploadedAt,
    })
    .execute();
  const verified = doc.status === "verified";
  if (doc.kind === "language-certificate") {
    const position = await nextPosition(tx, "language_certificates", doc.callId, doc.studentId);
    await tx
      .insertInto("language_certificates")
      .values({
        call_id: doc.callId,
        student_id: doc.studentId,
        position,
        certificate: doc.certificate ?? "",
        language: doc.language ?? "",
        level: doc.level,
        result: toNullableDecimal(doc.result ?? undefined),
        results: doc.results === null ? null : JSON.stringify(doc.results),
        verified,
        document_id: doc.id,
      })
      .execute();
  } else {
    const position = await nextPosition(tx, "activities", doc.callId, doc.studentId);
    await tx
      .insertInto("activities")
      .values({
        call_id: doc.callId,
        student_id: doc.studentId,
        position,
        kind: doc.activityKind ?? "international-event",
        positive_evaluation: doc.positiveEvaluation,
        verified,
        document_id: doc.id,
      })
      .execute();
  }
}

async function nextPosition(
  tx: Executor,
  table: "language_certificates" | "activities",
  callId: string,
  studentId: string,
): Promise<number> {
  const row = await tx
    .selectFrom(table)
    .select(sql<number | null>`max(position)`.as("position"))
    .where("call_id", "=", callId)
    .where("student_id", "=", studentId)
    .executeTakeFirst();
  return row?.position === null || row?.position === undefined ? 0 : Number(row.position) + 1;
}

export async function setDocumentReview(
  tx: Executor,
  doc: StoredDocument,
  review: { status: DocumentStatus; reason: string | null; by: string; at: Date },
): Promise<void> {
  await tx
    .updateTable("documents")
    .set({
      status: review.status,
      review_reason: review.reason,
      reviewed_by: review.by,
      reviewed_at: review.at,
    })
    .where("id", "=", doc.id)
    .execute();
  const table = doc.kind === "language-certificate" ? "language_certificates" : "activities";
  await tx
    .updateTable(table)
    .set({ verified: review.status === "verified" })
    .where("document_id", "=", doc.id)
    .execute();
}
