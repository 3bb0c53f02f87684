import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { insertDocument, type StoredDocument } from "../db/repositories/documents.ts";
import { findStudent } from "../db/repositories/students.ts";
import type { DB } from "../db/schema.ts";
import { LEVEL_TEST } from "../domain/language-certificates.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { LevelTestInput } from "../schemas/documents.ts";
import { inTransaction, notFound } from "./office-errors.ts";

/**
 * The language service records the result of its level test (Bases §2a): a certificate
 * "level-test" of the language at the level reached, verified as recorded (the service is the
 * issuer), with no file.
 */
export async function recordLevelTest(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
  test: LevelTestInput;
}): Promise<StoredDocument> {
  const { db, clock, actor, callId, studentId, test } = options;
  authorize(actor, "language-record:write");
  return inTransaction(db, async (tx) => {
    const student = await findStudent(tx, callId, studentId);
    if (student === undefined) throw notFound(`student ${studentId} in call ${callId}`);
    const now = clock.now();
    const by = actor.kind === "user" ? actor.userId : "public";
    const doc: StoredDocument = {
      id: randomUUID(),
      callId,
      studentId,
      centre: student.record.centre,
      kind: "language-certificate",
      certificate: LEVEL_TEST,
      language: test.language,
      level: test.level,
      result: null,
      results: null,
      activityKind: null,
      positiveEvaluation: null,
      file: null,
      status: "verified",
      reviewReason: null,
      reviewedBy: by,
      reviewedAt: now.toISOString(),
      uploadedBy: by,
      uploadedAt: now.toISOString(),
    };
    await insertDocument(tx, doc);
    await recordAudit(tx, now, {
      actor,
      action: "level-test.recorded",
      entityType: "document",
      entityId: doc.id,
      callId,
      centre: doc.centre,
      before: null,
      after: doc,
    });
    return doc;
  });
}
