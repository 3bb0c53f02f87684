// The validation receipt as a PDF over real HTTP, for a student and partners named outside WinAnsi
// (Czech, Polish, Greek, Hungarian): the names stored in the database come back printed as written,
// in DejaVu Sans embedded as subsets (the glyphs drawn are DejaVu's for that text), a partner's name
// too long for one line wraps instead of running off the page, and the same receipt gives the same
// bytes.
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { Dataset } from "../../src/domain/dataset.ts";
import type { App } from "../../src/http/app.ts";
import { importDataset } from "../../src/use-cases/import-dataset.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { callInput, demo, loadCentresAndDegrees } from "../support/office.ts";
import { dejaVuOutlines, expectDejaVuSubsets, shownRuns } from "../support/pdf-text.ts";
import { eligibleStudents, type Person, person } from "../support/workflow.ts";

const CALL = "receipts";
const A = "ETSII";
const STUDENT = "Kateřina Dvořáková";
const PARTNERS = [
  "Politechnika Łódzka",
  "Πανεπιστήμιο Αθηνών",
  "Budapesti Műszaki és Gazdaságtudományi Egyetem, Villamosmérnöki és Informatikai Kar, Távközlési és Médiainformatikai Tanszék",
];

describe(`the receipt PDF prints names as written, over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const [chosen] = eligibleStudents(A, 3);
  const choices = chosen!.eligible.slice(0, 3);
  const dataset: Dataset = {
    ...demo.dataset,
    call: { ...demo.dataset.call, id: CALL },
    agreements: demo.dataset.agreements
      .filter((a) => a.centre === A)
      .map((a) =>
        choices.includes(a.id)
          ? { ...a, partner: { ...a.partner, name: PARTNERS[choices.indexOf(a.id)]! } }
          : a,
      ),
    students: demo.dataset.students
      .filter((s) => s.centre === A)
      .map((s) => (s.id === chosen!.student.id ? { ...s, name: STUDENT } : s)),
    applications: [],
  };
  let student: Person;
  const mine = (rest = "") => `/api/calls/${CALL}/students/${chosen!.student.id}/application${rest}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    const office = await person(base, database, { role: "office" });
    expect((await office.api.post("/api/calls", callInput(CALL))).status).toBe(201);
    await importDataset({ db: database.db, clock, dataset, replace: true });
    student = await person(base, database, { role: "student", centre: A, studentId: chosen!.student.id });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("prints the student's and the partners' names in DejaVu Sans, the same bytes each time", async () => {
    expect(choices).toHaveLength(3);
    expect((await student.api.put(mine(), { choices })).status).toBe(200);
    expect((await student.api.post(mine("/validation"))).status).toBe(201);
    const response = await student.api.get(mine("/receipt.pdf"));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    console.log(`[${testDatabaseKind}] receipt PDF: ${bytes.length} bytes`);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });

    expectDejaVuSubsets(pdf, 40_000);

    const [page, ...more] = pdf.getPages();
    expect(more).toEqual([]);
    const runs = shownRuns(page!);
    const lines = runs.map((r) => r.text);
    expect(lines).toContain(`Estudiante / Student: ${chosen!.student.id} — ${STUDENT}`);
    const country = (id: string) => dataset.agreements.find((a) => a.id === id)!.partner.country;
    expect(lines).toContain(`1. ${choices[0]} — Politechnika Łódzka (${country(choices[0]!)})`);
    expect(lines).toContain(`2. ${choices[1]} — Πανεπιστήμιο Αθηνών (${country(choices[1]!)})`);
    // The long name wraps: no line is wider than the page, the name is whole across its lines.
    const third = lines.findIndex((l) => l.startsWith(`3. ${choices[2]} — `));
    expect(third).toBeGreaterThan(0);
    expect(lines[third + 1]).not.toMatch(/^Justificante/);
    expect(lines.slice(third).join(" ")).toContain(`${PARTNERS[2]} (${country(choices[2]!)})`);
    for (const run of runs) expect(run.x + run.width(), run.text).toBeLessThanOrEqual(595.28 - 56);
    expect(lines.join("\n")).not.toContain("?");
    for (const run of runs)
      expect(run.outlines(), run.text).toEqual(
        dejaVuOutlines(run.text, run.baseFont.startsWith("DejaVuSans-Bold")),
      );

    const again = Buffer.from(await (await student.api.get(mine("/receipt.pdf"))).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
  });
});
