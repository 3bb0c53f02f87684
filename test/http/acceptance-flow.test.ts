// A whole call from validation to acceptance over real HTTP (issue 4, second half): the definitive
// list opens round 1; silence past the deadline becomes renunciation by the scheduled job (run twice,
// and after a restart it catches up); the freed place goes to the next substitute in a further round
// with its own window; a renunciation after the partner's nomination deadline records a penalty that
// shows in a later call; an award is firm once the partner accepted the student and the enrolment is
// recorded. Answers outside their window and another student's answer are refused.
process.env.TZ = "Pacific/Kiritimati";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { runAcceptanceJob, startAcceptanceJob } from "../../src/jobs/acceptance-job.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { demo, loadCentresAndDegrees } from "../support/office.ts";
import { eligibleStudents, loadCall, type Person, person, reasonOf } from "../support/workflow.ts";

const CALL = "accept";
const A = "ETSII";
const B = "ETSIT";

/** A destination of one place that at least three students could get, and those students. */
function contested() {
  const candidates = eligibleStudents(A, 1);
  for (const agreement of demo.dataset.agreements.filter((a) => a.centre === A && a.places === 1)) {
    const who = candidates.filter((c) => c.eligible.includes(agreement.id));
    if (who.length >= 3)
      return { agreementId: agreement.id, students: who.slice(0, 3).map((w) => w.student.id) };
  }
  throw new Error("no contested destination in the demo");
}

interface Offer {
  id: string;
  studentId: string;
  agreementId: string;
  round: number;
  status: string;
  respondBy: string;
  firm: boolean;
}

