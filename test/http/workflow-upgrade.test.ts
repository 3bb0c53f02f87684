// A substitute who holds a place they ranked lower is moved up when their better choice frees in a
// later round (deferred acceptance, SPEC 7 and 12.6): they get the better place, keeping the answer
// they gave (accepted stays accepted), and the lower place goes to its own next substitute in the
// same round. docs/decisions/0013-workflow-completion.md
process.env.TZ = "Pacific/Kiritimati";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { runAcceptanceJob } from "../../src/jobs/acceptance-job.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { loadCentresAndDegrees } from "../support/office.ts";
import { CallPhases, upgradeChain } from "../support/workflow-phases.ts";

const CALL = "upgrade";
const A = "ETSII";

describe(`upgrades in later acceptance rounds over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const { x, y, s1, s2, s3 } = upgradeChain(A);
  let call: CallPhases;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    call = await new CallPhases(base, database, clock, CALL, [A]).load();
    for (const id of [x, y]) {
      const one = await call.office.api.patch(`/api/calls/${CALL}/agreements/${id}`, { places: 1 });
      expect(one.status, await one.clone().text()).toBe(200);
    }
    await call.apply(A, [
      { studentId: s1, choices: [x] },
      { studentId: s2, choices: [x, y] },
      { studentId: s3, choices: [y] },
    ]);
    await call.at("2018-05-11T09:00:00+02:00");
    const { run } = await call.runAndPublish("provisional");
    // The engine's award, as the chain was chosen for.
    const status = (id: string) => run.outcome.results.find((r) => r.studentId === id);
    expect(status(s1)).toMatchObject({ status: "awarded", award: { agreementId: x } });
    expect(status(s2)).toMatchObject({ status: "awarded", award: { agreementId: y } });
    expect(status(s3)).toMatchObject({ status: "substitute" });
    await call.at("2018-05-23T09:00:00+02:00");
    await call.runAndPublish("definitive");
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("moves an accepted substitute up to the better place and gives the lower one to the next", async () => {
    const round1 = await call.offers();
    expect(round1.map((o) => [o.studentId, o.agreementId, o.round, o.status])).toEqual(
      expect.arrayContaining([
        [s1, x, 1, "offered"],
        [s2, y, 1, "offered"],
      ]),
    );
    expect(round1).toHaveLength(2);
    await call.at("2018-05-24T10:00:00+02:00");
    expect((await call.respond(s2, "accept")).status).toBe(200);
    expect((await call.respond(s1, "renounce")).status).toBe(200);

    const after = await call.offers();
    const shape = (o: { studentId: string; agreementId: string; round: number; status: string }) =>
      `${o.studentId} ${o.agreementId} ${o.round} ${o.status}`;
    expect(after.map(shape).sort()).toEqual(
      [
        `${s1} ${x} 1 renounced`,
        `${s2} ${y} 1 upgraded`,
        `${s2} ${x} 2 accepted`,
        `${s3} ${y} 2 offered`,
      ].sort(),
    );
    const lower = after.find((o) => o.studentId === s2 && o.round === 1)!;
    const better = after.find((o) => o.studentId === s2 && o.round === 2)!;
    const mine = await call.offers(call.student(s2));
    expect(mine.at(-1)).toMatchObject({ agreementId: x, status: "accepted" });
    // The better place is theirs: the same answer again changes nothing; s3 has the window to answer.
    const again = await call.respond(s2, "accept");
    expect(await again.json()).toMatchObject({ agreementId: x, round: 2, status: "accepted" });
    const s3Offer = after.find((o) => o.studentId === s3)!;
    expect(Date.parse(s3Offer.respondBy) - Date.parse(s3Offer.offeredAt)).toBe(3 * 24 * 60 * 60 * 1000);

    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "after"])
      .where("action", "=", "offer.upgraded")
      .execute();
    expect(audit).toEqual([
      {
        action: "offer.upgraded",
        entity_id: lower.id,
        after: { status: "upgraded", upgradedTo: better.id, agreementId: x },
      },
    ]);
    const told = await database.db
      .selectFrom("outbox")
      .select(["student_id", "payload"])
      .where("kind", "=", "offer.made")
      .orderBy("created_at")
      .execute();
    expect(told.map((m) => m.student_id).sort()).toEqual([s1, s2, s2, s3].sort());
    // The student moved up is told which place they now hold, and which they left.
    expect(
      told.find((m) => m.student_id === s2 && (m.payload as { round: number }).round === 2),
    ).toMatchObject({
      payload: { agreementId: x, status: "accepted", upgradedFrom: y },
    });
    // Nothing more to do: the job finds the round settled.
    expect(await runAcceptanceJob({ db: database.db, clock })).toMatchObject({ offered: 0, lapsed: 0 });
  });
});
