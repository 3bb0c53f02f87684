// Secretaría's academic records on a real database: the import is idempotent (counts of created,
// updated, unchanged), refused whole with every bad row named, leaves documents alone, and reads
// reach exactly the reader's scope. Then the engine on the stored call, with and without centre rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import { scoreAndAwardWithCentreRules } from "../../src/domain/centre-rules.ts";
import { scoreAndAward } from "../../src/domain/engine.ts";
import { AppError } from "../../src/errors.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { getCallOutcome } from "../../src/use-cases/get-call-outcome.ts";
import { getStudent } from "../../src/use-cases/get-student.ts";
import { importAgreements } from "../../src/use-cases/import-agreements.ts";
import { importDataset } from "../../src/use-cases/import-dataset.ts";
import { importStudents } from "../../src/use-cases/import-students.ts";
import { listStudents } from "../../src/use-cases/list-students.ts";
import { setCentreRules } from "../../src/use-cases/set-centre-rules.ts";
import { createTestDatabase, rowCounts, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { readDataset } from "../support/examples.ts";
import {
  actorOf,
  agreementsCsv,
  callInput,
  demo,
  loadCentresAndDegrees,
  STUDENTS_HEADER,
  studentRow,
  studentsCsv,
} from "../support/office.ts";

const clock = new TestClock("2018-04-02T09:00:00+02:00");
const office = actorOf("office");
const page = { limit: 1000, offset: 0 };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const students = demo.dataset.students;
const firstOf = (centre: string) => students.find((s) => s.centre === centre)!;

describe(`students' academic records and the outcome on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    for (const id of ["s-import", "s-bad"])
      await createCall({ db: database.db, clock, actor: office, input: callInput(id) });
  });
  afterAll(() => database?.dispose());
  const db = () => database.db;

  it("imports 400 records; the same file again changes nothing; counts say what happened", async () => {
    const csv = studentsCsv(students);
    const started = performance.now();
    const first = await importStudents({ db: db(), clock, actor: office, callId: "s-import", csv });
    const ms = performance.now() - started;
    expect(first).toEqual({ created: students.length, updated: 0, unchanged: 0 });
    console.info(`import of ${students.length} students on ${database.kind}: ${ms.toFixed(0)} ms`);

    const counts = await rowCounts(db());
    const againStarted = performance.now();
    expect(await importStudents({ db: db(), clock, actor: office, callId: "s-import", csv })).toEqual({
      created: 0,
      updated: 0,
      unchanged: students.length,
    });
    console.info(`same file again on ${database.kind}: ${(performance.now() - againStarted).toFixed(0)} ms`);
    expect(await rowCounts(db())).toEqual(counts);

    // Two rows changed (a grade, a debt), one new: the rest unchanged; nothing deleted.
    const [s1, s2, ...rest] = students;
    const changed = [
      { ...s1!, averageGrade: 9.125 },
      { ...s2!, hasDebts: !s2!.hasDebts },
      ...rest.slice(0, 10),
    ];
    const extra = studentRow({ ...rest[10]!, id: "S9999" });
    expect(
      await importStudents({
        db: db(),
        clock,
        actor: office,
        callId: "s-import",
        csv: studentsCsv(changed, [extra]),
      }),
    ).toEqual({ created: 1, updated: 2, unchanged: 10 });
    const stored = await getStudent({ db: db(), actor: office, callId: "s-import", studentId: s1!.id });
    expect(stored).toMatchObject({
      record: { averageGrade: 9.125, centre: s1!.centre },
      degree: demo.studentDegrees[s1!.id],
      email: `${s1!.id.toLowerCase()}@alu.upct.es`,
    });
    const [audit] = await listAudit(db(), { callId: "s-import", entityId: s1!.id, limit: 1 });
    expect(audit).toMatchObject({
      action: "student.updated",
      before: { record: { averageGrade: s1!.averageGrade } },
      after: { record: { averageGrade: 9.125 } },
    });
    expect((await listStudents({ db: db(), actor: office, callId: "s-import", query: page })).total).toBe(
      students.length + 1,
    );
  });

  it("refuses a file with any bad row as a whole, naming every bad row; nothing changes", async () => {
    const s = firstOf("ETSII");
    const csv = studentsCsv(students.slice(0, 5), [
      studentRow({ ...s, id: "B1", averageGrade: 11 }),
      studentRow({ ...s, id: "B2", centre: "NOPE" }),
      studentRow({ ...s, id: "B3" }, "GITT"), // a degree of another centre
      studentRow({ ...s, id: "B4", nationality: "Spain" }),
      studentRow({ ...s, id: "B5" }).replace("b5@alu.upct.es", "not-an-email"),
      studentRow({ ...s, id: "B6", previousErasmusMonths: 1e300 }),
      studentRow({ ...s, id: "B7" }).replace(",sí,", ",quizás,"),
      studentRow({ ...s, id: "B8", degreeCredits: 123.456 }).replace(",123.456,", `,${"9".repeat(400)},`),
    ]);
    const before = await rowCounts(db());
    const error = await refusal(importStudents({ db: db(), clock, actor: office, callId: "s-bad", csv }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("8 rows");
    const named = error.issues.map((i) => `${i.path} ${i.message.split(":")[0]}`);
    expect(named).toEqual(
      expect.arrayContaining([
        "csv/7/averageGrade OUT_OF_RANGE",
        "csv/8/centre UNKNOWN_CENTRE",
        "csv/9/degree UNKNOWN_DEGREE",
        "csv/10/nationality UNKNOWN_VALUE",
        "csv/11/email UNKNOWN_VALUE",
        "csv/12/previousErasmusMonths NOT_A_NUMBER",
        "csv/14/degreeCredits OUT_OF_RANGE",
      ]),
    );
    expect(named.some((n) => n.startsWith("csv/13/") && n.endsWith("NOT_A_BOOLEAN"))).toBe(true);
    expect(new Set(error.issues.map((i) => i.path.split("/")[1]))).toEqual(
      new Set(["7", "8", "9", "10", "11", "12", "13", "14"]),
    );
    expect(await rowCounts(db())).toEqual(before);
  });

  it("a coordinator imports only their centre's rows; reads reach exactly each one's scope", async () => {
    const coordinatorA = actorOf("coordinator", { centre: "ETSII" });
    const coordinatorB = actorOf("coordinator", { centre: "ETSIT" });
    const a = firstOf("ETSII");
    const b = firstOf("ETSIT");
    const studentA = actorOf("student", { centre: "ETSII", studentId: a.id });
    const languageService = actorOf("language-service");

    const refused = await refusal(
      importStudents({ db: db(), clock, actor: coordinatorA, callId: "s-import", csv: studentsCsv([a, b]) }),
    );
    expect(refused.issues.map((i) => `${i.path} ${i.message.split(":")[0]}`)).toEqual([
      "csv/3/centre NOT_YOUR_CENTRE",
      "csv/3/id NOT_YOUR_CENTRE",
    ]);
    expect(
      await importStudents({
        db: db(),
        clock,
        actor: coordinatorA,
        callId: "s-import",
        csv: studentsCsv([a]),
      }),
    ).toEqual({ created: 0, updated: 0, unchanged: 1 });

    const list = (actor: typeof office, query: Record<string, string> = {}) =>
      listStudents({ db: db(), actor, callId: "s-import", query: { ...page, ...query } });
    const ofA = (await list(office, { centre: "ETSII" })).total;
    expect(ofA).toBeGreaterThan(10);
    expect((await list(coordinatorA)).total).toBe(ofA);
    expect(await list(coordinatorA, { centre: "ETSIT" })).toEqual({ items: [], total: 0 });
    expect(await list(coordinatorA, { q: b.id })).toEqual({ items: [], total: 0 });
    expect((await list(coordinatorB, { q: b.id })).items.map((s) => s.record.id)).toEqual([b.id]);
    expect((await list(studentA)).items.map((s) => s.record.id)).toEqual([a.id]);
    expect((await list(studentA, { q: b.id })).total).toBe(0);

    const get = (actor: typeof office, studentId: string) =>
      getStudent({ db: db(), actor, callId: "s-import", studentId });
    expect((await get(studentA, a.id)).record.id).toBe(a.id);
    const otherOfA = students.find((s) => s.centre === "ETSII" && s.id !== a.id)!;
    for (const [actor, id] of [
      [studentA, otherOfA.id],
      [studentA, b.id],
      [coordinatorA, b.id],
      [coordinatorB, a.id],
    ] as const)
      expect((await refusal(get(actor, id))).code).toBe("NOT_FOUND");
    expect((await refusal(get(languageService, a.id))).code).toBe("FORBIDDEN");
    expect((await refusal(list({ kind: "public" }))).code).toBe("UNAUTHENTICATED");
  });

  it("updates the records of a call loaded from a dataset, leaving certificates and activities alone", async () => {
    const dataset = readDataset("walkthrough");
    const callId = "s-dataset";
    await importDataset({ db: db(), clock, dataset: { ...dataset, call: { ...dataset.call, id: callId } } });
    const [s1] = dataset.students;
    const row = studentRow({ ...s1!, averageGrade: 8 }, "");
    expect(
      await importStudents({ db: db(), clock, actor: office, callId, csv: `${STUDENTS_HEADER}\n${row}` }),
    ).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const exported = await exportDataset({ db: db(), callId });
    expect(exported.students[0]).toMatchObject({
      averageGrade: 8,
      languageCertificates: s1!.languageCertificates,
      activities: s1!.activities,
    });
  });

  it("the outcome on stored data: the engine's on the exported dataset, with each centre's rules on top", async () => {
    const callId = "s-outcome";
    await createCall({ db: db(), clock, actor: office, input: callInput(callId) });
    await importAgreements({
      db: db(),
      clock,
      actor: office,
      callId,
      csv: agreementsCsv(demo.dataset.agreements),
    });
    await importStudents({ db: db(), clock, actor: office, callId, csv: studentsCsv(students) });
    // Applications and documents arrive with the workflow (next issue): the demo's, written as a dataset would.
    const exported0 = await exportDataset({ db: db(), callId });
    await importDataset({
      db: db(),
      clock,
      dataset: { ...exported0, students: demo.dataset.students, applications: demo.dataset.applications },
      replace: true,
    });

    const exported = await exportDataset({ db: db(), callId });
    const started = performance.now();
    const outcome = await getCallOutcome({ db: db(), actor: office, callId });
    console.info(
      `outcome of ${exported.applications.length} applications on ${database.kind}: ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(outcome).toEqual(scoreAndAward(exported));
    expect(outcome.results.some((r) => r.status === "awarded")).toBe(true);

    const rules = {
      scoring: { languageScope: "destination" as const },
      eligibility: { minFirstYearCreditsPct: 80 },
    };
    await setCentreRules({ db: db(), clock, actor: office, callId, centre: "ETSII", rules });
    const withRules = await getCallOutcome({ db: db(), actor: office, callId });
    expect(withRules).toEqual(scoreAndAwardWithCentreRules(exported, { ETSII: rules }));
    expect(withRules).not.toEqual(outcome);

    // A coordinator: their centre's applications and agreements only.
    const mine = await getCallOutcome({
      db: db(),
      actor: actorOf("coordinator", { centre: "ETSII" }),
      callId,
    });
    const centreOf = new Map(exported.students.map((s) => [s.id, s.centre]));
    expect(mine.results.length).toBeGreaterThan(0);
    expect(mine.results).toEqual(withRules.results.filter((r) => centreOf.get(r.studentId) === "ETSII"));
    expect(mine.agreements.map((a) => a.agreementId)).toEqual(
      exported.agreements.filter((a) => a.centre === "ETSII").map((a) => a.id),
    );
    for (const actor of [
      actorOf("student", { centre: "ETSII", studentId: "S0001" }),
      actorOf("language-service"),
    ])
      expect((await refusal(getCallOutcome({ db: db(), actor, callId }))).code).toBe("FORBIDDEN");
    expect((await refusal(getCallOutcome({ db: db(), actor: office, callId: "nope" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
