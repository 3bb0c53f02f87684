// Reading a renunciation back (issue 4): the student sees it after a reload, not only in the answer
// to the POST; their centre's staff see it too; anybody else reads 404, and nobody signed in 401.
// The list in scope answers "did I renounce?" without a 404.
// docs/decisions/0013-workflow-completion.md
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { loadCentresAndDegrees } from "../support/office.ts";
import { type Person, person } from "../support/workflow.ts";
import { CallPhases, contested } from "../support/workflow-phases.ts";

const CALL = "renounce-read";
const A = "ETSII";
const B = "ETSIT";

interface RenunciationView {
  callId: string;
  studentId: string;
  centre: string;
  stage: string;
  choices: string[];
  renouncedBy: string;
  renouncedAt: string;
}

describe(`reading a renunciation over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const { agreementId, students } = contested(A, 2);
  const [renouncer, other] = students as [string, string];
  let call: CallPhases;
  let otherCentre: Person;
  const path = (studentId: string) => `/api/calls/${CALL}/students/${studentId}/renunciation`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    call = await new CallPhases(base, database, clock, CALL, [A]).load();
    otherCentre = await person(base, database, { role: "coordinator", centre: B });
    await call.apply(
      A,
      students.map((studentId) => ({ studentId, choices: [agreementId] })),
    );
    await call.at("2018-05-11T09:00:00+02:00");
    await call.runAndPublish("provisional");
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("is absent (404) before the student renounces, then reads back when and by whom", async () => {
    await call.at("2018-05-15T10:00:00+02:00");
    const student = call.student(renouncer);
    expect((await student.api.get(path(renouncer))).status).toBe(404);

    const made = await student.api.post(path(renouncer));
    expect(made.status).toBe(201);
    const posted = (await made.json()) as RenunciationView;

    const read = await student.api.get(path(renouncer));
    expect(read.status).toBe(200);
    const body = (await read.json()) as RenunciationView;
    expect(body).toEqual(posted);
    expect(body).toMatchObject({
      callId: CALL,
      studentId: renouncer,
      centre: A,
      stage: "claims",
      choices: [agreementId],
    });
    expect(Date.parse(body.renouncedAt)).toBe(Date.parse("2018-05-15T10:00:00+02:00"));
    expect(body.renouncedBy).toBe(student.credentials.userId);
  });

  it("reads the same after a reload (a new session, a later day), for the student and their centre's staff", async () => {
    await call.at("2018-05-18T12:00:00+02:00");
    for (const reader of [call.student(renouncer), call.coordinator(A), call.office]) {
      const read = await reader.api.get(path(renouncer));
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({
        studentId: renouncer,
        renouncedAt: new Date("2018-05-15T10:00:00+02:00").toISOString(),
      });
    }
  });

  it("is absent for anybody else: another student, another centre's coordinator (404), nobody signed in (401)", async () => {
    await otherCentre.signIn();
    const byOtherStudent = await call.student(other).api.get(path(renouncer));
    expect(byOtherStudent.status).toBe(404);
    // The other student did not renounce: their own reads 404 too, as one that does not exist.
    expect((await call.student(other).api.get(path(other))).status).toBe(404);
    const byOtherCentre = await otherCentre.api.get(path(renouncer));
    expect(byOtherCentre.status).toBe(404);
    const anonymous = await fetch(`${base}${path(renouncer)}`);
    expect(anonymous.status).toBe(401);
  });

  it("lists renunciations in scope: the student's own, their centre's for its staff, none for others", async () => {
    const list = async (reader: Person) => {
      const response = await reader.api.get(`/api/calls/${CALL}/renunciations`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: RenunciationView[] }).items.map((r) => r.studentId);
    };
    expect(await list(call.student(renouncer))).toEqual([renouncer]);
    expect(await list(call.student(other))).toEqual([]);
    expect(await list(call.coordinator(A))).toEqual([renouncer]);
    expect(await list(call.office)).toEqual([renouncer]);
    expect(await list(otherCentre)).toEqual([]);
    expect((await fetch(`${base}/api/calls/${CALL}/renunciations`)).status).toBe(401);
  });
});
