// Agreements of a call on a real database: the spreadsheet import (idempotent, refused whole with
// every bad row named, a coordinator's rows only), edits, deletion only while unchosen, and reads
// that never reach another centre's agreements, by list, filter, search or id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import { AppError } from "../../src/errors.ts";
import { createAgreement } from "../../src/use-cases/create-agreement.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { deleteAgreement } from "../../src/use-cases/delete-agreement.ts";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { getAgreement } from "../../src/use-cases/get-agreement.ts";
import { importAgreements } from "../../src/use-cases/import-agreements.ts";
import { listAgreements } from "../../src/use-cases/list-agreements.ts";
import { updateAgreement } from "../../src/use-cases/update-agreement.ts";
import { createTestDatabase, rowCounts, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import {
  AGREEMENTS_HEADER,
  actorOf,
  agreementRow,
  agreementsCsv,
  callInput,
  demo,
  loadCentresAndDegrees,
} from "../support/office.ts";

const clock = new TestClock("2018-04-02T09:00:00+02:00");
const office = actorOf("office");
const coordinatorA = actorOf("coordinator", { centre: "ETSII" });
const coordinatorB = actorOf("coordinator", { centre: "ETSIT" });
const studentA = actorOf("student", { centre: "ETSII", studentId: "S0001" });
const page = { limit: 1000, offset: 0 };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const agreementsOf = (centre: string) => demo.dataset.agreements.filter((a) => a.centre === centre);

describe(`agreements of a call on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    for (const id of ["a-import", "a-bad", "a-scope", "a-edit"])
      await createCall({ db: database.db, clock, actor: office, input: callInput(id) });
  });
  afterAll(() => database?.dispose());
  const db = () => database.db;

  it("imports ~100 agreements; the same file again changes nothing; a changed row is one update", async () => {
    const csv = agreementsCsv(demo.dataset.agreements);
    const started = performance.now();
    const first = await importAgreements({ db: db(), clock, actor: office, callId: "a-import", csv });
    const ms = performance.now() - started;
    expect(first).toEqual({ created: demo.dataset.agreements.length, updated: 0, unchanged: 0 });
    console.info(
      `import of ${demo.dataset.agreements.length} agreements on ${database.kind}: ${ms.toFixed(0)} ms`,
    );

    // What was imported is what the dataset of the call holds, in the file's order.
    expect((await exportDataset({ db: db(), callId: "a-import" })).agreements).toEqual(
      demo.dataset.agreements,
    );

    const counts = await rowCounts(db());
    clock.advance(60_000);
    const againStarted = performance.now();
    const again = await importAgreements({ db: db(), clock, actor: office, callId: "a-import", csv });
    console.info(`same file again on ${database.kind}: ${(performance.now() - againStarted).toFixed(0)} ms`);
    expect(again).toEqual({ created: 0, updated: 0, unchanged: demo.dataset.agreements.length });
    expect(await rowCounts(db())).toEqual(counts);

    const [first0, ...rest] = demo.dataset.agreements;
    const changed = { ...first0!, places: first0!.places + 1 };
    const third = await importAgreements({
      db: db(),
      clock,
      actor: office,
      callId: "a-import",
      csv: agreementsCsv([changed, ...rest]),
    });
    expect(third).toEqual({ created: 0, updated: 1, unchanged: rest.length });
    const [audit] = await listAudit(db(), { entityType: "agreement", entityId: changed.id, limit: 1 });
    expect(audit).toMatchObject({
      action: "agreement.updated",
      before: { agreement: { places: first0!.places } },
      after: { agreement: { places: changed.places }, nominationDeadline: "2018-06-30" },
    });
  });

  it("refuses a file with bad rows as a whole, naming every bad row and column; nothing is imported", async () => {
    const good = agreementsOf("ETSII").slice(0, 3);
    const csv = agreementsCsv(good, [
      "X-1,ETSII,Uni X,,DE,many,5,grado,,,,", // places not a number
      "X-2,NOPE,Uni Y,,DE,1,5,grado,,,,", // unknown centre
      "X-3,ETSII,Uni Z,,DE,100000,5,grado,,,,", // absurd places
      "X-4,ETSII,Uni \u0000,,DE,1,5,grado,,,,", // a NUL byte
      `${good[0]!.id},ETSII,Dup,,DE,1,5,grado,,,,`, // the same id as row 2
      "X/5,ETSII,Uni W,,DE,1,5,grado,,xx:B9,,2018-02-30", // a bad id, language and date
    ]);
    const before = await rowCounts(db());
    const error = await refusal(importAgreements({ db: db(), clock, actor: office, callId: "a-bad", csv }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("6 rows");
    expect(error.issues.map((i) => `${i.path} ${i.message.split(":")[0]}`)).toEqual([
      "csv/5/places NOT_AN_INTEGER",
      "csv/6/centre UNKNOWN_CENTRE",
      "csv/7/places OUT_OF_RANGE",
      "csv/8/partnerName CONTROL_CHARACTER",
      "csv/9/id DUPLICATE_ID",
      "csv/10/languages UNKNOWN_VALUE",
      "csv/10/nominationDeadline UNKNOWN_VALUE",
      "csv/10/id INVALID_CODE",
    ]);
    expect(await rowCounts(db())).toEqual(before);
  });

  it("names a header that lacks a column or has an unknown one, and an empty file", async () => {
    const missing = await refusal(
      importAgreements({
        db: db(),
        clock,
        actor: office,
        callId: "a-bad",
        csv: "id,centre,plazas\nX,ETSII,1",
      }),
    );
    expect(missing.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["csv/1/plazas", "csv/1/partnerName"]),
    );
    const empty = await refusal(
      importAgreements({ db: db(), clock, actor: office, callId: "a-bad", csv: "" }),
    );
    expect(empty.issues).toEqual([{ path: "csv/1", message: "EMPTY: the file has no rows" }]);
    expect(
      (
        await refusal(
          importAgreements({ db: db(), clock, actor: office, callId: "nope", csv: AGREEMENTS_HEADER }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("lets a coordinator import only their centre's rows, naming every other one", async () => {
    const own = agreementsOf("ETSII");
    expect(
      await importAgreements({
        db: db(),
        clock,
        actor: coordinatorA,
        callId: "a-scope",
        csv: agreementsCsv(own),
      }),
    ).toEqual({ created: own.length, updated: 0, unchanged: 0 });
    const other = agreementsOf("ETSIT");
    await importAgreements({
      db: db(),
      clock,
      actor: coordinatorB,
      callId: "a-scope",
      csv: agreementsCsv(other),
    });

    // Coordinator A: a row of B's centre, a row taking over B's agreement, and a bad number.
    const before = await rowCounts(db());
    const csv = agreementsCsv(own.slice(0, 1), [
      agreementRow(other[0]!),
      agreementRow({ ...other[1]!, centre: "ETSII" }),
      agreementRow({ ...own[1]!, id: "ETSII-NEW" })
        .replace(",5,", ",five,")
        .replace(",9,", ",nine,"),
    ]);
    const error = await refusal(
      importAgreements({ db: db(), clock, actor: coordinatorA, callId: "a-scope", csv }),
    );
    expect(error.issues.map((i) => `${i.path} ${i.message.split(":")[0]}`)).toEqual([
      "csv/3/centre NOT_YOUR_CENTRE",
      "csv/3/id NOT_YOUR_CENTRE",
      "csv/4/id NOT_YOUR_CENTRE",
      "csv/5/months NOT_A_NUMBER",
    ]);
    expect(await rowCounts(db())).toEqual(before);
    // The student of centre A: no imports at all.
    expect(
      (
        await refusal(
          importAgreements({ db: db(), clock, actor: studentA, callId: "a-scope", csv: agreementsCsv(own) }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("lists, filters and searches within the reader's scope only; another centre's id reads as absent", async () => {
    const list = (actor: typeof office, query: Record<string, string> = {}) =>
      listAgreements({ db: db(), actor, callId: "a-scope", query: { ...page, ...query } });
    const a = agreementsOf("ETSII").length;
    const b = agreementsOf("ETSIT").length;
    expect((await list(office)).total).toBe(a + b);
    expect((await list(office, { centre: "ETSIT" })).total).toBe(b);
    expect((await list(coordinatorA)).items.every((s) => s.agreement.centre === "ETSII")).toBe(true);
    expect((await list(coordinatorA)).total).toBe(a);
    // A filter or a search for the other centre finds nothing, exactly like a centre without agreements.
    expect(await list(coordinatorA, { centre: "ETSIT" })).toEqual({ items: [], total: 0 });
    const partnerOfB = agreementsOf("ETSIT").find(
      (x) => !agreementsOf("ETSII").some((y) => y.partner.name === x.partner.name),
    )!.partner.name;
    expect(await list(coordinatorA, { q: partnerOfB })).toEqual({ items: [], total: 0 });
    expect((await list(office, { q: partnerOfB })).total).toBeGreaterThan(0);
    expect((await list(studentA)).total).toBe(a);
    expect((await list(studentA, { q: "ETSIT" })).total).toBe(0);
    // Search is literal: % and _ match themselves.
    expect((await list(office, { q: "%" })).total).toBe(0);

    const idOfB = agreementsOf("ETSIT")[0]!.id;
    for (const actor of [coordinatorA, studentA]) {
      expect(
        (await refusal(getAgreement({ db: db(), actor, callId: "a-scope", agreementId: idOfB }))).code,
      ).toBe("NOT_FOUND");
    }
    expect(
      (await getAgreement({ db: db(), actor: coordinatorB, callId: "a-scope", agreementId: idOfB })).agreement
        .id,
    ).toBe(idOfB);
    expect(
      (await refusal(getAgreement({ db: db(), actor: office, callId: "a-scope", agreementId: "nope" }))).code,
    ).toBe("NOT_FOUND");
  });

  it("creates, edits and deletes one agreement; deletion refused while an application names it", async () => {
    const base = { db: db(), clock, callId: "a-edit" };
    const input = {
      id: "ETSII-D-STUTTGA01",
      centre: "ETSII",
      partner: { name: "Universität Stuttgart", country: "DE", erasmusCode: "D STUTTGA01" },
      places: 2,
      months: 5,
      cycles: ["grado" as const],
      languageRequirement: {
        requiredAtApplication: false,
        options: [{ language: "de", minLevel: "B1" as const }],
      },
    };
    const created = await createAgreement({ ...base, actor: coordinatorA, input });
    expect(created).toEqual({ agreement: input, nominationDeadline: null });
    expect((await refusal(createAgreement({ ...base, actor: office, input }))).code).toBe("CONFLICT");
    expect(
      (await refusal(createAgreement({ ...base, actor: coordinatorB, input: { ...input, id: "other" } })))
        .code,
    ).toBe("FORBIDDEN");

    const edited = await updateAgreement({
      ...base,
      actor: coordinatorA,
      agreementId: input.id,
      edit: {
        places: 3,
        cycles: ["grado", "master"],
        languageRequirement: { requiredAtApplication: true, options: [{ language: "en", minLevel: "B2" }] },
        nominationDeadline: "2018-06-15",
      },
    });
    expect(edited).toEqual({
      agreement: {
        ...input,
        places: 3,
        cycles: ["grado", "master"],
        languageRequirement: { requiredAtApplication: true, options: [{ language: "en", minLevel: "B2" }] },
      },
      nominationDeadline: "2018-06-15",
    });
    const cleared = await updateAgreement({
      ...base,
      actor: office,
      agreementId: input.id,
      edit: { languageRequirement: null, nominationDeadline: null },
    });
    expect(cleared.agreement.languageRequirement).toBeUndefined();
    expect(cleared.nominationDeadline).toBeNull();
    // Another centre's coordinator: as if it did not exist. Its own coordinator may not give it away.
    expect(
      (
        await refusal(
          updateAgreement({ ...base, actor: coordinatorB, agreementId: input.id, edit: { places: 9 } }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          updateAgreement({ ...base, actor: coordinatorA, agreementId: input.id, edit: { centre: "ETSIT" } }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    // An application names it: deletion is a conflict until it does not.
    await db()
      .insertInto("applications")
      .values({ call_id: "a-edit", id: "APP1", position: 0, student_id: "S0001", validated_at: null })
      .execute();
    await db()
      .insertInto("application_choices")
      .values({ call_id: "a-edit", application_id: "APP1", position: 0, agreement_id: input.id })
      .execute();
    const conflict = await refusal(deleteAgreement({ ...base, actor: coordinatorA, agreementId: input.id }));
    expect(conflict.code).toBe("CONFLICT");
    await db().deleteFrom("applications").where("call_id", "=", "a-edit").execute();
    expect(
      (await refusal(deleteAgreement({ ...base, actor: coordinatorB, agreementId: input.id }))).code,
    ).toBe("NOT_FOUND");
    await deleteAgreement({ ...base, actor: coordinatorA, agreementId: input.id });
    expect((await refusal(getAgreement({ ...base, actor: office, agreementId: input.id }))).code).toBe(
      "NOT_FOUND",
    );

    const actions = (
      await listAudit(db(), { callId: "a-edit", entityType: "agreement", entityId: input.id, limit: 10 })
    ).map((r) => r.action);
    expect(actions).toEqual([
      "agreement.deleted",
      "agreement.updated",
      "agreement.updated",
      "agreement.created",
    ]);
  });
});
