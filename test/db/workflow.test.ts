// The workflow's use cases on a real database (issue 4): validation exactly once under a race,
// documents projected into the dataset the engine reads, runs that agree with the outcome on
// stored data, and published lists that nothing can modify.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { diskFileStore } from "../../src/files/file-store.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { getCallOutcome } from "../../src/use-cases/get-call-outcome.ts";
import { importAgreements } from "../../src/use-cases/import-agreements.ts";
import { importStudents } from "../../src/use-cases/import-students.ts";
import { publishList } from "../../src/use-cases/publish-list.ts";
import { reviewDocument } from "../../src/use-cases/review-document.ts";
import { runAward } from "../../src/use-cases/run-award.ts";
import { saveApplicationDraft } from "../../src/use-cases/save-application-draft.ts";
import { uploadDocument } from "../../src/use-cases/upload-document.ts";
import { validateApplication } from "../../src/use-cases/validate-application.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import {
  actorOf,
  agreementsCsv,
  callInput,
  demo,
  loadCentresAndDegrees,
  studentsCsv,
} from "../support/office.ts";
import { eligibleStudents, samplePdf } from "../support/workflow.ts";

const CALL = "uc";
const A = "ETSII";

describe(`workflow use cases on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let filesDir: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const office = actorOf("office");
  const coordinator = actorOf("coordinator", { centre: A });
  const [first, second] = eligibleStudents(A, 1);
  const student = (id: string) => actorOf("student", { centre: A, studentId: id });

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "mobilitas-uc-"));
    const db = database.db;
    await createCall({ db, clock, actor: office, input: callInput(CALL) });
    const agreements = demo.dataset.agreements.filter((a) => a.centre === A);
    const students = demo.dataset.students.filter((s) => s.centre === A);
    await importAgreements({ db, clock, actor: office, callId: CALL, csv: agreementsCsv(agreements) });
    await importStudents({ db, clock, actor: office, callId: CALL, csv: studentsCsv(students) });
  });
  afterAll(async () => {
    await database?.dispose();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it("validates exactly once when two requests race, both getting the same receipt", async () => {
    const db = database.db;
    const id = first!.student.id;
    const actor = student(id);
    await saveApplicationDraft({
      db,
      clock,
      actor,
      callId: CALL,
      studentId: id,
      choices: first!.eligible.slice(0, 1),
    });
    const [a, b] = await Promise.all([
      validateApplication({ db, clock, actor, callId: CALL, studentId: id }),
      validateApplication({ db, clock, actor, callId: CALL, studentId: id }),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.receipt).toEqual(b.receipt);
    const audits = await db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "application.validated")
      .execute();
    expect(audits).toHaveLength(1);
    // The receipt is announced once, in the same transaction.
    const messages = await db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "application.validated")
      .execute();
    expect(messages).toEqual([
      expect.objectContaining({ student_id: id, email: `${id.toLowerCase()}@alu.upct.es`, sent_at: null }),
    ]);
  });

  it("puts a document into the dataset, counting only once verified", async () => {
    const db = database.db;
    const id = second!.student.id;
    const staged = await diskFileStore(filesDir).stage(
      Readable.from([Buffer.from(await samplePdf())]),
      1_000_000,
    );
    const doc = await uploadDocument({
      db,
      clock,
      actor: student(id),
      callId: CALL,
      studentId: id,
      fields: { kind: "language-certificate", certificate: "en-ielts", language: "en", result: "7.5" },
      file: { staged, fileName: "ielts.pdf", mediaType: "application/pdf" },
    });
    const certificate = async () =>
      (await exportDataset({ db, callId: CALL })).students
        .find((s) => s.id === id)!
        .languageCertificates.at(-1);
    expect(await certificate()).toEqual({
      certificate: "en-ielts",
      language: "en",
      result: 7.5,
      verified: false,
    });
    await reviewDocument({
      db,
      clock,
      actor: coordinator,
      callId: CALL,
      documentId: doc.id,
      review: { decision: "verified" },
    });
    expect((await certificate())?.verified).toBe(true);
  });

  it("keeps runs that agree with the outcome on stored data, and lists nothing can change", async () => {
    const db = database.db;
    const id = second!.student.id;
    await saveApplicationDraft({
      db,
      clock,
      actor: student(id),
      callId: CALL,
      studentId: id,
      choices: second!.eligible.slice(0, 1),
    });
    await validateApplication({ db, clock, actor: student(id), callId: CALL, studentId: id });
    clock.set("2018-05-11T09:00:00+02:00");
    const run = await runAward({ db, clock, actor: coordinator, callId: CALL });
    const again = await runAward({ db, clock, actor: office, callId: CALL, centre: A });
    expect(again.inputSha256).toBe(run.inputSha256);
    const outcome = await getCallOutcome({ db, actor: coordinator, callId: CALL });
    expect(run.outcome.results).toEqual(outcome.results);
    expect(run.outcome.results.find((r) => r.studentId === id)?.score?.language).toBe(1.25);

    const list = await publishList({
      db,
      clock,
      actor: coordinator,
      callId: CALL,
      centre: A,
      kind: "provisional",
      runId: run.id,
    });
    await expect(
      sql`UPDATE list_publications SET entries = '[]'::jsonb WHERE id = ${list.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM list_publications`.execute(db)).rejects.toThrow(/append-only/);
    // Definitive: not before the claims window closes.
    await expect(
      publishList({
        db,
        clock,
        actor: coordinator,
        callId: CALL,
        centre: A,
        kind: "definitive",
        runId: run.id,
      }),
    ).rejects.toMatchObject({ code: "TOO_EARLY" });
    clock.set("2018-05-23T09:00:00+02:00");
    const definitive = await publishList({
      db,
      clock,
      actor: coordinator,
      callId: CALL,
      centre: A,
      kind: "definitive",
      runId: run.id,
    });
    expect(definitive.kind).toBe("definitive");
    await expect(runAward({ db, clock, actor: coordinator, callId: CALL })).rejects.toMatchObject({
      code: "LIST_PUBLISHED",
    });
  });
});
