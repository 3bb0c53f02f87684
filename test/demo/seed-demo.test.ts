// The demo university on a fresh database (issue 3, item 2): the Schools with their names in
// Spanish and English, their degrees, ~100 agreements (Switzerland's refused by the outcome), 400
// students, the 2018/2019 second call with its whole calendar, one account per role whose printed
// password signs in; seeding again changes nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import { findCall } from "../../src/db/repositories/calls.ts";
import { listCentres } from "../../src/db/repositories/centres.ts";
import { actorOf, findUserByEmail } from "../../src/db/repositories/users.ts";
import { type DemoAccount, seedDemo } from "../../src/demo/seed-demo.ts";
import { demoDocuments } from "../../src/demo/seed-documents.ts";
import {
  buildDemoUniversity,
  DEMO_CALENDAR,
  DEMO_CENTRES,
  DEMO_DEGREES,
  DEMO_NOW,
  demoCall,
} from "../../src/demo/university.ts";
import type { Dataset } from "../../src/domain/dataset.ts";
import type { Outcome } from "../../src/domain/outcome.ts";
import { diskFileStore } from "../../src/files/file-store.ts";
import { sniffDocument } from "../../src/files/sniff.ts";
import { buildApp } from "../../src/http/app.ts";
import { ROLES } from "../../src/policies/policies.ts";
import { awardCall } from "../../src/use-cases/award-call.ts";
import { bootstrapAdmin } from "../../src/use-cases/bootstrap-admin.ts";
import { createCentre } from "../../src/use-cases/create-centre.ts";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { signIn } from "../support/auth.ts";
import { createTestDatabase, rowCounts, type TestDatabase, testDatabaseKind } from "../support/database.ts";

const CALL_ID = demoCall().id;
const filesRoot = mkdtempSync(path.join(tmpdir(), "mobilitas-demo-files-"));
const files = diskFileStore(filesRoot);
afterAll(() => rmSync(filesRoot, { recursive: true, force: true }));

