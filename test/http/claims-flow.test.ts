// Claims against the provisional list over real HTTP (issue 4, second half): filed only inside the
// claims window with text and attachments, resolved by the centre (accepted with the data corrected,
// which the next run reflects; or rejected), renunciation in that window, another student's or
// centre's claim out of reach, the definitive list held back by an open claim.
process.env.TZ = "America/Los_Angeles";

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { diskFileStore } from "../../src/files/file-store.ts";
import type { App } from "../../src/http/app.ts";
import { client } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { loadCentresAndDegrees } from "../support/office.ts";
import {
  eligibleStudents,
  loadCall,
  type Person,
  person,
  reasonOf,
  SAMPLE_PNG,
  samplePdf,
  uploadDocument,
} from "../support/workflow.ts";

const CALL = "claims";
const A = "ETSII";
const B = "ETSIT";

describe(`claims and renunciation in the claims window over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let filesDir: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const picked = eligibleStudents(A, 1).slice(0, 4);
  const [s1, s2, s3, s4] = picked;
  let office: Person;
  let coordinatorA: Person;
  let coordinatorB: Person;
  let students: Person[] = [];
  const everyone = () => [office, coordinatorA, coordinatorB, ...students];
  const at = async (instant: string) => {
    clock.set(instant);
    for (const p of everyone()) await p.signIn();
  };
  const claims = (studentId: string) => `/api/calls/${CALL}/students/${studentId}/claims`;
  const fileClaim = (
    who: Person,
    studentId: string,
    text: string | undefined,
    files: { bytes: Uint8Array; type: string; name: string }[] = [],
  ) => {
    const form = new FormData();
    if (text !== undefined) form.append("text", text);
    for (const f of files) form.append("file", new Blob([f.bytes], { type: f.type }), f.name);
    return fetch(`${base}${claims(studentId)}`, {
      method: "POST",
      headers: { cookie: who.session.cookie, "x-csrf-token": who.session.csrfToken },
      body: form,
    });
  };
  let activityId = "";

  beforeAll(async () => {
    expect(picked).toHaveLength(4);
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "mobilitas-claims-test-"));
    ({ app, base } = await listen({ database, clock, files: diskFileStore(filesDir) }));
    office = await person(base, database, { role: "office" });
    coordinatorA = await person(base, database, { role: "coordinator", centre: A });
    coordinatorB = await person(base, database, { role: "coordinator", centre: B });
    await loadCall(office.api, CALL, [A, B]);
    students = [];
    for (const s of picked)
      students.push(await person(base, database, { role: "student", centre: A, studentId: s.student.id }));
    // Drafts, a pending activity certificate of s1, validation before the deadline.
    for (const [i, s] of picked.entries()) {
      const put = await students[i]!.api.put(`/api/calls/${CALL}/students/${s.student.id}/application`, {
        choices: s.eligible.slice(0, 2),
      });
      expect(put.status).toBe(200);
    }
    const doc = await uploadDocument(
      base,
      students[0]!.session,
      `/api/calls/${CALL}/students/${s1!.student.id}/documents`,
      { kind: "activity", activityKind: "international-event" },
      { bytes: SAMPLE_PNG, type: "image/png", name: "week.png" },
    );
    expect(doc.status).toBe(201);
    activityId = ((await doc.json()) as { id: string }).id;
    await at("2018-05-07T12:00:00+02:00");
    for (const [i, s] of picked.entries())
      expect(
        (await students[i]!.api.post(`/api/calls/${CALL}/students/${s.student.id}/application/validation`))
          .status,
      ).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  const runAndPublish = async (kind: "provisional" | "definitive", reason?: string) => {
    const run = await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, {});
    expect(run.status).toBe(201);
    const r = (await run.json()) as {
      id: string;
      outcome: { results: { studentId: string; score: { total: number; activities: number } | null }[] };
    };
    const published = await coordinatorA.api.post(`/api/calls/${CALL}/lists`, {
      centre: A,
      kind,
      runId: r.id,
      ...(reason ? { reason } : {}),
    });
    return { run: r, published };
  };

  let firstTotal = 0;
  it("refuses a claim before the provisional list and before the window opens", async () => {
    await at("2018-05-11T09:00:00+02:00");
    const noList = await fileClaim(students[0]!, s1!.student.id, "my grade is wrong");
    expect(noList.status).toBe(409);
    expect(await reasonOf(noList)).toBe("CLAIMS_WINDOW_CLOSED");
    const { run, published } = await runAndPublish("provisional");
    expect(published.status).toBe(201);
    firstTotal = run.outcome.results.find((r) => r.studentId === s1!.student.id)!.score!.total;
    await at("2018-05-11T23:59:59+02:00");
    const early = await fileClaim(students[0]!, s1!.student.id, "my grade is wrong");
    expect(early.status).toBe(409);
    expect(await reasonOf(early)).toBe("CLAIMS_WINDOW_CLOSED");
    const earlyRenounce = await students[3]!.api.post(
      `/api/calls/${CALL}/students/${s4!.student.id}/renunciation`,
    );
    expect(await reasonOf(earlyRenounce)).toBe("CLAIMS_WINDOW_CLOSED");
  });

  let claimId = "";
  it("files a claim with text and attachments in the window; hostile files and no text refused", async () => {
    await at("2018-05-12T00:00:00+02:00");
    const pdf = await samplePdf("Erasmus week certificate");
    const filed = await fileClaim(
      students[0]!,
      s1!.student.id,
      "  My Erasmus week certificate was not counted.  ",
      [
        { bytes: pdf, type: "application/pdf", name: "week.pdf" },
        { bytes: SAMPLE_PNG, type: "image/png", name: "photo.png" },
      ],
    );
    expect(filed.status).toBe(201);
    const claim = (await filed.json()) as {
      id: string;
      status: string;
      text: string;
      attachments: { mediaType: string }[];
    };
    expect(claim).toMatchObject({ status: "open", text: "My Erasmus week certificate was not counted." });
    expect(claim.attachments.map((a) => a.mediaType)).toEqual(["application/pdf", "image/png"]);
    claimId = claim.id;

    const fake = await fileClaim(students[1]!, s2!.student.id, "see file", [
      { bytes: Buffer.from("%PDF- not really"), type: "application/pdf", name: "x.pdf" },
    ]);
    expect(fake.status).toBe(415);
    const noText = await fileClaim(students[1]!, s2!.student.id, "   ");
    expect(noText.status).toBe(400);
    const json = await students[1]!.api.post(claims(s2!.student.id), { text: "json" });
    expect(json.status).toBe(415);
    expect(fs.readdirSync(path.join(filesDir, "tmp"))).toEqual([]);

    const file = await coordinatorA.api.get(`/api/calls/${CALL}/claims/${claimId}/attachments/0`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });

  it("keeps another student's and another centre's claim out of reach", async () => {
    const other = students[1]!;
    expect((await other.api.get(`/api/calls/${CALL}/claims/${claimId}`)).status).toBe(404);
    expect((await other.api.get(`/api/calls/${CALL}/claims/${claimId}/attachments/0`)).status).toBe(404);
    expect((await fileClaim(other, s1!.student.id, "on their behalf")).status).toBe(404);
    expect((await other.api.post(`/api/calls/${CALL}/students/${s1!.student.id}/renunciation`)).status).toBe(
      404,
    );
    expect((await coordinatorB.api.get(`/api/calls/${CALL}/claims/${claimId}`)).status).toBe(404);
    const resolveB = await coordinatorB.api.post(`/api/calls/${CALL}/claims/${claimId}/resolution`, {
      decision: "rejected",
      reason: "no",
    });
    expect(resolveB.status).toBe(404);
    expect(
      (
        await other.api.post(`/api/calls/${CALL}/claims/${claimId}/resolution`, {
          decision: "rejected",
          reason: "x",
        })
      ).status,
    ).toBe(403);
    expect((await client(base).get(`/api/calls/${CALL}/claims/${claimId}`)).status).toBe(401);
    const listB = (await (await coordinatorB.api.get(`/api/calls/${CALL}/claims`)).json()) as {
      items: unknown[];
    };
    expect(listB.items).toEqual([]);
    const listOther = (await (await other.api.get(`/api/calls/${CALL}/claims`)).json()) as {
      items: unknown[];
    };
    expect(listOther.items).toEqual([]);
    const own = (await (await students[0]!.api.get(`/api/calls/${CALL}/claims`)).json()) as {
      items: { id: string }[];
    };
    expect(own.items.map((c) => c.id)).toEqual([claimId]);
    // Staff do not file claims for a student.
    expect((await fileClaim(coordinatorA, s1!.student.id, "for them")).status).toBe(403);
  });

  it("renounces in the window, once; a renounced student files no claim", async () => {
    const path4 = `/api/calls/${CALL}/students/${s4!.student.id}/renunciation`;
    const first = await students[3]!.api.post(path4);
    expect(first.status).toBe(201);
    const again = await students[3]!.api.post(path4);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    const claim = await fileClaim(students[3]!, s4!.student.id, "changed my mind");
    expect(await reasonOf(claim)).toBe("RENOUNCED");
  });

  let openClaim = "";
  it("resolves claims with a reason: accepted with the data corrected, or rejected; once", async () => {
    const resolve = (who: Person, id: string, body: unknown) =>
      who.api.post(`/api/calls/${CALL}/claims/${id}/resolution`, body);
    expect((await resolve(coordinatorA, claimId, { decision: "accepted" })).status).toBe(400);
    const rejectWithFix = await resolve(coordinatorA, claimId, {
      decision: "rejected",
      reason: "x",
      corrections: { academicRecord: { averageGrade: 9 } },
    });
    expect(await reasonOf(rejectWithFix)).toBe("CORRECTION_NOT_ALLOWED");
    const accepted = await resolve(coordinatorA, claimId, {
      decision: "accepted",
      reason: "The certificate is valid.",
      corrections: { documents: [{ documentId: activityId, decision: "verified" }] },
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      status: "accepted",
      resolutionReason: "The certificate is valid.",
    });
    const twice = await resolve(coordinatorA, claimId, { decision: "rejected", reason: "no" });
    expect(twice.status).toBe(409);
    expect(await reasonOf(twice)).toBe("CLAIM_RESOLVED");

    const filed2 = await fileClaim(
      students[1]!,
      s2!.student.id,
      "my average grade is 9.1, not what Secretaría sent",
    );
    const c2 = ((await filed2.json()) as { id: string }).id;
    const fixed = await resolve(coordinatorA, c2, {
      decision: "accepted",
      reason: "Secretaría confirmed the grade",
      corrections: { academicRecord: { averageGrade: 9.1 } },
    });
    expect(fixed.status).toBe(200);
    const filed3 = await fileClaim(students[2]!, s3!.student.id, "I want a better place");
    openClaim = ((await filed3.json()) as { id: string }).id;

    const audits = await database.db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("call_id", "=", CALL)
      .where("action", "in", [
        "claim.filed",
        "claim.accepted",
        "claim.rejected",
        "application.renounced",
        "document.verified",
        "student.updated",
      ])
      .execute();
    const actions = audits.map((a) => a.action).sort();
    expect(actions).toEqual([
      "application.renounced",
      "claim.accepted",
      "claim.accepted",
      "claim.filed",
      "claim.filed",
      "claim.filed",
      "document.verified",
      "student.updated",
    ]);
    const notices = await database.db
      .selectFrom("outbox")
      .select(["kind", "student_id"])
      .where("kind", "=", "claim.resolved")
      .execute();
    expect(notices.map((n) => n.student_id).sort()).toEqual([s1!.student.id, s2!.student.id].sort());
  });

  it("refuses claims and renunciations after the window; an open claim holds the definitive list back", async () => {
    await at("2018-05-23T00:00:00+02:00");
    const late = await fileClaim(students[1]!, s2!.student.id, "one more thing");
    expect(late.status).toBe(409);
    expect(await reasonOf(late)).toBe("CLAIMS_WINDOW_CLOSED");
    const lateRenounce = await students[1]!.api.post(
      `/api/calls/${CALL}/students/${s2!.student.id}/renunciation`,
    );
    expect(await reasonOf(lateRenounce)).toBe("CLAIMS_WINDOW_CLOSED");

    await at("2018-05-23T09:00:00+02:00");
    const held = await runAndPublish("definitive");
    expect(held.published.status).toBe(409);
    expect(await reasonOf(held.published)).toBe("CLAIMS_PENDING");
    // The corrected data is what the next run scores: s1's verified activity counts now.
    const total = held.run.outcome.results.find((r) => r.studentId === s1!.student.id)!.score!.total;
    expect(total - firstTotal).toBeCloseTo(0.25, 6);
    const rejected = await coordinatorA.api.post(`/api/calls/${CALL}/claims/${openClaim}/resolution`, {
      decision: "rejected",
      reason: "places are awarded in order of score",
    });
    expect(rejected.status).toBe(200);
    const { published } = await runAndPublish("definitive");
    expect(published.status).toBe(201);
  });

  it("describes the claim routes in the OpenAPI document with their policies", async () => {
    const doc = (await (await client(base).get("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-policy"?: string }>>;
    };
    expect(doc.paths["/api/calls/{callId}/students/{studentId}/claims"]?.post?.["x-policy"]).toBe(
      "claim:file",
    );
    expect(doc.paths["/api/calls/{callId}/claims/{claimId}/resolution"]?.post?.["x-policy"]).toBe(
      "claim:resolve",
    );
    expect(doc.paths["/api/calls/{callId}/students/{studentId}/offer/response"]?.post?.["x-policy"]).toBe(
      "award:respond",
    );
    expect(doc.paths["/api/calls/{callId}/offers/{offerId}/enrolment"]?.post?.["x-policy"]).toBe(
      "award:confirm",
    );
  });
});
