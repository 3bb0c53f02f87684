// The masked ids of a published list over HTTP (SPEC 12.8, the AEPD's rule; docs/decisions/0013):
// no id or name in clear, no two rows that look alike (masked id and initials), each student's own
// view shows the masked id of their row, and searching by it finds them. (Which rows must show more
// depends on the data; the widening itself is tested in src/domain/lists.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { initialsOf } from "../../src/domain/lists.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { demo, loadCentresAndDegrees } from "../support/office.ts";
import { eligibleStudents } from "../support/workflow.ts";
import { CallPhases } from "../support/workflow-phases.ts";

const CALL = "masks";
const A = "ETSII";

interface Entry {
  maskedId: string;
  initials: string;
}

describe(`masked ids on a published list over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  // Short ids (S0040…S0049 all show "04"): rows told apart by initials or by more of the id.
  const applicants = eligibleStudents(A, 1).slice(0, 24);
  let call: CallPhases;
  let listId = "";
  let entries: Entry[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    call = await new CallPhases(base, database, clock, CALL, [A]).load();
    await call.apply(
      A,
      applicants.map((a) => ({ studentId: a.student.id, choices: a.eligible.slice(0, 1) })),
    );
    await call.at("2018-05-11T09:00:00+02:00");
    listId = (await call.runAndPublish("provisional")).list.id;
    const text = await (await fetch(`${base}/api/calls/${CALL}/lists/${listId}`)).text();
    for (const { student } of applicants) {
      expect(text).not.toContain(`"${student.id}"`);
      if (student.name) expect(text).not.toContain(student.name);
    }
    entries = (JSON.parse(text) as { entries: Entry[] }).entries;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("gives no two rows the same look, and never the whole id", () => {
    expect(entries).toHaveLength(applicants.length);
    const looks = entries.map((e) => `${e.maskedId} ${e.initials}`);
    expect(new Set(looks).size).toBe(entries.length);
    const ids = new Set(demo.dataset.students.map((s) => s.id));
    for (const e of entries) {
      expect(e.maskedId).toMatch(/\*/);
      expect(ids.has(e.maskedId.replace(/#\d+$/, ""))).toBe(false);
    }
  });

  it("shows each student the masked id of their own row, which a search finds", async () => {
    for (const { student } of applicants.slice(0, 8)) {
      const own = await call
        .student(student.id)
        .api.get(`/api/calls/${CALL}/lists/${listId}/students/${student.id}`);
      expect(own.status).toBe(200);
      const { maskedId } = (await own.json()) as { maskedId: string };
      // Their row is the one with their masked id and their initials.
      expect(
        entries.filter((e) => e.maskedId === maskedId && e.initials === initialsOf(student.name)),
      ).toHaveLength(1);
      const found = (await (
        await fetch(`${base}/api/calls/${CALL}/lists/${listId}?q=${encodeURIComponent(maskedId)}`)
      ).json()) as { entries: Entry[] };
      expect(found.entries.map((e) => e.maskedId)).toContain(maskedId);
    }
  });
});
