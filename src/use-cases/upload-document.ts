import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { findCall, type StoredCall } from "../db/repositories/calls.ts";
import { insertDocument, type StoredDocument } from "../db/repositories/documents.ts";
import type { DB } from "../db/schema.ts";
import { certificateFamily, LEVEL_TEST } from "../domain/language-certificates.ts";
import { AppError, fieldRefusal, refusal } from "../errors.ts";
import type { StagedFile } from "../files/file-store.ts";
import { sniffDocument } from "../files/sniff.ts";
import type { Actor } from "../policies/policies.ts";
import { type DocumentFields, documentFields } from "../schemas/documents.ts";
import { inTransaction, notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

/** At most 10 MB a file (issue 4); beyond, 413. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Bases §5: documents until the documents deadline (the application deadline when unset). */
function assertDocumentsOpen(call: StoredCall, now: Date): void {
  const deadline = call.calendar.documentsDeadline ?? call.calendar.applicationDeadline;
  if (now.getTime() > Date.parse(deadline))
    throw refusal("DOCUMENTS_DEADLINE_PASSED", `documents were due by ${deadline}`);
}

/**
 * Before reading the body: may this actor hand in a document for this student now? (So a refused
 * upload is refused before megabytes are streamed to disk.)
 */
export async function checkDocumentUpload(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<void> {
  const { db, clock, actor, callId, studentId } = options;
  await studentInScope(db, actor, "document:upload", callId, studentId);
  const call = await findCall(db, callId);
  if (call === undefined) throw notFound(`call ${callId}`);
  assertDocumentsOpen(call, clock.now());
}

/**
 * A language or activity certificate handed in for a student, with its file (PDF, JPEG or PNG,
 * told from the content). Pending until the centre's staff review it: it earns nothing before.
 * The staged file is kept only when the document is stored.
 */
export async function uploadDocument(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
  fields: Record<string, string>;
  file: { staged: StagedFile; fileName: string | undefined; mediaType: string | undefined };
}): Promise<StoredDocument> {
  const { db, clock, actor, callId, studentId, file } = options;
  try {
    const student = await studentInScope(db, actor, "document:upload", callId, studentId);
    const parsed = documentFields.safeParse(options.fields);
    if (!parsed.success)
      throw new AppError(
        "VALIDATION_FAILED",
        "the document's fields were refused",
        parsed.error.issues.map((i) => ({
          path: ["body", ...i.path.map(String)].join("/"),
          message: i.message,
        })),
      );
    const fields: DocumentFields = parsed.data;
    if (
      fields.kind === "language-certificate" &&
      (fields.certificate === LEVEL_TEST || certificateFamily(fields.certificate) === undefined)
    )
      throw fieldRefusal(
        "UNKNOWN_CERTIFICATE",
        `${fields.certificate} is not a certificate of Annex II (level tests are recorded by the language service)`,
        "body/certificate",
      );
    const sniffed = await sniffDocument(file.staged, { mediaType: file.mediaType, fileName: file.fileName });
    if (!sniffed.ok)
      throw fieldRefusal(
        "FILE_TYPE",
        `${sniffed.reason}: ${sniffed.detail}`,
        "body/file",
        "UNSUPPORTED_MEDIA_TYPE",
      );

    const document = await inTransaction(db, async (tx) => {
      const call = await findCall(tx, callId);
      if (call === undefined) throw notFound(`call ${callId}`);
      const now = clock.now();
      assertDocumentsOpen(call, now);
      const doc: StoredDocument = {
        id: randomUUID(),
        callId,
        studentId,
        centre: student.record.centre,
        kind: fields.kind,
        certificate: fields.kind === "language-certificate" ? fields.certificate : null,
        language: fields.kind === "language-certificate" ? fields.language : null,
        level: fields.kind === "language-certificate" ? (fields.level ?? null) : null,
        result: fields.kind === "language-certificate" ? (fields.result ?? null) : null,
        results: fields.kind === "language-certificate" ? (fields.results ?? null) : null,
        activityKind: fields.kind === "activity" ? fields.activityKind : null,
        positiveEvaluation: fields.kind === "activity" ? (fields.positiveEvaluation ?? null) : null,
        file: {
          sha256: file.staged.sha256,
          size: file.staged.size,
          mediaType: sniffed.mediaType,
          name: file.fileName?.slice(0, 200) ?? null,
        },
        status: "pending",
        reviewReason: null,
        reviewedBy: null,
        reviewedAt: null,
        uploadedBy: actor.kind === "user" ? actor.userId : "public",
        uploadedAt: now.toISOString(),
      };
      await insertDocument(tx, doc);
      await recordAudit(tx, now, {
        actor,
        action: "document.uploaded",
        entityType: "document",
        entityId: doc.id,
        callId,
        centre: doc.centre,
        before: null,
        after: doc,
      });
      // Kept before the commit: a document never names a file that is not there.
      await file.staged.commit();
      return doc;
    });
    return document;
  } catch (error) {
    await file.staged.discard();
    throw error;
  }
}
