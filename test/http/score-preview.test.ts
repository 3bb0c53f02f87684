// The score preview over real HTTP (issue 5): every component as the engine computes it, from the
// academic record and the verified documents only; pending ones shown apart; only the student and
// the staff of their centre may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { Dataset } from "../../src/domain/dataset.ts";
import { scoreAndAward } from "../../src/domain/engine.ts";
import type { Score } from "../../src/domain/outcome.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { demo, loadCentresAndDegrees } from "../support/office.ts";
import {
  eligibleStudents,
  loadCall,
  type Person,
  person,
  SAMPLE_PNG,
  samplePdf,
  uploadDocument,
} from "../support/workflow.ts";

const CALL = "score";
const A = "ETSII";
const B = "ETSIT";

interface Preview {
  studentId: string;
  languageScope: string;
  record: { averageGrade: number; creditsPassed: number; degreeCredits: number };
  score: Score;
  levels: { language: string; level: string }[];
  ifPendingVerified: Score | null;
  documents: { id: string; kind: string; status: string; accredits: string | null; counts: boolean }[];
}

describe(`the score preview over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const [first, second] = eligibleStudents(A, 1);
  let me: Person;
  let classmate: Person;
  let coordinatorA: Person;
  let coordinatorB: Person;
  const url = (studentId: string) => `/api/calls/${CALL}/students/${studentId}/application/score`;
  const read = async (who: Person, studentId = first!.student.id): Promise<Preview> => {
    const response = await who.api.get(url(studentId));
    expect(response.status).toBe(200);
    return (await response.json()) as Preview;
  };

  /** The engine's own figures for this student with these certificates and activities. */
  function engineScore(
    extra: Pick<Dataset["students"][number], "languageCertificates" | "activities">,
  ): Score {
    const student = { ...first!.student, ...extra };
    const dataset: Dataset = {
      ...demo.dataset,
      agreements: demo.dataset.agreements.filter((a) => a.centre === A),
      students: [student],
      applications: [
        {
          id: "x",
          studentId: student.id,
          validatedAt: "2018-05-01T10:00:00+02:00",
          choices: first!.eligible.slice(0, 1),
        },
      ],
    };
    const score = scoreAndAward(dataset).results[0]?.score;
    if (!score) throw new Error("the engine excluded the student");
    return score;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    const office = await person(base, database, { role: "office" });
    await loadCall(office.api, CALL, [A, B]);
    coordinatorA = await person(base, database, { role: "coordinator", centre: A });
    coordinatorB = await person(base, database, { role: "coordinator", centre: B });
    me = await person(base, database, { role: "student", centre: A, studentId: first!.student.id });
    classmate = await person(base, database, { role: "student", centre: A, studentId: second!.student.id });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("gives every component of the student's score as the engine computes it", async () => {
    const preview = await read(me);
    const s = first!.student;
    expect(preview.record).toEqual({
      averageGrade: s.averageGrade,
      creditsPassed: s.creditsPassed,
      degreeCredits: s.degreeCredits,
    });
    const expected = engineScore({ languageCertificates: [], activities: [] });
    expect(preview.score).toEqual(expected);
    // weighted grade = average × min(passed / degree credits, 1), to four decimals.
    const share = Math.min(s.creditsPassed / s.degreeCredits, 1);
    expect(preview.score.weightedGrade).toBeCloseTo(s.averageGrade * share, 4);
    expect(preview.score.language).toBe(0);
    expect(preview.score.activities).toBe(0);
    expect(preview.score.total).toBe(preview.score.weightedGrade);
    expect(preview.ifPendingVerified).toBeNull();
    expect(preview.documents).toEqual([]);
    expect(preview.languageScope).toBe(demo.dataset.call.scoring.languageScope);
  });

  it("counts no unverified document, says what the pending ones would add, then counts them once verified", async () => {
    const docs = `/api/calls/${CALL}/students/${first!.student.id}/documents`;
    const cert = await uploadDocument(
      base,
      me.session,
      docs,
      { kind: "language-certificate", certificate: "en-cambridge-general", language: "en", level: "C1" },
      { bytes: await samplePdf(), type: "application/pdf", name: "c1.pdf" },
    );
    expect(cert.status).toBe(201);
    const certId = ((await cert.json()) as { id: string }).id;
    const event = await uploadDocument(
      base,
      me.session,
      docs,
      { kind: "activity", activityKind: "international-event" },
      { bytes: SAMPLE_PNG, type: "image/png", name: "week.png" },
    );
    expect(event.status).toBe(201);
    const eventId = ((await event.json()) as { id: string }).id;

    const c1 = {
      certificate: "en-cambridge-general",
      language: "en",
      level: "C1" as const,
    };
    const pending = await read(me);
    expect(pending.score).toEqual(engineScore({ languageCertificates: [], activities: [] }));
    expect(pending.levels).toEqual([]);
    // Both handed in at the same instant: in no particular order.
    const byId = (rows: Preview["documents"]) => Object.fromEntries(rows.map((d) => [d.id, d]));
    expect(pending.documents).toHaveLength(2);
    expect(byId(pending.documents)[certId]).toMatchObject({
      status: "pending",
      accredits: "C1",
      counts: false,
    });
    expect(byId(pending.documents)[eventId]).toMatchObject({
      status: "pending",
      accredits: null,
      counts: false,
    });
    const hoped = engineScore({
      languageCertificates: [{ ...c1, verified: true }],
      activities: [{ kind: "international-event", verified: true }],
    });
    expect(pending.ifPendingVerified).toEqual(hoped);
    expect(hoped.language).toBe(demo.dataset.call.scoring.languagePoints.C1);
    expect(hoped.activities).toBe(demo.dataset.call.scoring.activityBonus);

    // A rejected document never counts; a verified one does.
    const review = (id: string, body: unknown) =>
      coordinatorA.api.post(`/api/calls/${CALL}/documents/${id}/review`, body);
    expect((await review(eventId, { decision: "rejected", reason: "no stamp" })).status).toBe(200);
    expect((await review(certId, { decision: "verified" })).status).toBe(200);
    const verified = await read(me);
    expect(verified.score).toEqual(
      engineScore({ languageCertificates: [{ ...c1, verified: true }], activities: [] }),
    );
    expect(verified.score.language).toBe(demo.dataset.call.scoring.languagePoints.C1);
    expect(verified.score.activities).toBe(0);
    expect(verified.levels).toEqual([{ language: "en", level: "C1" }]);
    expect(verified.ifPendingVerified).toBeNull();
    expect(byId(verified.documents)[certId]).toMatchObject({ status: "verified", counts: true });
    expect(byId(verified.documents)[eventId]).toMatchObject({ status: "rejected", counts: false });
  });

  it("is refused for another student's score (404), as is another centre's coordinator", async () => {
    expect((await classmate.api.get(url(first!.student.id))).status).toBe(404);
    expect((await coordinatorB.api.get(url(first!.student.id))).status).toBe(404);
    expect((await me.api.get(url(second!.student.id))).status).toBe(404);
  });

  it("may be read by a coordinator of the student's centre", async () => {
    const theirs = await read(coordinatorA);
    expect(theirs.studentId).toBe(first!.student.id);
    expect(theirs.score).toEqual((await read(me)).score);
  });

  it("lists the student's penalties from earlier calls with the options (none here)", async () => {
    const response = await me.api.get(`/api/calls/${CALL}/students/${first!.student.id}/application/options`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { penalties: unknown[] }).penalties).toEqual([]);
  });
});
