// 200 validations at once while the deadline passes (issue 4): none accepted after it, none lost
// before it. Every accepted validation is committed with an instant ≤ the deadline and its
// receipt; every refused one left the draft as it was; a retry changes nothing. Over real HTTP.
process.env.TZ = "America/Los_Angeles";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { demo, loadCentresAndDegrees } from "../support/office.ts";
import { loadCall, type Person, person, reasonOf } from "../support/workflow.ts";

const CALL = "rush";
const DEADLINE = Date.parse("2018-05-07T14:00:00+02:00");
const N = 200;

/** Stands still until `rush()`; then every reading is one millisecond later than the previous one. */
class RushClock implements Clock {
  #ms = Date.parse("2018-05-07T13:00:00+02:00");
  #step = 0;
  now(): Date {
    this.#ms += this.#step;
    return new Date(this.#ms);
  }
  rush(from: string): void {
    this.#ms = Date.parse(from);
    this.#step = 1;
  }
}

describe(`${N} concurrent validations across the deadline on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new RushClock();
  const students = demo.dataset.students.slice(0, N);
  const people: Person[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    const office = await person(base, database, { role: "office" });
    await loadCall(office.api, CALL, [...new Set(demo.dataset.students.map((s) => s.centre))]);
    for (let i = 0; i < students.length; i += 20) {
      const batch = students.slice(i, i + 20);
      people.push(
        ...(await Promise.all(
          batch.map((s) => person(base, database, { role: "student", centre: s.centre, studentId: s.id })),
        )),
      );
    }
    const choiceOf = (centre: string) => demo.dataset.agreements.find((a) => a.centre === centre)!.id;
    for (let i = 0; i < students.length; i += 20) {
      const responses = await Promise.all(
        students.slice(i, i + 20).map((s, j) =>
          people[i + j]!.api.put(`/api/calls/${CALL}/students/${s.id}/application`, {
            choices: [choiceOf(s.centre)],
          }),
        ),
      );
      for (const r of responses) expect(r.status).toBe(200);
    }
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("accepts exactly those validated by the deadline, each once, and loses none", async () => {
    clock.rush("2018-05-07T13:59:59.800+02:00");
    const started = performance.now();
    const responses = await Promise.all(
      students.map((s, i) =>
        people[i]!.api.post(`/api/calls/${CALL}/students/${s.id}/application/validation`),
      ),
    );
    const elapsed = performance.now() - started;
    const accepted = new Map<string, string>();
    let refused = 0;
    for (const [i, response] of responses.entries()) {
      if (response.status === 201) {
        const receipt = (await response.json()) as { studentId: string; validatedAt: string };
        expect(receipt.studentId).toBe(students[i]!.id);
        expect(Date.parse(receipt.validatedAt)).toBeLessThanOrEqual(DEADLINE);
        accepted.set(receipt.studentId, receipt.validatedAt);
      } else {
        expect(response.status).toBe(409);
        expect(await reasonOf(response)).toBe("DEADLINE_PASSED");
        refused++;
      }
    }
    console.log(
      `[${testDatabaseKind}] ${N} concurrent validations in ${elapsed.toFixed(0)} ms: ` +
        `${accepted.size} accepted, ${refused} refused after the deadline`,
    );
    expect(accepted.size + refused).toBe(N);
    expect(accepted.size).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    const rows = await database.db
      .selectFrom("applications")
      .select(["student_id", "validated_at", "receipt_id"])
      .where("call_id", "=", CALL)
      .execute();
    const validated = rows.filter((r) => r.validated_at !== null);
    expect(validated).toHaveLength(accepted.size);
    for (const row of validated) {
      expect(row.validated_at!.toISOString()).toBe(accepted.get(row.student_id));
      expect(row.receipt_id).not.toBeNull();
    }
    const audits = await database.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "application.validated")
      .where("call_id", "=", CALL)
      .execute();
    expect(audits).toHaveLength(accepted.size);

    // Retries after the deadline: the accepted get their receipt again, the refused stay refused.
    const retries = await Promise.all(
      students.map((s, i) =>
        people[i]!.api.post(`/api/calls/${CALL}/students/${s.id}/application/validation`),
      ),
    );
    for (const [i, retry] of retries.entries()) {
      const id = students[i]!.id;
      if (accepted.has(id)) {
        expect(retry.status).toBe(200);
        expect(((await retry.json()) as { validatedAt: string }).validatedAt).toBe(accepted.get(id));
      } else {
        expect(retry.status).toBe(409);
        await retry.body?.cancel();
      }
    }
    const again = await database.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "application.validated")
      .where("call_id", "=", CALL)
      .execute();
    expect(again).toHaveLength(accepted.size);
  });
});