describe(`acceptance and further rounds over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const { agreementId, students: ids } = contested();
  const people = new Map<string, Person>();
  let office: Person;
  let coordinatorA: Person;
  let coordinatorB: Person;
  const everyone = () => [office, coordinatorA, coordinatorB, ...people.values()];
  const at = async (instant: string) => {
    clock.set(instant);
    for (const p of everyone()) {
      (p as unknown as { base: string }).base = base;
      await p.signIn();
    }
  };
  const offersOf = async (who: Person): Promise<Offer[]> => {
    const response = await who.api.get(`/api/calls/${CALL}/offers`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Offer[] }).items;
  };
  const respond = (studentId: string, decision: string, as = people.get(studentId)!) =>
    as.api.post(`/api/calls/${CALL}/students/${studentId}/offer/response`, { decision });
  let awarded = "";
  let substitutes: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    office = await person(base, database, { role: "office" });
    coordinatorA = await person(base, database, { role: "coordinator", centre: A });
    coordinatorB = await person(base, database, { role: "coordinator", centre: B });
    await loadCall(office.api, CALL, [A, B]);
    await database.db
      .updateTable("agreements")
      .set({ partner_nomination_deadline: "2018-05-27" })
      .where("call_id", "=", CALL)
      .where("id", "=", agreementId)
      .execute();
    for (const id of ids) {
      const p = await person(base, database, { role: "student", centre: A, studentId: id });
      people.set(id, p);
      expect(
        (await p.api.put(`/api/calls/${CALL}/students/${id}/application`, { choices: [agreementId] })).status,
      ).toBe(200);
    }
    await at("2018-05-07T12:00:00+02:00");
    for (const id of ids)
      expect(
        (await people.get(id)!.api.post(`/api/calls/${CALL}/students/${id}/application/validation`)).status,
      ).toBe(201);
    await at("2018-05-11T09:00:00+02:00");
    const run = (await (await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, {})).json()) as {
      id: string;
      outcome: {
        results: { studentId: string; applicationId: string; status: string }[];
        agreements: { agreementId: string; substitutes: string[] }[];
      };
    };
    const provisional = await coordinatorA.api.post(`/api/calls/${CALL}/lists`, {
      centre: A,
      kind: "provisional",
      runId: run.id,
    });
    expect(provisional.status).toBe(201);
    awarded = run.outcome.results.find((r) => r.status === "awarded")!.studentId;
    const appOf = new Map(run.outcome.results.map((r) => [r.applicationId, r.studentId]));
    substitutes = run.outcome.agreements
      .find((a) => a.agreementId === agreementId)!
      .substitutes.map((s) => appOf.get(s)!);
    expect(substitutes).toHaveLength(2);

    // Before the definitive list there is nothing to accept.
    const early = await respond(awarded, "accept");
    expect(early.status).toBe(409);
    expect(await reasonOf(early)).toBe("DEFINITIVE_LIST_MISSING");

    await at("2018-05-23T09:00:00+02:00");
    const definitive = await coordinatorA.api.post(`/api/calls/${CALL}/lists`, {
      centre: A,
      kind: "definitive",
      runId: run.id,
    });
    expect(definitive.status).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("opens round 1 with the definitive list, until the acceptance deadline", async () => {
    // Three runs of the job at once (two servers, a tick and a request): each offer is made once.
    const reports = await Promise.all([1, 2, 3].map(() => runAcceptanceJob({ db: database.db, clock })));
    expect(reports.reduce((n, r) => n + r.offered, 0)).toBe(1);
    const mine = await offersOf(people.get(awarded)!);
    expect(mine).toEqual([
      expect.objectContaining({
        studentId: awarded,
        agreementId,
        round: 1,
        status: "offered",
        respondBy: "2018-05-25T21:59:59.000Z",
      }),
    ]);
    expect(await offersOf(people.get(substitutes[0]!)!)).toEqual([]);
    expect((await offersOf(coordinatorB)).length).toBe(0);
    expect((await offersOf(coordinatorA)).length).toBe(1);
    const none = await respond(substitutes[0]!, "accept");
    expect(await reasonOf(none)).toBe("NO_OFFER");
    // Another student cannot answer for them; staff do not answer for a student.
    expect((await respond(awarded, "renounce", people.get(substitutes[0]!)!)).status).toBe(404);
    expect((await respond(awarded, "accept", coordinatorA)).status).toBe(403);
    const outbox = await database.db
      .selectFrom("outbox")
      .select(["kind", "student_id"])
      .where("kind", "=", "offer.made")
      .execute();
    expect(outbox).toEqual([{ kind: "offer.made", student_id: awarded }]);
  });

  it("turns silence into renunciation after a restart, once, and offers the place to the next substitute", async () => {
    await at("2018-05-25T23:59:59+02:00");
    // The deadline itself is inside the window; then the server stops before answering.
    await app.close();
    clock.set("2018-05-26T08:00:00+02:00");
    ({ app, base } = await listen({ database, clock }));
    const logs: string[] = [];
    const job = startAcceptanceJob({
      db: database.db,
      clock,
      intervalMs: 60_000,
      log: { info: (_o, m) => logs.push(m), error: (_o, m) => logs.push(`error ${m}`) },
    });
    await job.stop();
    expect(logs).toEqual(["acceptance job"]);
    const again = await runAcceptanceJob({ db: database.db, clock });
    expect(again).toEqual({ offered: 0, lapsed: 0, reminded: 0 });
    const audits = await database.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "offer.lapsed")
      .execute();
    expect(audits).toHaveLength(1);
    await at("2018-05-26T08:00:00+02:00");
    const late = await respond(awarded, "accept");
    expect(late.status).toBe(409);
    expect(await reasonOf(late)).toBe("ACCEPTANCE_CLOSED");
    const round2 = await offersOf(people.get(substitutes[0]!)!);
    expect(round2).toEqual([
      expect.objectContaining({ round: 2, status: "offered", respondBy: "2018-05-29T06:00:00.000Z" }),
    ]);
    // Silence before the nomination deadline: no penalty.
    const penalties = await people.get(awarded)!.api.get(`/api/calls/${CALL}/students/${awarded}/penalties`);
    expect(((await penalties.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("records a penalty for a renunciation after the nomination deadline, shown in a later call", async () => {
    await at("2018-05-28T10:00:00+02:00");
    // A day before the round's deadline, a reminder is enqueued (once).
    await offersOf(office);
    await offersOf(office);
    const reminders = await database.db
      .selectFrom("outbox")
      .select("student_id")
      .where("kind", "=", "offer.reminder")
      .execute();
    expect(reminders.map((r) => r.student_id)).toEqual([substitutes[0]]);
    const renounced = await respond(substitutes[0]!, "renounce");
    expect(renounced.status).toBe(200);
    expect(await renounced.json()).toMatchObject({ status: "renounced", round: 2 });
    expect((await respond(substitutes[0]!, "renounce")).status).toBe(200);
    const accept = await respond(substitutes[0]!, "accept");
    expect(await reasonOf(accept)).toBe("OFFER_ANSWERED");
    // Round 3 opened at once for the last substitute.
    expect(await offersOf(people.get(substitutes[1]!)!)).toEqual([
      expect.objectContaining({ round: 3, status: "offered" }),
    ]);

    await loadCall(office.api, "later", [A]);
    const later = await people
      .get(substitutes[0]!)!
      .api.get(`/api/calls/later/students/${substitutes[0]}/penalties`);
    expect(later.status).toBe(200);
    expect(((await later.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ callId: CALL, agreementId, nominationDeadline: "2018-05-27" }),
    ]);
    expect(
      (await people.get(awarded)!.api.get(`/api/calls/${CALL}/students/${substitutes[0]}/penalties`)).status,
    ).toBe(404);
  });

  it("makes an award firm with the partner's acceptance and the enrolment, both audited", async () => {
    const last = substitutes[1]!;
    const accepted = await respond(last, "accept");
    expect(accepted.status).toBe(200);
    const offer = (await accepted.json()) as Offer;
    expect(offer).toMatchObject({ status: "accepted", firm: false });
    const confirm = (who: Person, what: string) =>
      who.api.post(`/api/calls/${CALL}/offers/${offer.id}/${what}`);
    expect((await confirm(coordinatorB, "partner-acceptance")).status).toBe(404);
    expect((await confirm(people.get(last)!, "partner-acceptance")).status).toBe(403);
    expect(await (await confirm(coordinatorA, "partner-acceptance")).json()).toMatchObject({ firm: false });
    expect(await (await confirm(office, "enrolment")).json()).toMatchObject({ firm: true });
    expect((await confirm(office, "enrolment")).status).toBe(200);
    const actions = (
      await database.db.selectFrom("audit_log").select("action").where("entity_type", "=", "offer").execute()
    ).map((a) => a.action);
    expect(
      actions.filter((a) => a === "offer.partner-accepted" || a === "offer.enrolment-recorded"),
    ).toHaveLength(2);
    const all = await offersOf(office);
    expect(all.map((o) => [o.round, o.status])).toEqual([
      [1, "lapsed"],
      [2, "renounced"],
      [3, "accepted"],
    ]);
  });
});
