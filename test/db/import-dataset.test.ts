// The dataset use cases on a real database: import → export gives the file back, importing twice
// changes nothing, a refused import leaves nothing behind, and award on stored data = the engine.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import type { Dataset } from "../../src/domain/dataset.ts";
import { AppError } from "../../src/errors.ts";
import { awardCall } from "../../src/use-cases/award-call.ts";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { canonicalJson, importDataset, summarizeDataset } from "../../src/use-cases/import-dataset.ts";
import { createTestDatabase, rowCounts, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { exampleNames, readDataset, readOutcome } from "../support/examples.ts";

const clock = new TestClock("2018-04-20T09:00:00+02:00");

/** An example under another call id, so tests in this file do not share a call. */
function exampleAs(name: string, callId: string): Dataset {
  const dataset = readDataset(name);
  return { ...dataset, call: { ...dataset.call, id: callId } };
}

describe(`dataset import and export on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.dispose());

  it.each(exampleNames)("%s: export gives back exactly what was imported", async (name) => {
    const dataset = exampleAs(name, `roundtrip-${name}`);
    const started = performance.now();
    const result = await importDataset({ db: database.db, clock, dataset });
    const importMs = performance.now() - started;
    expect(result).toEqual({ callId: `roundtrip-${name}`, status: "created" });

    const exportStarted = performance.now();
    const exported = await exportDataset({ db: database.db, callId: `roundtrip-${name}` });
    const exportMs = performance.now() - exportStarted;
    // Strict: optional fields absent when absent, same orders everywhere.
    expect(exported).toStrictEqual(dataset);
    console.info(
      `${name} on ${database.kind}: ${dataset.students.length} students, ${dataset.applications.length} applications;` +
        ` import ${importMs.toFixed(0)} ms, export ${exportMs.toFixed(0)} ms`,
    );
  });

  it.each(exampleNames)("%s: award on the stored call equals the expected outcome", async (name) => {
    const expected = readOutcome(name);
    const callId = `award-${name}`;
    await importDataset({ db: database.db, clock, dataset: exampleAs(name, callId) });
    const outcome = await awardCall({ db: database.db, callId });
    if (expected !== undefined) expect(outcome).toEqual({ ...expected, callId });
  });

  it("importing the same dataset twice changes nothing", async () => {
    const dataset = exampleAs("random-best", "twice");
    await importDataset({ db: database.db, clock, dataset });
    const before = await rowCounts(database.db);
    const stamp = await database.db
      .selectFrom("calls")
      .select("updated_at")
      .where("id", "=", "twice")
      .executeTakeFirst();

    clock.advance(60_000);
    const again = await importDataset({ db: database.db, clock, dataset: structuredClone(dataset) });
    expect(again.status).toBe("unchanged");
    expect(await rowCounts(database.db)).toEqual(before);
    const after = await database.db
      .selectFrom("calls")
      .select("updated_at")
      .where("id", "=", "twice")
      .executeTakeFirst();
    expect(after).toEqual(stamp);
  });

  it("refuses different content for a stored call unless told to replace it, keeping its calendar", async () => {
    const first = exampleAs("walkthrough", "changed");
    await importDataset({ db: database.db, clock, dataset: first });
    await database.db
      .updateTable("calls")
      .set({ documents_deadline: "2018-05-07T14:00:00+02:00" })
      .where("id", "=", "changed")
      .execute();

    const second = structuredClone(first);
    second.students[0]!.averageGrade = 9.999;
    second.applications.pop();
    const refused = importDataset({ db: database.db, clock, dataset: second });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await exportDataset({ db: database.db, callId: "changed" })).toStrictEqual(first);

    const replaced = await importDataset({ db: database.db, clock, dataset: second, replace: true });
    expect(replaced.status).toBe("replaced");
    expect(await exportDataset({ db: database.db, callId: "changed" })).toStrictEqual(second);
    const call = await database.db
      .selectFrom("calls")
      .select("documents_deadline")
      .where("id", "=", "changed")
      .executeTakeFirstOrThrow();
    expect(call.documents_deadline?.toISOString()).toBe("2018-05-07T12:00:00.000Z");
  });

  it("audits an import and a replace in its transaction, with counts and the canonical input's hash; unchanged records nothing", async () => {
    const callId = "audited";
    const audit = () => listAudit(database.db, { callId, entityType: "call", limit: 10 });
    const first = exampleAs("walkthrough", callId);
    clock.set("2018-04-21T10:00:00+02:00");
    await importDataset({ db: database.db, clock, dataset: first, actor: { kind: "cli" } });
    const sha256 = createHash("sha256").update(canonicalJson(first)).digest("hex");
    const imported = {
      agreements: first.agreements.length,
      students: first.students.length,
      applications: first.applications.length,
      sha256,
    };
    expect(await audit()).toMatchObject([
      {
        at: "2018-04-21T08:00:00.000Z",
        actor: { userId: null, role: null, label: "cli" },
        action: "call.imported",
        entityType: "call",
        entityId: callId,
        callId,
        centre: null,
        before: null,
        after: imported,
      },
    ]);

    // The same content, keys in another order: the same canonical form, so unchanged, and not audited.
    const reordered = JSON.parse(
      JSON.stringify(first, (_key, value: unknown) =>
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    ) as Dataset;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(first));
    expect(summarizeDataset(reordered).sha256).toBe(sha256);
    const again = await importDataset({ db: database.db, clock, dataset: reordered, actor: { kind: "cli" } });
    expect(again.status).toBe("unchanged");
    expect(await audit()).toHaveLength(1);

    const second = structuredClone(first);
    second.applications.pop();
    second.students[0]!.averageGrade = 9.5;
    await importDataset({ db: database.db, clock, dataset: second, replace: true });
    const [replaced] = await audit();
    expect(replaced).toMatchObject({
      actor: { label: "system" },
      action: "call.replaced",
      before: imported,
      after: {
        agreements: second.agreements.length,
        students: second.students.length,
        applications: second.applications.length,
        sha256: summarizeDataset(second).sha256,
      },
    });
    expect(summarizeDataset(second).sha256).not.toBe(sha256);
    expect(await audit()).toHaveLength(2);
  });

  it("writes no audit record for an import that is refused", async () => {
    const dataset = exampleAs("walkthrough", "refused-audit");
    dataset.agreements[0]!.places = 2 ** 40;
    await expect(importDataset({ db: database.db, clock, dataset })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await listAudit(database.db, { callId: "refused-audit", limit: 10 })).toEqual([]);

    await importDataset({ db: database.db, clock, dataset: exampleAs("walkthrough", "refused-audit") });
    const conflicting = exampleAs("walkthrough", "refused-audit");
    conflicting.students[0]!.averageGrade = 1;
    await expect(importDataset({ db: database.db, clock, dataset: conflicting })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const records = await listAudit(database.db, { callId: "refused-audit", limit: 10 });
    expect(records.map((r) => r.action)).toEqual(["call.imported"]);
  });

  it("canonical JSON: keys sorted, no spaces, numbers and strings as JSON writes them", () => {
    expect(canonicalJson({ b: [1.5, "é\n", null, true], a: { d: 1e21, c: 0.1 }, "": -0 })).toBe(
      '{"":0,"a":{"c":0.1,"d":1e+21},"b":[1.5,"é\\n",null,true]}',
    );
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("keeps every optional field, every number exactly and every instant as written", async () => {
    const base = readDataset("walkthrough");
    const dataset: Dataset = {
      ...base,
      call: {
        ...base.call,
        id: "optional-fields",
        applicationDeadline: "2018-05-07T12:00:00.123456Z",
        maxChoices: 3,
        scoring: { ...base.call.scoring, languagePoints: { C2: 1.5, A1: 0 } },
      },
      agreements: [
        {
          id: "A-1",
          centre: "ETSII",
          partner: { name: "Nowhere", country: "DE" },
          places: 0,
          months: 4.5,
          cycles: ["doctorado", "grado"],
          subjectArea: "0713",
          languageRequirement: {
            requiredAtApplication: false,
            options: [{ language: "de", minLevel: "C1" }],
          },
        },
      ],
      students: [
        {
          ...base.students[0]!,
          id: "S-1",
          name: "",
          averageGrade: 0.1,
          creditsPassed: 12345678901234.5,
          degreeCredits: 1e-7,
          disability: false,
          disadvantaged: true,
          gender: "undisclosed",
          languageCertificates: [
            {
              certificate: "en-toeic",
              language: "en",
              results: { reading: 400, listening: 385.5 },
              verified: false,
            },
            { certificate: "en-toeic", language: "en", results: {}, level: "B1", result: 0, verified: true },
          ],
          activities: [
            { kind: "mentor-programme", positiveEvaluation: false, verified: true },
            { kind: "international-event", verified: false },
          ],
        },
        { ...base.students[1]!, id: "S-2", languageCertificates: [], activities: [] },
      ],
      applications: [
        { id: "P-2", studentId: "S-2", validatedAt: null, choices: [] },
        {
          id: "P-1",
          studentId: "nobody",
          validatedAt: "2018-05-07T14:00:00-00:00",
          choices: ["A-1", "A-1", "gone"],
        },
      ],
    };
    const { students } = dataset;
    delete students[1]!.name;
    delete students[1]!.gender;

    await importDataset({ db: database.db, clock, dataset });
    expect(await exportDataset({ db: database.db, callId: "optional-fields" })).toStrictEqual(dataset);

    const stored = await database.db
      .selectFrom("students")
      .select(["average_grade", "credits_passed", "degree_credits"])
      .where("call_id", "=", "optional-fields")
      .where("id", "=", "S-1")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      average_grade: "0.1",
      credits_passed: "12345678901234.5",
      degree_credits: "0.0000001",
    });
  });

  it("imports nothing at all when the database refuses one value", async () => {
    const dataset = exampleAs("walkthrough", "half");
    dataset.agreements[4]!.places = 2 ** 40; // a valid JSON integer, beyond PostgreSQL's integer
    const before = await rowCounts(database.db);
    await expect(importDataset({ db: database.db, clock, dataset })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it("serialises two imports of the same new call: one creates, the other finds it unchanged", async () => {
    const dataset = exampleAs("ties", "concurrent");
    const results = await Promise.all([
      importDataset({ db: database.db, clock, dataset }),
      importDataset({ db: database.db, clock, dataset }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["created", "unchanged"]);
  });

  it("says NOT_FOUND for a call that is not stored", async () => {
    await expect(exportDataset({ db: database.db, callId: "missing" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(awardCall({ db: database.db, callId: "missing" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("normalises driver values: int8 as number, numeric as exact text", async () => {
    const row = await sql<{ big: number; exact: string }>`
      SELECT 9007199254740991::int8 AS big, 0.1::numeric + 0.2::numeric AS exact`.execute(database.db);
    expect(row.rows[0]).toEqual({ big: 9007199254740991, exact: "0.3" });
  });
});
