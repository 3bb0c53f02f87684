// Calls, their calendar and per-centre rules, centres and degrees: the use cases on a real
// database. Every write is audited (before → after), an edit that changes nothing writes nothing,
// and what contradicts itself is refused with every field named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import { AppError } from "../../src/errors.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { createCentre } from "../../src/use-cases/create-centre.ts";
import { createDegree } from "../../src/use-cases/create-degree.ts";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { getCall } from "../../src/use-cases/get-call.ts";
import { listCalls } from "../../src/use-cases/list-calls.ts";
import { listCentreRules } from "../../src/use-cases/list-centre-rules.ts";
import { listDegrees } from "../../src/use-cases/list-degrees.ts";
import { removeCentreRules } from "../../src/use-cases/remove-centre-rules.ts";
import { setCentreRules } from "../../src/use-cases/set-centre-rules.ts";
import { updateCall } from "../../src/use-cases/update-call.ts";
import { updateCentre } from "../../src/use-cases/update-centre.ts";
import { updateDegree } from "../../src/use-cases/update-degree.ts";
import { createTestDatabase, rowCounts, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { actorOf, callInput, loadCentresAndDegrees } from "../support/office.ts";

const clock = new TestClock("2018-04-02T09:00:00+02:00");
const office = actorOf("office");
const coordinatorA = actorOf("coordinator", { centre: "ETSII" });
const coordinatorB = actorOf("coordinator", { centre: "ETSIT" });
const student = actorOf("student", { centre: "ETSII", studentId: "S0001" });

/** The AppError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe(`calls, centre rules, centres and degrees on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
  });
  afterAll(() => database?.dispose());
  const db = () => database.db;

  it("creates a call with its settings and calendar, audited, and reads it back", async () => {
    const stored = await createCall({ db: db(), clock, actor: office, input: callInput("c-create") });
    expect(stored.round).toBe(2);
    expect(stored.calendar).toEqual({
      applicationOpensAt: "2018-04-22T22:00:00.000Z",
      applicationDeadline: "2018-05-07T12:00:00.000Z",
      documentsDeadline: "2018-05-07T12:00:00.000Z",
      levelTestAt: "2018-05-04T07:30:00.000Z",
      provisionalListAt: "2018-05-11T07:00:00.000Z",
      claimsOpenAt: "2018-05-11T22:00:00.000Z",
      claimsCloseAt: "2018-05-22T21:59:59.000Z",
      definitiveListAt: "2018-05-23T07:00:00.000Z",
      acceptanceDeadline: "2018-05-25T21:59:59.000Z",
    });
    expect(await getCall({ db: db(), actor: { kind: "public" }, callId: "c-create" })).toEqual(stored);
    expect((await listCalls({ db: db(), actor: { kind: "public" } })).map((c) => c.call.id)).toContain(
      "c-create",
    );
    const [audit] = await listAudit(db(), { entityType: "call", entityId: "c-create", limit: 5 });
    expect(audit).toMatchObject({ action: "call.created", actor: { role: "office" }, callId: "c-create" });
    // The dataset view of the call gives the deadline back as written.
    const dataset = await exportDataset({ db: db(), callId: "c-create" });
    expect(dataset.call.applicationDeadline).toBe("2018-05-07T14:00:00+02:00");
  });

  it("refuses a second call with the same id (CONFLICT) and the people who may not create calls", async () => {
    await createCall({ db: db(), clock, actor: office, input: callInput("c-twice") });
    expect(
      (await refusal(createCall({ db: db(), clock, actor: office, input: callInput("c-twice") }))).code,
    ).toBe("CONFLICT");
    for (const actor of [coordinatorA, student]) {
      const error = await refusal(createCall({ db: db(), clock, actor, input: callInput("c-nope") }));
      expect(error.code).toBe("FORBIDDEN");
    }
    expect(
      (await refusal(createCall({ db: db(), clock, actor: { kind: "public" }, input: callInput() }))).code,
    ).toBe("UNAUTHENTICATED");
  });

  it("refuses a calendar out of order, naming every date that comes too early", async () => {
    const input = callInput("c-order");
    input.calendar.claimsCloseAt = "2018-05-12T00:00:00+02:00"; // = claims open: an empty window
    input.calendar.definitiveListAt = "2018-05-10T09:00:00+02:00"; // before the provisional list
    input.calendar.applicationOpensAt = "2018-05-08T00:00:00+02:00"; // after the deadline
    const error = await refusal(createCall({ db: db(), clock, actor: office, input }));
    expect(error.code).toBe("VALIDATION_FAILED");
    // The opening moved past the deadline, the documents deadline and the level test.
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      "body/calendar/applicationDeadline",
      "body/calendar/claimsCloseAt",
      "body/calendar/definitiveListAt",
      "body/calendar/documentsDeadline",
      "body/calendar/levelTestAt",
    ]);
    const claims = error.issues.find((i) => i.path === "body/calendar/claimsCloseAt");
    expect(claims?.message).toContain("must be after claimsOpenAt");
    expect(await getCall({ db: db(), actor: office, callId: "c-order" }).catch((e: AppError) => e.code)).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses settings that contradict each other, each by its field", async () => {
    const input = callInput("c-insane");
    input.duration = { minMonths: 10, maxMonths: 8 };
    input.scoring.languagePoints = { B1: 1, B2: 0.5 };
    input.funding.groups[1]!.countries.push("DK"); // DK is in group 1 already
    input.academicYear = "2018/2020";
    const error = await refusal(createCall({ db: db(), clock, actor: office, input }));
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      "body/academicYear",
      "body/duration/minMonths",
      "body/funding/groups/1/countries/11",
      "body/scoring/languagePoints/B2",
    ]);
  });

  it("edits the calendar: audited with only what changed, before → after; the same edit again writes nothing", async () => {
    await createCall({ db: db(), clock, actor: office, input: callInput("c-edit") });
    clock.advance(60_000);
    const edited = await updateCall({
      db: db(),
      clock,
      actor: office,
      callId: "c-edit",
      edit: { calendar: { claimsCloseAt: "2018-05-21T23:59:59+02:00" }, round: 3 },
    });
    expect(edited.calendar.claimsCloseAt).toBe("2018-05-21T21:59:59.000Z");
    expect(edited.round).toBe(3);
    const [record] = await listAudit(db(), { entityType: "call", entityId: "c-edit", limit: 1 });
    expect(record).toMatchObject({
      action: "call.calendar-updated",
      before: { round: 2, calendar: { claimsCloseAt: "2018-05-22T21:59:59.000Z" } },
      after: { round: 3, calendar: { claimsCloseAt: "2018-05-21T23:59:59+02:00" } },
    });

    const before = await rowCounts(db());
    clock.advance(60_000);
    // The same instants, written another way: nothing changes.
    const again = await updateCall({
      db: db(),
      clock,
      actor: office,
      callId: "c-edit",
      edit: {
        calendar: { claimsCloseAt: "2018-05-21T21:59:59Z", applicationDeadline: "2018-05-07T12:00:00Z" },
      },
    });
    expect(again.updatedAt).toEqual(edited.updatedAt);
    expect(await rowCounts(db())).toEqual(before);
    // The deadline keeps its spelling for the dataset.
    expect((await exportDataset({ db: db(), callId: "c-edit" })).call.applicationDeadline).toBe(
      "2018-05-07T14:00:00+02:00",
    );
  });

  it("edits settings field by field, clears a date with null, and refuses an edit that breaks the order", async () => {
    await createCall({ db: db(), clock, actor: office, input: callInput("c-settings") });
    const edited = await updateCall({
      db: db(),
      clock,
      actor: office,
      callId: "c-settings",
      edit: { scoring: { activityBonus: 0.5 }, calendar: { levelTestAt: null }, maxChoices: null },
    });
    expect(edited.call.scoring).toEqual({ ...callInput().scoring, activityBonus: 0.5 });
    expect(edited.calendar.levelTestAt).toBeNull();
    expect(edited.call.maxChoices).toBeUndefined();

    const error = await refusal(
      updateCall({
        db: db(),
        clock,
        actor: office,
        callId: "c-settings",
        edit: { calendar: { provisionalListAt: "2018-05-06T09:00:00+02:00" } },
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(["body/calendar/provisionalListAt"]);
    expect(error.issues[0]?.message).toContain("applicationDeadline");
    expect(
      (await refusal(updateCall({ db: db(), clock, actor: office, callId: "nope", edit: {} }))).code,
    ).toBe("NOT_FOUND");
  });

  it("per-centre rules: the office for any centre, a coordinator for their own only; audited; kept sane", async () => {
    await createCall({ db: db(), clock, actor: office, input: callInput("c-rules") });
    const base = { db: db(), clock, callId: "c-rules" };
    const set = await setCentreRules({
      ...base,
      actor: coordinatorA,
      centre: "ETSII",
      rules: { scoring: { languageScope: "destination" }, duration: { minMonths: 4 } },
    });
    expect(set.rules).toEqual({ scoring: { languageScope: "destination" }, duration: { minMonths: 4 } });
    await setCentreRules({ ...base, actor: office, centre: "ETSIT", rules: { maxChoices: 3 } });
    expect(
      (await refusal(setCentreRules({ ...base, actor: coordinatorB, centre: "ETSII", rules: {} }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await refusal(setCentreRules({ ...base, actor: student, centre: "ETSII", rules: {} }))).code,
    ).toBe("FORBIDDEN");
    const insane = await refusal(
      setCentreRules({
        ...base,
        actor: coordinatorA,
        centre: "ETSII",
        rules: { duration: { minMonths: 13 } },
      }),
    );
    expect(insane.issues.map((i) => i.path)).toEqual(["body/duration/minMonths"]);
    expect((await refusal(setCentreRules({ ...base, actor: office, centre: "NOPE", rules: {} }))).code).toBe(
      "NOT_FOUND",
    );

    const rules = await listCentreRules({ db: db(), actor: { kind: "public" }, callId: "c-rules" });
    expect(rules.map((r) => r.centre)).toEqual(["ETSII", "ETSIT"]);

    // The call may not move under a centre's rules so that they contradict it.
    const broken = await refusal(
      updateCall({
        ...base,
        actor: office,
        edit: { duration: { maxMonths: 3 }, funding: { maxFundedMonths: 3 } },
      }),
    );
    expect(broken.issues.map((i) => i.path)).toEqual(["body/centreRules/ETSII/duration/minMonths"]);

    await removeCentreRules({ ...base, actor: coordinatorA, centre: "ETSII" });
    expect((await refusal(removeCentreRules({ ...base, actor: coordinatorA, centre: "ETSII" }))).code).toBe(
      "NOT_FOUND",
    );
    const actions = (await listAudit(db(), { entityType: "centre-rules", callId: "c-rules", limit: 10 })).map(
      (r) => r.action,
    );
    expect(actions).toEqual(["centre-rules.removed", "centre-rules.set", "centre-rules.set"]);
  });

  it("centres and degrees: the office creates and renames, audited; names in Spanish and English", async () => {
    const centre = await createCentre({
      db: db(),
      clock,
      actor: office,
      input: { code: "EINDOC", name: "Escuela Internacional de Doctorado", nameEn: null },
    });
    expect(centre).toEqual({ code: "EINDOC", name: "Escuela Internacional de Doctorado", nameEn: null });
    const renamed = await updateCentre({
      db: db(),
      clock,
      actor: office,
      code: "EINDOC",
      edit: { nameEn: "International Doctoral School" },
    });
    expect(renamed.nameEn).toBe("International Doctoral School");
    expect(
      (
        await refusal(
          createCentre({
            db: db(),
            clock,
            actor: office,
            input: { code: "EINDOC", name: "Otra", nameEn: null },
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(
      (
        await refusal(
          updateCentre({ db: db(), clock, actor: coordinatorA, code: "ETSII", edit: { name: "X" } }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    const degree = await createDegree({
      db: db(),
      clock,
      actor: office,
      input: {
        code: "DOC-TIC",
        centre: "EINDOC",
        name: "Doctorado en TIC",
        cycle: "doctorado",
        credits: 180,
      },
    });
    expect(degree.nameEn).toBeNull();
    await updateDegree({ db: db(), clock, actor: office, code: "DOC-TIC", edit: { credits: 240 } });
    expect(await listDegrees({ db: db(), actor: { kind: "public" }, centre: "EINDOC" })).toEqual([
      { ...degree, credits: 240 },
    ]);
    const unknown = await refusal(
      createDegree({
        db: db(),
        clock,
        actor: office,
        input: { code: "X", centre: "NOPE", name: "X", cycle: "grado", credits: 240 },
      }),
    );
    expect(unknown.issues.map((i) => i.path)).toEqual(["body/centre"]);
    const actions = (await listAudit(db(), { entityId: "EINDOC", limit: 5 })).map((r) => r.action);
    expect(actions).toEqual(["centre.updated", "centre.created"]);
    expect((await listAudit(db(), { entityId: "DOC-TIC", limit: 5 })).map((r) => r.action)).toEqual([
      "degree.updated",
      "degree.created",
    ]);
  });
});