describe(`the demo university seeded on a fresh ${testDatabaseKind} database`, () => {
  let database: TestDatabase;
  const clock = new TestClock(DEMO_NOW);
  let accounts: DemoAccount[];
  let dataset: Dataset;
  let outcome: Outcome;

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = performance.now();
    const created = await seedDemo({ db: database.db, clock, files });
    console.info(`seedDemo on ${database.kind}: ${(performance.now() - started).toFixed(0)} ms`);
    if (created === null) throw new Error("a fresh database already had the demo");
    accounts = created;
    dataset = await exportDataset({ db: database.db, callId: CALL_ID });
    outcome = await awardCall({ db: database.db, callId: CALL_ID });
  });
  afterAll(() => database?.dispose());

  it("has the Schools with their names in Spanish and in English", async () => {
    const centres = await database.db
      .selectFrom("centres")
      .select(["code", "name", "name_en"])
      .orderBy("code")
      .execute();
    expect(centres).toEqual(
      DEMO_CENTRES.map((c) => ({ code: c.code, name: c.nameEs, name_en: c.nameEn })).sort((a, b) =>
        a.code.localeCompare(b.code),
      ),
    );
    expect(centres.map((c) => c.code)).toEqual(
      expect.arrayContaining(["ETSII", "ETSIT", "ETSAE", "ETSINO", "FCE", "ETSIA", "ETSICCPIM"]),
    );
    for (const centre of centres) expect(centre.name).not.toBe(centre.name_en);
    expect(centres.find((c) => c.code === "FCE")).toMatchObject({
      name: "Facultad de Ciencias de la Empresa",
      name_en: "Faculty of Business",
    });
  });

  it("has every School's degrees, in both languages, of every cycle", async () => {
    const degrees = await database.db
      .selectFrom("degrees")
      .select(["code", "centre_code", "name", "name_en", "cycle", "credits"])
      .execute();
    expect(degrees).toHaveLength(DEMO_DEGREES.length);
    for (const centre of DEMO_CENTRES) {
      expect(degrees.filter((d) => d.centre_code === centre.code).length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(degrees.map((d) => d.cycle))).toEqual(new Set(["grado", "master", "doctorado"]));
    for (const degree of degrees) {
      expect(degree.name).not.toBe(degree.name_en);
      expect(Number(degree.credits)).toBeGreaterThan(0);
    }
  });

  it("has ~100 agreements in the programme countries and Switzerland, whose are refused by the outcome", () => {
    expect(dataset.agreements.length).toBeGreaterThanOrEqual(90);
    expect(dataset.agreements.length).toBeLessThanOrEqual(110);
    const programme = new Set(dataset.call.eligibility.programmeCountries);
    expect(programme.has("CH")).toBe(false);
    const swiss = new Set(dataset.agreements.filter((a) => a.partner.country === "CH").map((a) => a.id));
    expect(swiss.size).toBeGreaterThan(0);
    for (const a of dataset.agreements) {
      if (!swiss.has(a.id)) expect(programme.has(a.partner.country), a.id).toBe(true);
    }
    expect(new Set(dataset.agreements.map((a) => a.partner.country)).size).toBeGreaterThan(20);

    // Students did choose Swiss partners, and every such choice is refused as outside the programme.
    const swissChoices = outcome.results.flatMap((r) => r.choices.filter((c) => swiss.has(c.agreementId)));
    expect(swissChoices.length).toBeGreaterThan(0);
    for (const choice of swissChoices) {
      expect(choice.eligible).toBe(false);
      expect(choice.reasons).toContain("COUNTRY_NOT_IN_PROGRAMME");
    }
    for (const a of outcome.agreements.filter((x) => swiss.has(x.agreementId))) {
      expect(a.awarded).toEqual([]);
    }
    // …while others are awarded.
    expect(outcome.results.filter((r) => r.status === "awarded").length).toBeGreaterThan(20);
  });

  it("has 400 students with grades, credits and certificates, and their applications", () => {
    expect(dataset.students).toHaveLength(400);
    const centres = new Set(DEMO_CENTRES.map((c) => c.code));
    for (const s of dataset.students) {
      expect(centres.has(s.centre), s.id).toBe(true);
      expect(s.averageGrade).toBeGreaterThanOrEqual(5);
      expect(s.averageGrade).toBeLessThanOrEqual(10);
      expect(s.creditsPassed).toBeLessThanOrEqual(s.degreeCredits);
    }
    expect(dataset.students.filter((s) => s.languageCertificates.length > 0).length).toBeGreaterThan(100);
    expect(dataset.applications.length).toBeGreaterThan(100);
  });

  it("has the 2018/2019 second call with its whole calendar (SPEC 4)", async () => {
    const call = await findCall(database.db, CALL_ID);
    expect(call).toBeDefined();
    expect(call!.round).toBe(2);
    expect(call!.call.academicYear).toBe("2018/2019");
    expect(call!.call.applicationDeadline).toBe(DEMO_CALENDAR.applicationDeadline);
    const instants = (calendar: object) =>
      Object.fromEntries(
        Object.entries(calendar).map(([k, v]: [string, unknown]) => [
          k,
          typeof v === "string" ? new Date(v).toISOString() : null,
        ]),
      );
    expect(instants(call!.calendar)).toEqual(instants(DEMO_CALENDAR));
    for (const date of Object.values(call!.calendar)) expect(date).not.toBeNull();
    // DEMO_NOW stands inside the application period.
    expect(Date.parse(DEMO_CALENDAR.applicationOpensAt!)).toBeLessThan(Date.parse(DEMO_NOW));
    expect(Date.parse(DEMO_NOW)).toBeLessThan(Date.parse(DEMO_CALENDAR.applicationDeadline));
  });

  it("has one account per role of SPEC 2, each with its own password, and each signs in", async () => {
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(ROLES));
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
    expect(new Set(accounts.map((a) => a.email)).size).toBe(accounts.length);
    const app = await buildApp({ database, clock });
    try {
      for (const account of accounts) {
        const session = await signIn(app, account);
        expect(session.user).toMatchObject({
          email: account.email,
          role: account.role,
          centre: account.centre ?? null,
          studentId: account.studentId ?? null,
        });
        await expect(signIn(app, { ...account, password: `${account.password}x` })).rejects.toThrow(/401/);
      }
    } finally {
      await app.close();
    }
  });

  it("has certificates waiting for review at the two centres with a coordinator, some already reviewed", async () => {
    const documents = await database.db
      .selectFrom("documents")
      .select([
        "student_id",
        "centre_code",
        "status",
        "review_reason",
        "file_sha256",
        "media_type",
        "uploaded_at",
      ])
      .where("call_id", "=", CALL_ID)
      .execute();
    const expected = demoDocuments(buildDemoUniversity());
    expect(documents.length).toBe(expected.length);
    expect(documents.length).toBeGreaterThan(60);
    const applicants = new Set(dataset.applications.map((a) => a.studentId));
    for (const doc of documents) {
      expect(applicants.has(doc.student_id)).toBe(true);
      // Handed in before the documents deadline, whatever the demo's clock.
      expect(new Date(doc.uploaded_at).getTime()).toBeLessThan(Date.parse(DEMO_CALENDAR.documentsDeadline!));
      if (doc.status === "rejected") expect(doc.review_reason).toMatch(/\S/);
    }
    const byStatus = (status: string) => documents.filter((d) => d.status === status).length;
    expect(byStatus("pending")).toBeGreaterThan(40);
    expect(byStatus("verified")).toBeGreaterThan(0);
    expect(byStatus("rejected")).toBeGreaterThan(0);
    for (const centre of ["ETSII", "ETSIT"]) {
      expect(
        documents.filter((d) => d.centre_code === centre && d.status === "pending").length,
      ).toBeGreaterThan(5);
    }
    // The files are stored by their hash, and their content is what the document says it is.
    for (const doc of documents.slice(0, 12)) {
      const stream = await files.open(doc.file_sha256 ?? "");
      expect(stream).toBeDefined();
      const chunks: Buffer[] = [];
      for await (const chunk of stream!) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      const staged = await files.stage((await import("node:stream")).Readable.from([bytes]), 1 << 24);
      const sniffed = await sniffDocument(staged, {
        mediaType: doc.media_type ?? undefined,
        fileName: undefined,
      });
      await staged.discard();
      expect(sniffed).toMatchObject({ ok: true, mediaType: doc.media_type });
    }
  });

  it("records the loading in the audit log", async () => {
    const [imported] = await listAudit(database.db, { callId: CALL_ID, entityType: "call", limit: 100 }).then(
      (records) => records.filter((r) => r.action === "call.imported"),
    );
    expect(imported?.after).toMatchObject({ agreements: dataset.agreements.length, students: 400 });
    expect((await listAudit(database.db, { entityType: "centre", limit: 100 })).length).toBe(
      DEMO_CENTRES.length,
    );
  });

  it("changes nothing when run again", async () => {
    const before = await rowCounts(database.db);
    clock.advance(3600_000);
    expect(await seedDemo({ db: database.db, clock, files })).toBeNull();
    expect(await rowCounts(database.db)).toEqual(before);
    expect(await exportDataset({ db: database.db, callId: CALL_ID })).toStrictEqual(dataset);
  });
});

describe(`a demo start interrupted half-way on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  const clock = new TestClock(DEMO_NOW);
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.dispose());

  it("resumes where it stopped: what exists is kept, the rest is made, the accounts are new", async () => {
    // A first start that died after loading the call, before any account but the administrator.
    const admin = await bootstrapAdmin({
      db: database.db,
      clock,
      admin: { email: "admin@demo.upct.es", password: "a password long enough" },
    });
    expect(admin.kind).toBe("admin-created");
    const actor = actorOf((await findUserByEmail(database.db, "admin@demo.upct.es"))!);
    const first = DEMO_CENTRES[0]!;
    await createCentre({
      db: database.db,
      clock,
      actor,
      input: { code: first.code, name: first.nameEs, nameEn: first.nameEn },
    });
    const created = await seedDemo({ db: database.db, clock, files });
    expect(created?.map((a) => a.role).sort()).toEqual(
      ["coordinator", "coordinator", "incoming", "language-service", "mentor", "office", "student"].sort(),
    );
    expect((await listCentres(database.db)).length).toBe(DEMO_CENTRES.length);
    expect(await seedDemo({ db: database.db, clock, files })).toBeNull();
  });
});
