// A renunciation in the claims window changes what follows (SPEC 4, 7): the student is out of the
// engine's data for every later run, the run published before is stale, the definitive list no
// longer shows them and the engine gives their place to the next in line, who is offered it in
// round 1; the one who renounced is offered nothing. Their application and receipt stay as
// submitted. docs/decisions/0013-workflow-completion.md
process.env.TZ = "America/Los_Angeles";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { loadCentresAndDegrees } from "../support/office.ts";
import { reasonOf } from "../support/workflow.ts";
import { CallPhases, contested, type RunView } from "../support/workflow-phases.ts";

const CALL = "renounce";
const A = "ETSII";

interface PublicList {
  id: string;
  entries: { maskedId: string; status: string; destination: { agreementId: string } | null }[];
}

describe(`a renunciation in the claims window over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const { agreementId, students } = contested(A, 3);
  let call: CallPhases;
  let provisional: { run: RunView; list: { id: string } };
  let first = "";
  let next = "";
  const masked = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    call = await new CallPhases(base, database, clock, CALL, [A]).load();
    await call.apply(
      A,
      students.map((studentId) => ({ studentId, choices: [agreementId] })),
    );
    await call.at("2018-05-11T09:00:00+02:00");
    provisional = await call.runAndPublish("provisional");
    const { results, agreements } = provisional.run.outcome;
    first = results.find((r) => r.status === "awarded")!.studentId;
    const appOf = new Map(results.map((r) => [r.applicationId, r.studentId]));
    next = appOf.get(agreements.find((a) => a.agreementId === agreementId)!.substitutes[0]!)!;
    for (const id of students) {
      const own = await call
        .student(id)
        .api.get(`/api/calls/${CALL}/lists/${provisional.list.id}/students/${id}`);
      expect(own.status).toBe(200);
      masked.set(id, ((await own.json()) as { maskedId: string }).maskedId);
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("leaves the student out of later runs, and their place goes to the next", async () => {
    await call.at("2018-05-15T10:00:00+02:00");
    const renounced = await call.student(first).api.post(`/api/calls/${CALL}/students/${first}/renunciation`);
    expect(renounced.status).toBe(201);
    // The run the provisional list came from no longer matches the data.
    await call.at("2018-05-23T09:00:00+02:00");
    const stale = await call.publish("definitive", provisional.run.id);
    expect(stale.status).toBe(409);
    expect(await reasonOf(stale)).toBe("STALE_RUN");

    const run = await call.run();
    expect(run.outcome.results.map((r) => r.studentId)).not.toContain(first);
    expect(run.outcome.results.find((r) => r.studentId === next)).toMatchObject({
      status: "awarded",
      award: { agreementId },
    });
    const changes = await call
      .coordinator()
      .api.get(`/api/calls/${CALL}/award-runs/${run.id}/changes?from=${provisional.run.id}`);
    const moved = ((await changes.json()) as { changes: { studentId: string; status?: unknown }[] }).changes;
    expect(moved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ studentId: first, status: { from: "awarded", to: null } }),
        expect.objectContaining({ studentId: next, status: { from: "substitute", to: "awarded" } }),
      ]),
    );

    const published = await call.publish("definitive", run.id);
    expect(published.status).toBe(201);
    const list = (await (
      await fetch(`${base}/api/calls/${CALL}/lists/${((await published.json()) as { id: string }).id}`)
    ).json()) as PublicList;
    expect(list.entries.map((e) => e.maskedId)).not.toContain(masked.get(first));
    expect(list.entries).toHaveLength(students.length - 1);
    expect(list.entries.find((e) => e.maskedId === masked.get(next))).toMatchObject({
      status: "awarded",
      destination: { agreementId },
    });
  });

  it("offers the place to the next in round 1 and nothing to the one who renounced", async () => {
    const offers = await call.offers();
    expect(offers.map((o) => [o.studentId, o.round, o.status])).toEqual([[next, 1, "offered"]]);
    const refused = await call.respond(first, "accept");
    expect(refused.status).toBe(409);
    expect(await reasonOf(refused)).toBe("RENOUNCED");
    // The application and its receipt stay what was submitted.
    const application = await call.student(first).api.get(`/api/calls/${CALL}/students/${first}/application`);
    expect(await application.json()).toMatchObject({ choices: [agreementId] });
    const receipt = await call
      .student(first)
      .api.get(`/api/calls/${CALL}/students/${first}/application/receipt`);
    expect(receipt.status).toBe(200);
  });
});
