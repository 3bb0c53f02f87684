// The call as it happens over real HTTP (issue 4, first half): students draft and validate, hand in
// documents, the centre's staff verify them, the engine runs, the provisional list is published;
// deadlines crossed, another student's or centre's data refused, hostile uploads refused.
// The server's time zone is set far from Madrid: deadlines must not depend on it.
process.env.TZ = "Pacific/Kiritimati";

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { maskId } from "../../src/domain/lists.ts";
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
  reasonOf,
  SAMPLE_PNG,
  samplePdf,
  uploadDocument,
} from "../support/workflow.ts";

const CALL = "flow";
const A = "ETSII";
const B = "ETSIT";

describe(`applications, documents, runs and lists over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let filesDir: string;
  const clock = new TestClock("2018-04-20T10:00:00+02:00");
  const [first, second, third, late] = eligibleStudents(A, 2);
  let office: Person;
  let coordinatorA: Person;
  let coordinatorB: Person;
  let languageService: Person;
  let me: Person;
  let classmate: Person;
  let latecomer: Person;
  let thirdStudent: Person;
  /** Moves the clock; sessions older than 12 h would have ended, so everyone signs in again. */
  const at = async (instant: string) => {
    clock.set(instant);
    for (const p of [
      office,
      coordinatorA,
      coordinatorB,
      languageService,
      me,
      classmate,
      latecomer,
      thirdStudent,
    ])
      await p.signIn();
  };
  const mine = (rest = "") => `/api/calls/${CALL}/students/${first!.student.id}/application${rest}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "mobilitas-files-test-"));
    ({ app, base } = await listen({ database, clock, files: diskFileStore(filesDir) }));
    office = await person(base, database, { role: "office" });
    coordinatorA = await person(base, database, {
      role: "coordinator",
      centre: A,
      displayName: "Coordinadora Industriales",
    });
    coordinatorB = await person(base, database, { role: "coordinator", centre: B });
    languageService = await person(base, database, { role: "language-service" });
    await loadCall(office.api, CALL, [A, B]);
    const student = (id: string) => person(base, database, { role: "student", centre: A, studentId: id });
    me = await student(first!.student.id);
    classmate = await student(second!.student.id);
    thirdStudent = await student(third!.student.id);
    latecomer = await student(late!.student.id);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it("refuses a draft before the call opens", async () => {
    const response = await me.api.put(mine(), { choices: first!.eligible.slice(0, 1) });
    expect(response.status).toBe(409);
    expect(await reasonOf(response)).toBe("CALL_NOT_OPEN");
  });

  it("lists every destination of the student's centre with the engine's reasons", async () => {
    await at("2018-04-24T10:00:00+02:00");
    const response = await me.api.get(mine("/options"));
    expect(response.status).toBe(200);
    const options = (await response.json()) as {
      maxChoices: number;
      exclusions: string[];
      destinations: { agreement: { id: string; centre: string }; eligible: boolean; reasons: string[] }[];
    };
    const ofA = demo.dataset.agreements.filter((a) => a.centre === A).map((a) => a.id);
    expect(options.destinations.map((d) => d.agreement.id)).toEqual(ofA);
    expect(options.exclusions).toEqual([]);
    expect(options.maxChoices).toBe(10);
    const eligible = options.destinations.filter((d) => d.eligible).map((d) => d.agreement.id);
    expect(eligible).toEqual(first!.eligible);
    for (const d of options.destinations) expect(d.eligible).toBe(d.reasons.length === 0);
  });

  it("saves a draft idempotently, and refuses what is not a destination of the centre", async () => {
    const choices = first!.eligible.slice(0, 2);
    const saved = await me.api.put(mine(), { choices });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ choices, status: "draft", validatedAt: null });
    const audits = async () =>
      (
        await database.db
          .selectFrom("audit_log")
          .select("id")
          .where("entity_type", "=", "application")
          .execute()
      ).length;
    const before = await audits();
    expect((await me.api.put(mine(), { choices })).status).toBe(200);
    expect(await audits()).toBe(before);

    const otherCentre = demo.dataset.agreements.find((a) => a.centre === B)!.id;
    const refused = await me.api.put(mine(), { choices: [choices[0], otherCentre] });
    expect(refused.status).toBe(400);
    expect(await reasonOf(refused)).toBe("NOT_A_DESTINATION");
    const duplicate = await me.api.put(mine(), { choices: [choices[0], choices[0]] });
    expect(await reasonOf(duplicate)).toBe("DUPLICATE_CHOICE");
    const tooMany = demo.dataset.agreements.filter((a) => a.centre === A).map((a) => a.id);
    if (tooMany.length > 10)
      expect(await reasonOf(await me.api.put(mine(), { choices: tooMany }))).toBe("TOO_MANY_CHOICES");
  });

  it("keeps another student's and another centre's application out of reach", async () => {
    expect((await classmate.api.get(mine())).status).toBe(404);
    expect((await classmate.api.put(mine(), { choices: [] })).status).toBe(404);
    expect((await classmate.api.post(mine("/validation"))).status).toBe(404);
    expect((await coordinatorB.api.get(mine())).status).toBe(404);
    expect((await coordinatorA.api.get(mine())).status).toBe(200);
    // Staff read it but do not submit it for the student.
    expect((await coordinatorA.api.post(mine("/validation"))).status).toBe(403);
    expect((await client(base).get(mine())).status).toBe(401);
    const list = (await (await coordinatorB.api.get(`/api/calls/${CALL}/applications`)).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });

  let pdfDocumentId = "";
  let activityId = "";
  it("takes documents by their content: a PDF and a PNG in, hostile files out", async () => {
    const pdf = await samplePdf();
    const docs = `/api/calls/${CALL}/students/${first!.student.id}/documents`;
    const cert = {
      kind: "language-certificate",
      certificate: "en-cambridge-general",
      language: "en",
      level: "C1",
    };
    // The certificate id must be of Annex II.
    const family = (await import("../../src/domain/language-certificates.ts")).certificateFamily;
    expect(family(cert.certificate)).toBeDefined();
    const ok = await uploadDocument(base, me.session, docs, cert, {
      bytes: pdf,
      type: "application/pdf",
      name: "c1.pdf",
    });
    expect(ok.status).toBe(201);
    const doc = (await ok.json()) as {
      id: string;
      status: string;
      file: { sha256: string; mediaType: string };
    };
    expect(doc).toMatchObject({ status: "pending", file: { mediaType: "application/pdf" } });
    pdfDocumentId = doc.id;
    expect(fs.existsSync(path.join(filesDir, doc.file.sha256.slice(0, 2), doc.file.sha256))).toBe(true);

    const png = await uploadDocument(
      base,
      me.session,
      docs,
      { kind: "activity", activityKind: "international-event" },
      { bytes: SAMPLE_PNG, type: "image/png", name: "erasmus-week.png" },
    );
    expect(png.status).toBe(201);
    activityId = ((await png.json()) as { id: string }).id;

    const text = await uploadDocument(base, me.session, docs, cert, {
      bytes: Buffer.from("%PDF? no, just text pretending\n"),
      type: "application/pdf",
      name: "fake.pdf",
    });
    expect(text.status).toBe(415);
    expect(await reasonOf(text)).toBe("FILE_TYPE");
    const plain = await uploadDocument(base, me.session, docs, cert, {
      bytes: Buffer.from("just some text\n"),
      type: "application/pdf",
      name: "certificate.pdf",
    });
    expect(plain.status).toBe(415);
    const disguised = await uploadDocument(base, me.session, docs, cert, {
      bytes: SAMPLE_PNG,
      type: "application/pdf",
      name: "scan.pdf",
    });
    expect(disguised.status).toBe(415);
    const tooBig = await uploadDocument(base, me.session, docs, cert, {
      bytes: Buffer.concat([Buffer.from(pdf), Buffer.alloc(10 * 1024 * 1024)]),
      type: "application/pdf",
      name: "big.pdf",
    });
    expect(tooBig.status).toBe(413);
    const unknown = await uploadDocument(
      base,
      me.session,
      docs,
      { ...cert, certificate: "my-own-test" },
      {
        bytes: pdf,
        type: "application/pdf",
        name: "c.pdf",
      },
    );
    expect(unknown.status).toBe(400);
    expect(await reasonOf(unknown)).toBe("UNKNOWN_CERTIFICATE");
    const noFile = await uploadDocument(base, me.session, docs, cert, undefined);
    expect(noFile.status).toBe(400);
    expect(await reasonOf(noFile)).toBe("NO_FILE");
    const json = await me.api.post(docs, cert);
    expect(json.status).toBe(415);
    const form = new FormData();
    for (const [k, v] of Object.entries(cert)) form.append(k, v);
    form.append("file", new Blob([pdf], { type: "application/pdf" }), "a.pdf");
    form.append("file", new Blob([pdf], { type: "application/pdf" }), "b.pdf");
    const twoFiles = await fetch(`${base}${docs}`, {
      method: "POST",
      headers: { cookie: me.session.cookie, "x-csrf-token": me.session.csrfToken },
      body: form,
    });
    expect(twoFiles.status).toBeGreaterThanOrEqual(400);
    expect(twoFiles.status).toBeLessThan(500);
    const noCsrf = await fetch(`${base}${docs}`, {
      method: "POST",
      headers: { cookie: me.session.cookie },
      body: form,
    });
    expect(noCsrf.status).toBe(403);
    // Nothing of the refused files stayed behind.
    const stored = fs.readdirSync(filesDir).filter((d) => d !== "tmp");
    expect(stored.length).toBeLessThanOrEqual(2);
    expect(fs.readdirSync(path.join(filesDir, "tmp"))).toEqual([]);

    // Another student cannot hand in or read documents for me.
    const forMe = await uploadDocument(base, classmate.session, docs, cert, {
      bytes: pdf,
      type: "application/pdf",
      name: "x.pdf",
    });
    expect(forMe.status).toBe(404);
    expect((await classmate.api.get(`/api/calls/${CALL}/documents/${pdfDocumentId}`)).status).toBe(404);
    expect((await classmate.api.get(`/api/calls/${CALL}/documents/${pdfDocumentId}/file`)).status).toBe(404);
    expect((await coordinatorB.api.get(`/api/calls/${CALL}/documents/${pdfDocumentId}`)).status).toBe(404);
    const file = await me.api.get(`/api/calls/${CALL}/documents/${pdfDocumentId}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });

  it("lets only the centre's staff review, and the language service record level tests", async () => {
    const review = (who: Person, id: string, body: unknown) =>
      who.api.post(`/api/calls/${CALL}/documents/${id}/review`, body);
    expect((await review(coordinatorB, activityId, { decision: "verified" })).status).toBe(404);
    expect((await review(me, activityId, { decision: "verified" })).status).toBe(403);
    expect((await review(coordinatorA, activityId, { decision: "rejected" })).status).toBe(400);
    const rejected = await review(coordinatorA, activityId, { decision: "rejected", reason: "no stamp" });
    expect(await rejected.json()).toMatchObject({ status: "rejected", reviewReason: "no stamp" });
    const verified = await review(coordinatorA, activityId, { decision: "verified" });
    expect(await verified.json()).toMatchObject({ status: "verified" });
    const test = await languageService.api.post(
      `/api/calls/${CALL}/students/${second!.student.id}/level-tests`,
      {
        language: "fr",
        level: "B2",
      },
    );
    expect(test.status).toBe(201);
    expect(await test.json()).toMatchObject({ certificate: "level-test", status: "verified", file: null });
    expect(
      (
        await coordinatorA.api.post(`/api/calls/${CALL}/students/${second!.student.id}/level-tests`, {
          language: "fr",
          level: "B2",
        })
      ).status,
    ).toBe(403);
  });

  let receiptId = "";
  it("validates at 13:59:59 Madrid time, with a receipt (JSON and PDF), and is locked afterwards", async () => {
    expect(
      (
        await classmate.api.put(`/api/calls/${CALL}/students/${second!.student.id}/application`, {
          choices: second!.eligible.slice(0, 2),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await thirdStudent.api.put(`/api/calls/${CALL}/students/${third!.student.id}/application`, {
          choices: third!.eligible.slice(0, 1),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await latecomer.api.put(`/api/calls/${CALL}/students/${late!.student.id}/application`, {
          choices: late!.eligible.slice(0, 1),
        })
      ).status,
    ).toBe(200);
    await at("2018-05-07T13:59:59+02:00");
    const started = performance.now();
    const response = await me.api.post(mine("/validation"));
    const ms = performance.now() - started;
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as {
      receiptId: string;
      validatedAt: string;
      validatedAtMadrid: string;
      sha256: string;
      choices: string[];
    };
    expect(receipt.validatedAt).toBe("2018-05-07T11:59:59.000Z");
    expect(receipt.validatedAtMadrid).toMatch(/^07\/05\/2018 13:59:59\.000 /);
    expect(receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    receiptId = receipt.receiptId;
    console.log(`[${testDatabaseKind}] one validation over HTTP: ${ms.toFixed(1)} ms`);

    // A retry, even later, gives the same receipt.
    await at("2018-05-07T13:59:59.500+02:00");
    const retry = await me.api.post(mine("/validation"));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(receipt);
    expect(await (await me.api.get(mine("/receipt"))).json()).toEqual(receipt);

    const pdf = await me.api.get(mine("/receipt.pdf"));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const parsed = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(parsed.getTitle()).toBe(`Justificante / Receipt ${receipt.receiptId}`);
    expect(parsed.getCreationDate()?.toISOString()).toBe(receipt.validatedAt);
    const again = Buffer.from(await (await me.api.get(mine("/receipt.pdf"))).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    expect((await classmate.api.get(mine("/receipt.pdf"))).status).toBe(404);

    const locked = await me.api.put(mine(), { choices: first!.eligible.slice(0, 1) });
    expect(locked.status).toBe(409);
    expect(await reasonOf(locked)).toBe("APPLICATION_LOCKED");
    expect(await (await me.api.get(mine())).json()).toMatchObject({ status: "validated", receiptId });
    const validatedAudit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "application.validated")
      .execute();
    expect(validatedAudit).toHaveLength(1);

    await at("2018-05-07T14:00:00+02:00");
    expect(
      (await classmate.api.post(`/api/calls/${CALL}/students/${second!.student.id}/application/validation`))
        .status,
    ).toBe(201);
    await at("2018-05-07T14:00:01+02:00");
    const refused = await latecomer.api.post(
      `/api/calls/${CALL}/students/${late!.student.id}/application/validation`,
    );
    expect(refused.status).toBe(409);
    expect(await reasonOf(refused)).toBe("DEADLINE_PASSED");
    const lateDoc = await uploadDocument(
      base,
      latecomer.session,
      `/api/calls/${CALL}/students/${late!.student.id}/documents`,
      { kind: "activity", activityKind: "international-event" },
      { bytes: SAMPLE_PNG, type: "image/png", name: "late.png" },
    );
    expect(lateDoc.status).toBe(409);
    expect(await reasonOf(lateDoc)).toBe("DOCUMENTS_DEADLINE_PASSED");
  });

  let run1 = "";
  let run2 = "";
  it("runs the engine, keeps the input hash, and shows what changed between two runs", async () => {
    await at("2018-05-08T09:00:00+02:00");
    expect((await me.api.post(`/api/calls/${CALL}/award-runs`, {})).status).toBe(403);
    expect((await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, { centre: B })).status).toBe(403);
    const first1 = await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, {});
    expect(first1.status).toBe(201);
    const r1 = (await first1.json()) as {
      id: string;
      centre: string;
      inputSha256: string;
      runBy: { userId: string | null; label: string; displayName: string | null };
      outcome: { results: { studentId: string; status: string; score: { language: number } | null }[] };
    };
    expect(r1.centre).toBe(A);
    // Who ran it: the id and label as recorded, and the runner's display name to show.
    const runBy = {
      userId: coordinatorA.credentials.userId,
      label: `user:${coordinatorA.credentials.userId}`,
      displayName: "Coordinadora Industriales",
    };
    expect(r1.runBy).toEqual(runBy);
    const listed = (await (await coordinatorA.api.get(`/api/calls/${CALL}/award-runs`)).json()) as {
      items: { id: string; runBy: unknown }[];
    };
    expect(listed.items.find((r) => r.id === r1.id)?.runBy).toEqual(runBy);
    const read = (await (await coordinatorA.api.get(`/api/calls/${CALL}/award-runs/${r1.id}`)).json()) as {
      runBy: unknown;
    };
    expect(read.runBy).toEqual(runBy);
    run1 = r1.id;
    const mineIn1 = r1.outcome.results.find((r) => r.studentId === first!.student.id)!;
    expect(mineIn1.status).not.toBe("excluded");
    expect(mineIn1.score?.language).toBe(0); // the C1 certificate is still pending
    expect(r1.outcome.results.find((r) => r.studentId === late!.student.id)?.status).toBe("excluded");

    const again = (await (await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, {})).json()) as {
      id: string;
      inputSha256: string;
    };
    expect(again.inputSha256).toBe(r1.inputSha256);
    const same = await coordinatorA.api.get(`/api/calls/${CALL}/award-runs/${again.id}/changes?from=${run1}`);
    expect(((await same.json()) as { changes: unknown[] }).changes).toEqual([]);

    expect(
      (
        await coordinatorA.api.post(`/api/calls/${CALL}/documents/${pdfDocumentId}/review`, {
          decision: "verified",
        })
      ).status,
    ).toBe(200);
    const r2 = (await (await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, {})).json()) as {
      id: string;
      inputSha256: string;
    };
    expect(r2.inputSha256).not.toBe(r1.inputSha256);
    run2 = r2.id;
    const diff = (await (
      await coordinatorA.api.get(`/api/calls/${CALL}/award-runs/${run2}/changes?from=${run1}`)
    ).json()) as {
      changes: { studentId: string; total?: { from: number; to: number } }[];
    };
    const mine2 = diff.changes.find((c) => c.studentId === first!.student.id)!;
    expect(mine2.total!.to - mine2.total!.from).toBeCloseTo(1.25, 6);
    expect((await coordinatorB.api.get(`/api/calls/${CALL}/award-runs/${run2}`)).status).toBe(404);
    const runs = (await (await office.api.get(`/api/calls/${CALL}/award-runs`)).json()) as {
      items: { seq: number }[];
    };
    expect(runs.items.map((r) => r.seq)).toEqual([3, 2, 1]);
  });

  let listId = "";
  it("publishes the provisional list on its date, pseudonymised, immutable, superseded with a reason", async () => {
    const publish = (who: Person, body: unknown) => who.api.post(`/api/calls/${CALL}/lists`, body);
    const early = await publish(coordinatorA, { centre: A, kind: "provisional", runId: run2 });
    expect(early.status).toBe(409);
    expect(await reasonOf(early)).toBe("TOO_EARLY");
    await at("2018-05-11T09:00:00+02:00");
    const stale = await publish(coordinatorA, { centre: A, kind: "provisional", runId: run1 });
    expect(await reasonOf(stale)).toBe("STALE_RUN");
    expect((await publish(coordinatorB, { centre: A, kind: "provisional", runId: run2 })).status).toBe(403);
    expect((await publish(coordinatorA, { centre: A, kind: "definitive", runId: run2 })).status).toBe(409);
    const published = await publish(coordinatorA, { centre: A, kind: "provisional", runId: run2 });
    expect(published.status).toBe(201);
    listId = ((await published.json()) as { id: string }).id;

    const anonymous = client(base);
    const lists = (await (await anonymous.get(`/api/calls/${CALL}/lists`)).json()) as {
      items: { id: string; current: boolean }[];
    };
    expect(lists.items).toEqual([expect.objectContaining({ id: listId, current: true })]);
    const publicList = await anonymous.get(`/api/calls/${CALL}/lists/${listId}`);
    expect(publicList.status).toBe(200);
    const text = await publicList.text();
    for (const s of [first!.student, second!.student]) {
      expect(text).not.toContain(s.id);
      if (s.name) expect(text).not.toContain(s.name);
    }
    const body = JSON.parse(text) as { entries: { maskedId: string; status: string; score: unknown }[] };
    // Drafts never validated are not on the list; the late one is (excluded, NOT_VALIDATED is not shown).
    expect(body.entries.length).toBe(2);
    // The AEPD-style mask (docs/decisions/0013); these two students' masks differ.
    const masked = maskId(first!.student.id);
    expect(masked).not.toBe(maskId(second!.student.id));
    const found = (await (
      await anonymous.get(`/api/calls/${CALL}/lists/${listId}?q=${encodeURIComponent(masked)}`)
    ).json()) as { entries: { maskedId: string }[] };
    expect(found.entries.map((e) => e.maskedId)).toContain(masked);

    const own = await me.api.get(`/api/calls/${CALL}/lists/${listId}/students/${first!.student.id}`);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({
      maskedId: masked,
      view: { result: { studentId: first!.student.id } },
    });
    expect(
      (await classmate.api.get(`/api/calls/${CALL}/lists/${listId}/students/${first!.student.id}`)).status,
    ).toBe(404);

    const noReason = await publish(coordinatorA, { centre: A, kind: "provisional", runId: run2 });
    expect(await reasonOf(noReason)).toBe("REASON_REQUIRED");
    const superseding = await publish(coordinatorA, {
      centre: A,
      kind: "provisional",
      runId: run2,
      reason: "typo in a partner's name",
    });
    expect(superseding.status).toBe(201);
    expect(await superseding.json()).toMatchObject({
      supersedesId: listId,
      reason: "typo in a partner's name",
    });
    const after = await anonymous.get(`/api/calls/${CALL}/lists/${listId}`);
    expect(await after.text()).toBe(text);
    const chain = (await (await anonymous.get(`/api/calls/${CALL}/lists?centre=${A}`)).json()) as {
      items: { current: boolean; supersededById: string | null }[];
    };
    expect(chain.items.map((i) => i.current)).toEqual([false, true]);
    // A student's results page asks once for every current list they are on: the superseding one.
    const views = (path: string) => `/api/calls/${CALL}/students/${path}/list-views`;
    const mine = await me.api.get(views(first!.student.id));
    expect(mine.status).toBe(200);
    const mineBody = (await mine.json()) as { items: { id: string; maskedId: string; view: unknown }[] };
    const currentId = (chain.items as unknown as { id: string; current: boolean }[]).find(
      (i) => i.current,
    )?.id;
    expect(currentId).not.toBe(listId);
    expect(mineBody.items.map((v) => v.id)).toEqual([currentId]);
    expect(mineBody.items[0]).toMatchObject({
      maskedId: masked,
      view: { result: { studentId: first!.student.id } },
    });
    // A student of a centre without a list is on none: an empty answer, not a 404; another's: 404.
    const ofB = demo.dataset.students.find((s) => s.centre === B)!;
    const elsewhere = await person(base, database, { role: "student", centre: B, studentId: ofB.id });
    const none = await elsewhere.api.get(views(ofB.id));
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ items: [] });
    expect((await classmate.api.get(views(first!.student.id))).status).toBe(404);

    // Published lists and runs are never modified, not even by SQL.
    await expect(sql`UPDATE list_publications SET reason = 'x'`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM award_runs`.execute(database.db)).rejects.toThrow(/append-only/);
    // Runs for the centre go on until its definitive list.
    expect((await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, {})).status).toBe(201);
  });

  it("describes every new route in the OpenAPI document with its policy", async () => {
    const doc = (await (await client(base).get("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-policy"?: string }>>;
    };
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/api/calls/{callId}/students/{studentId}/application",
      "/api/calls/{callId}/students/{studentId}/application/validation",
      "/api/calls/{callId}/students/{studentId}/documents",
      "/api/calls/{callId}/award-runs/{runId}/changes",
      "/api/calls/{callId}/lists/{listId}",
      "/api/calls/{callId}/students/{studentId}/list-views",
    ])
      expect(paths).toContain(p);
    expect(doc.paths["/api/calls/{callId}/lists"]?.post?.["x-policy"]).toBe("list:publish");
  });
});
