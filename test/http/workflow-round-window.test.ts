// The window of each further acceptance round is a setting of the call (was 3 days in code):
// validated (whole days, at least 1), 3 by default, editable by the office and audited, and used by
// the rounds: a substitute reached in round 2 has exactly that many days to answer; a call with no
// acceptance deadline gives round 1 the same window from the definitive list.
// docs/decisions/0013-workflow-completion.md
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { callInput, loadCentresAndDegrees } from "../support/office.ts";
import { CallPhases, contested } from "../support/workflow-phases.ts";

const A = "ETSII";
const DAY = 24 * 60 * 60 * 1000;

describe(`the acceptance round window as a call setting over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const { agreementId, students } = contested(A, 2);
  let call: CallPhases;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    call = await new CallPhases(base, database, clock, "window", [A]).load();
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("is validated, 3 days by default, and edited by the office with an audit row", async () => {
    for (const bad of [0, 1.5, 61, "3"]) {
      const refused = await call.office.api.post("/api/calls", {
        ...callInput("bad"),
        acceptanceRoundDays: bad,
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        error: { code: "VALIDATION_FAILED", issues: [{ path: "body/acceptanceRoundDays" }] },
      });
    }
    const seven = await call.office.api.post("/api/calls", { ...callInput("seven"), acceptanceRoundDays: 7 });
    expect(seven.status).toBe(201);
    expect(await seven.json()).toMatchObject({ acceptanceRoundDays: 7 });
    const shown = await call.office.api.get("/api/calls/window");
    expect(await shown.json()).toMatchObject({ acceptanceRoundDays: 3 });
    expect((await call.office.api.patch("/api/calls/window", { acceptanceRoundDays: 0 })).status).toBe(400);
    const edited = await call.office.api.patch("/api/calls/window", { acceptanceRoundDays: 5 });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ acceptanceRoundDays: 5 });
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity_type", "=", "call")
      .where("entity_id", "=", "window")
      .where("action", "=", "call.updated")
      .execute();
    expect(audit).toEqual([
      { action: "call.updated", before: { acceptanceRoundDays: 3 }, after: { acceptanceRoundDays: 5 } },
    ]);
  });

  it("gives a substitute reached in a further round the call's window", async () => {
    await call.apply(
      A,
      students.map((studentId) => ({ studentId, choices: [agreementId] })),
    );
    await call.at("2018-05-11T09:00:00+02:00");
    const { run } = await call.runAndPublish("provisional");
    const awarded = run.outcome.results.find((r) => r.status === "awarded")!.studentId;
    const substitute = students.find((s) => s !== awarded)!;
    await call.at("2018-05-23T09:00:00+02:00");
    await call.runAndPublish("definitive");
    await call.at("2018-05-24T10:30:00+02:00");
    const renounced = await call.respond(awarded, "renounce");
    expect(renounced.status).toBe(200);
    const [offer] = await call.offers(call.student(substitute));
    expect(offer).toMatchObject({ round: 2, status: "offered", offeredAt: "2018-05-24T08:30:00.000Z" });
    expect(Date.parse(offer!.respondBy) - Date.parse(offer!.offeredAt)).toBe(5 * DAY);
    // Still open at the last instant of the window, closed after it.
    await call.at("2018-05-29T10:30:00+02:00");
    expect((await call.offers(call.student(substitute)))[0]).toMatchObject({ status: "offered" });
    await call.at("2018-05-29T10:30:00.001+02:00");
    expect((await call.offers(call.student(substitute)))[0]).toMatchObject({ status: "lapsed" });
  });

  it("gives round 1 the same window from the definitive list when the call has no acceptance deadline", async () => {
    const loose = await new CallPhases(base, database, clock, "loose", [A]).load();
    await loose.at("2018-04-24T10:00:00+02:00");
    expect(
      (
        await loose.office.api.patch("/api/calls/loose", {
          acceptanceRoundDays: 2,
          calendar: { acceptanceDeadline: null },
        })
      ).status,
    ).toBe(200);
    const [first] = students;
    loose.students.set(first!, call.student(first!));
    await loose.apply(A, [{ studentId: first!, choices: [agreementId] }]);
    await loose.at("2018-05-11T09:00:00+02:00");
    await loose.runAndPublish("provisional");
    await loose.at("2018-05-23T09:00:00+02:00");
    await loose.runAndPublish("definitive");
    const [offer] = await loose.offers();
    expect(offer).toMatchObject({ round: 1, studentId: first, respondBy: "2018-05-25T07:00:00.000Z" });
  });
});
