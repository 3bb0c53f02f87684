// The centre's dashboard over real HTTP (issue 5): counts right on known data (drafts, validated
// applications, documents by status, demand against places per destination), and scope enforced
// both ways: a coordinator sees their centre only, the office any centre or all of them.
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
import { demo, loadCentresAndDegrees } from "../support/office.ts";
import {
  eligibleStudents,
  loadCall,
  type Person,
  person,
  samplePdf,
  uploadDocument,
} from "../support/workflow.ts";

const CALL = "dash";
const A = "ETSII";
const B = "ETSIT";

interface Dashboard {
  centre: string | null;
  applications: { total: number; draft: number; validated: number; withPendingDocuments: number };
  documents: { pending: number; verified: number; rejected: number };
  destinations: {
    agreementId: string;
    centre: string;
    places: number;
    demand: { first: number; any: number };
    validatedDemand: { first: number; any: number };
  }[];
}

describe(`the centre's dashboard over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let filesDir: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  let office: Person;
  let coordinatorA: Person;
  let coordinatorB: Person;
  let studentA: Person;
  const ofA = eligibleStudents(A, 2).slice(0, 3);
  const ofB = eligibleStudents(B, 1).slice(0, 1);
  let x = "";
  let y = "";
  const dashboard = async (who: Person, centre?: string) => {
    const response = await who.api.get(`/api/calls/${CALL}/dashboard${centre ? `?centre=${centre}` : ""}`);
    return { status: response.status, body: (await response.json()) as Dashboard };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "mobilitas-files-dash-"));
    ({ app, base } = await listen({ database, clock, files: diskFileStore(filesDir) }));
    office = await person(base, database, { role: "office" });
    coordinatorA = await person(base, database, { role: "coordinator", centre: A });
    coordinatorB = await person(base, database, { role: "coordinator", centre: B });
    await loadCall(office.api, CALL, [A, B]);
    expect(ofA).toHaveLength(3);
    expect(ofB).toHaveLength(1);
    // Two destinations every chosen student of A may rank.
    const common = ofA[0]!.eligible.filter((id) => ofA.every((s) => s.eligible.includes(id)));
    expect(common.length).toBeGreaterThanOrEqual(2);
    [x, y] = common as [string, string];
    const student = (centre: string, id: string) =>
      person(base, database, { role: "student", centre, studentId: id });
    const [s1, s2, s3] = await Promise.all(ofA.map((s) => student(A, s.student.id)));
    studentA = s1!;
    const sB = await student(B, ofB[0]!.student.id);
    const draft = async (who: Person, id: string, choices: string[]) =>
      expect((await who.api.put(`/api/calls/${CALL}/students/${id}/application`, { choices })).status).toBe(
        200,
      );
    // s1: draft [x, y]; s2: validated [y, x]; s3: draft [x]; the B student: a draft of B.
    await draft(s1!, ofA[0]!.student.id, [x, y]);
    await draft(s2!, ofA[1]!.student.id, [y, x]);
    expect(
      (await s2!.api.post(`/api/calls/${CALL}/students/${ofA[1]!.student.id}/application/validation`)).status,
    ).toBe(201);
    await draft(s3!, ofA[2]!.student.id, [x]);
    await draft(sB, ofB[0]!.student.id, ofB[0]!.eligible.slice(0, 1));
    // s1 hands in two certificates; the coordinator verifies one, the other waits.
    const cert = {
      kind: "language-certificate",
      certificate: "en-cambridge-general",
      language: "en",
      level: "B2",
    };
    const docs = `/api/calls/${CALL}/students/${ofA[0]!.student.id}/documents`;
    const ids: string[] = [];
    for (const name of ["one.pdf", "two.pdf"]) {
      const response = await uploadDocument(base, s1!.session, docs, cert, {
        bytes: await samplePdf(name),
        type: "application/pdf",
        name,
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const review = await coordinatorA.api.post(`/api/calls/${CALL}/documents/${ids[0]}/review`, {
      decision: "verified",
    });
    expect(review.status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it("counts a centre's applications, documents and demand", async () => {
    const { status, body } = await dashboard(coordinatorA);
    expect(status).toBe(200);
    expect(body.centre).toBe(A);
    expect(body.applications).toEqual({ total: 3, draft: 2, validated: 1, withPendingDocuments: 1 });
    expect(body.documents).toEqual({ pending: 1, verified: 1, rejected: 0 });
    const agreementsOfA = demo.dataset.agreements.filter((a) => a.centre === A);
    expect(body.destinations.map((d) => d.agreementId)).toEqual(agreementsOfA.map((a) => a.id));
    for (const d of body.destinations) {
      expect(d.centre).toBe(A);
      expect(d.places).toBe(agreementsOfA.find((a) => a.id === d.agreementId)!.places);
    }
    const of = (id: string) => body.destinations.find((d) => d.agreementId === id)!;
    expect(of(x)).toMatchObject({ demand: { first: 2, any: 3 }, validatedDemand: { first: 0, any: 1 } });
    expect(of(y)).toMatchObject({ demand: { first: 1, any: 2 }, validatedDemand: { first: 1, any: 1 } });
    const others = body.destinations.filter((d) => d.agreementId !== x && d.agreementId !== y);
    for (const d of others) expect(d.demand).toEqual({ first: 0, any: 0 });
  });

  it("gives the office any centre, or every centre", async () => {
    expect((await dashboard(office, A)).body).toEqual((await dashboard(coordinatorA)).body);
    const b = await dashboard(office, B);
    expect(b.body.applications).toEqual({ total: 1, draft: 1, validated: 0, withPendingDocuments: 0 });
    const all = await dashboard(office);
    expect(all.body.centre).toBeNull();
    expect(all.body.applications.total).toBe(4);
    expect(all.body.destinations.some((d) => d.centre === B)).toBe(true);
    expect((await dashboard(office, "NOPE")).status).toBe(404);
  });

  it("keeps a coordinator to their own centre, both ways", async () => {
    expect((await dashboard(coordinatorA, B)).status).toBe(403);
    expect((await dashboard(coordinatorB, A)).status).toBe(403);
    const own = await dashboard(coordinatorB);
    expect(own.body.centre).toBe(B);
    expect(own.body.applications.total).toBe(1);
    expect(own.body.destinations.every((d) => d.centre === B)).toBe(true);
    expect(own.body.documents).toEqual({ pending: 0, verified: 0, rejected: 0 });
  });

  it("is refused to the public, to students and to the language service", async () => {
    expect((await client(base).get(`/api/calls/${CALL}/dashboard`)).status).toBe(401);
    expect((await studentA.api.get(`/api/calls/${CALL}/dashboard`)).status).toBe(403);
    const language = await person(base, database, { role: "language-service" });
    expect((await language.api.get(`/api/calls/${CALL}/dashboard`)).status).toBe(403);
    expect((await coordinatorA.api.get("/api/calls/none/dashboard")).status).toBe(404);
  });
});
