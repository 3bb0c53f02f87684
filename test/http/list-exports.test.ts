// Published lists as files over real HTTP (issue 5): the CSV and the XLSX parsed back and compared
// with the public JSON list, the PDF loaded and its text read out of its content streams (the
// scoring rule, the tie-break statement, a header and page number on every page, every masked id
// once, no name or full id), a superseded list saying so, the refusals. The centre's partners and
// students are named in Polish, Greek, Czech, Hungarian, Romanian and Turkish: the PDF prints them
// as written (the glyphs drawn are DejaVu Sans's for that text), not as WinAnsi would.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { Dataset } from "../../src/domain/dataset.ts";
import type { App } from "../../src/http/app.ts";
import { TIE_BREAK } from "../../src/lists-export/model.ts";
import { importDataset } from "../../src/use-cases/import-dataset.ts";
import { client } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { callInput, demo, loadCentresAndDegrees } from "../support/office.ts";
import { dejaVuOutlines, expectDejaVuSubsets, pageText, shownRuns } from "../support/pdf-text.ts";
import { type Person, person } from "../support/workflow.ts";

const CALL = "exports";
const A = "ETSII";
const B = "ETSIT";

/** Names no WinAnsi font can show (ł, Greek, ř, ő, ș, ı, ğ). */
const PARTNERS = [
  "Politechnika Łódzka",
  "Πανεπιστήμιο Αθηνών",
  "České vysoké učení technické v Praze",
  "Budapesti Műszaki és Gazdaságtudományi Egyetem",
  "Universitatea Tehnică „Gheorghe Asachi” din Iași",
  "Yıldız Teknik Üniversitesi",
  "Gdańsk University of Technology",
];
const NAMES = ["Kateřina Dvořáková", "Ελένη Παπαδοπούλου", "Łucja Żółkiewska", "Şükrü Güneş"];

interface PublicEntry {
  maskedId: string;
  initials: string;
  status: "awarded" | "substitute" | "excluded";
  rank: number | null;
  score: { weightedGrade: number; language: number; activities: number; total: number } | null;
  exclusions: string[];
  destination: { agreementId: string; partnerName: string; country: string } | null;
  substitutePositions: { agreementId: string; position: number }[];
}
interface PublicList {
  id: string;
  centre: string;
  kind: string;
  entries: PublicEntry[];
}

const flat = (text: string) => text.replace(/\s+/g, " ");

describe(`published lists as PDF, CSV and XLSX over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  let office: Person;
  let firstA: PublicList;
  let listA: PublicList;
  let listB: PublicList;
  const dataset: Dataset = {
    ...demo.dataset,
    call: { ...demo.dataset.call, id: CALL },
    agreements: demo.dataset.agreements.map((a, i) =>
      a.centre === A ? { ...a, partner: { ...a.partner, name: PARTNERS[i % PARTNERS.length]! } } : a,
    ),
    students: demo.dataset.students.map((s, i) =>
      s.centre === A && i % 2 === 0 ? { ...s, name: `${NAMES[(i / 2) % NAMES.length]} ${s.name}` } : s,
    ),
  };
  const exportOf = (list: { id: string }, format: string, query = "") =>
    fetch(`${base}/api/calls/${CALL}/lists/${list.id}/export/${format}${query}`);
  const publicList = async (id: string) =>
    (await (await fetch(`${base}/api/calls/${CALL}/lists/${id}`)).json()) as PublicList;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    office = await person(base, database, { role: "office" });
    expect((await office.api.post("/api/calls", callInput(CALL))).status).toBe(201);
    await importDataset({ db: database.db, clock, dataset, replace: true });
    clock.set("2018-05-11T10:00:00+02:00");
    await office.signIn();
    const run = await office.api.post(`/api/calls/${CALL}/award-runs`, {});
    expect(run.status).toBe(201);
    const runId = ((await run.json()) as { id: string }).id;
    const publish = async (centre: string, reason?: string) => {
      const response = await office.api.post(`/api/calls/${CALL}/lists`, {
        centre,
        kind: "provisional",
        runId,
        ...(reason === undefined ? {} : { reason }),
      });
      expect(response.status).toBe(201);
      return publicList(((await response.json()) as { id: string }).id);
    };
    firstA = await publish(A);
    clock.set("2018-05-11T12:30:00+02:00");
    await office.signIn();
    listA = await publish(A, "a typo in the heading");
    listB = await publish(B);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("gives the CSV with a BOM, both languages in the headers, the rows of the public list", async () => {
    expect(listA.entries.length).toBeGreaterThan(45);
    const response = await exportOf(listA, "csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${CALL}_${A}_provisional_${listA.id}.csv"; filename*=UTF-8''${CALL}_${A}_provisional_${listA.id}.csv`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("\r\n");
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toContain("Puntuación / Score");
    expect(rows).toHaveLength(listA.entries.length);
    rows.forEach((row, i) => {
      const entry = listA.entries[i]!;
      expect(row["Documento / ID"]).toBe(entry.maskedId);
      expect(row["Iniciales / Initials"]).toBe(entry.initials);
      expect(row["Orden / Rank"]).toBe(entry.rank === null ? "" : String(entry.rank));
      expect(row["Puntuación / Score"]).toBe(entry.score === null ? "" : String(entry.score.total));
      expect(row["Nota ponderada / Weighted grade"]).toBe(
        entry.score === null ? "" : String(entry.score.weightedGrade),
      );
      expect(row["Estado / Status"]).toBe(
        {
          awarded: "Adjudicada / Awarded",
          substitute: "Suplente / Substitute",
          excluded: "Excluida / Excluded",
        }[entry.status],
      );
      expect(row["Acuerdo / Agreement"]).toBe(entry.destination?.agreementId ?? "");
      expect(row["País / Country"]).toBe(entry.destination?.country ?? "");
      expect(row["Exclusión / Exclusion"]).toBe(entry.exclusions.join("; "));
    });
    expect(rows.some((r) => r["Estado / Status"] === "Adjudicada / Awarded")).toBe(true);
    expect(rows.some((r) => r["Estado / Status"] === "Excluida / Excluded")).toBe(true);
  });

  it("gives one language when asked, in the file name too", async () => {
    const en = await exportOf(listB, "csv", "?lang=en");
    expect(en.headers.get("content-disposition")).toContain(`_${listB.id}_en.csv"`);
    const [header] = (await en.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe(
      "Rank,ID,Initials,Weighted grade,Language,Activities,Score,Status,Agreement,Destination,Country,Substitute for,Exclusion",
    );
    const es = await exportOf(listB, "csv", "?lang=es");
    const [esHeader] = (await es.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(esHeader?.startsWith("Orden,Documento,Iniciales,Nota ponderada,Idioma")).toBe(true);
  });

  it("gives the XLSX: header bold and frozen, numbers as numbers, the rows of the public list", async () => {
    const response = await exportOf(listA, "xlsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("content-disposition")).toContain(`.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).getCell(7).value).toBe("Puntuación / Score");
    expect(sheet.getColumn(10).width).toBeGreaterThan(20);
    expect(sheet.rowCount).toBe(listA.entries.length + 1);
    listA.entries.forEach((entry, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(entry.rank);
      expect(row.getCell(2).value).toBe(entry.maskedId);
      expect(row.getCell(4).value).toBe(entry.score?.weightedGrade ?? null);
      expect(row.getCell(7).value).toBe(entry.score?.total ?? null);
      expect(row.getCell(9).value).toBe(entry.destination?.agreementId ?? null);
    });
    expect(typeof sheet.getRow(2).getCell(7).value).toBe("number");
    const about = book.worksheets[1]!;
    const lines: string[] = [];
    about.eachRow((row) => lines.push(String(row.getCell(1).value ?? "")));
    expect(lines).toContain(TIE_BREAK.es);
    expect(lines).toContain(TIE_BREAK.en);
  });

  it("gives a formal PDF: the rule and tie-break, headers and page numbers on every page, no names", async () => {
    const response = await exportOf(listA, "pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    const pages = pdf.getPages().map(pageText);
    // A4 landscape fits at most 43 rows of 12 pt: a list this long takes several pages.
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(listA.entries.length / 43));
    expect(pages.length).toBeGreaterThan(1);
    const all = flat(pages.join("\n"));
    expect(all).toContain(flat(TIE_BREAK.es));
    expect(all).toContain(flat(TIE_BREAK.en));
    expect(all).toContain(
      "Nota ponderada = nota media × mín(créditos superados / créditos de la titulación, 1)",
    );
    expect(all).toContain("Weighted grade = average grade × min(credits passed / degree credits, 1)");
    expect(all).toContain("Listado provisional / Provisional list");
    expect(all).toContain("Publicado / Published: 11/05/2018 12:30 CEST");
    expect(all).toContain(`Sustituye a / Supersedes: ${firstA.id} — a typo in the heading`);
    expect(all).not.toContain("SUPERSEDED");
    pages.forEach((text, i) => {
      expect(text).toContain(`Página ${i + 1} de ${pages.length} / Page ${i + 1} of ${pages.length}`);
      expect(flat(text)).toContain("Estado / Status");
      expect(flat(text)).toContain("Destino / Destination");
    });
    // Values are wrapped in their cell, never cut: every exclusion code of every row is there.
    const codes = listA.entries.flatMap((e) => e.exclusions);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of new Set(codes))
      expect(all.split(code).length - 1, code).toBe(codes.filter((c) => c === code).length);
    // Every masked id once, in rank order; no student's name or full id anywhere.
    // (Masks are asterisks around a few characters of the id, maybe with a "#n": decision 0013.)
    const shown = [...all.matchAll(/\*+[A-Za-z0-9]+\*+(?:#\d+)?/g)].map((m) => m[0]);
    expect(shown).toEqual(listA.entries.map((e) => e.maskedId));
    for (const student of dataset.students.filter((s) => s.centre === A)) {
      expect(all).not.toContain(student.id);
      expect(all).not.toContain(student.name!);
      expect(all).not.toContain(student.name!.split(" ").slice(0, 2).join(" "));
    }
  });

  it("prints partners' names and students' initials in any European script, in embedded DejaVu Sans", async () => {
    const bytes = new Uint8Array(await (await exportOf(listA, "pdf")).arrayBuffer());
    const pdf = await PDFDocument.load(bytes);
    expectDejaVuSubsets(pdf, 60_000);
    console.log(`[${testDatabaseKind}] list PDF of ${listA.entries.length} rows: ${bytes.length} bytes`);

    const runs = pdf.getPages().flatMap(shownRuns);
    const all = flat(runs.map((r) => r.text).join("\n"));
    const partners = new Set(
      listA.entries.flatMap((e) => (e.destination ? [e.destination.partnerName] : [])),
    );
    expect([...partners]).toEqual(expect.arrayContaining(["Politechnika Łódzka", "Πανεπιστήμιο Αθηνών"]));
    for (const name of partners) expect(all).toContain(name);
    // Each row's masked id then its initials, the Greek and Czech ones as written.
    const initials = listA.entries.map((e) => e.initials);
    expect(initials).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Ε\. Π\. /), expect.stringMatching(/^K\. D\. /)]),
    );
    for (const entry of listA.entries) expect(all).toContain(`${entry.maskedId} ${entry.initials}`);
    expect(all).not.toContain("?");
    // DejaVu is wider than Helvetica: every string, headers and footers too, still ends inside the margin.
    for (const run of runs) expect(run.x + run.width(), run.text).toBeLessThanOrEqual(841.89 - 40 + 0.01);
    // What is printed is what the text says: every string's glyphs are DejaVu Sans's for its text.
    for (const run of runs)
      expect(run.outlines(), run.text).toEqual(
        dejaVuOutlines(run.text, run.baseFont.startsWith("DejaVuSans-Bold")),
      );
    // The same list gives the same bytes.
    const again = new Uint8Array(await (await exportOf(listA, "pdf")).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it("says in the PDF and the spreadsheet that a list was superseded", async () => {
    const pdf = await PDFDocument.load(
      new Uint8Array(await (await exportOf(firstA, "pdf", "?lang=en")).arrayBuffer()),
    );
    const pages = pdf.getPages().map((p) => flat(pageText(p)));
    expect(pages[0]).toContain(
      `SUPERSEDED: this list was replaced by publication ${listA.id} of 11/05/2018 12:30 CEST.`,
    );
    for (const text of pages) expect(text).toContain("SUPERSEDED");
    expect(pages[0]).not.toContain("Puntuación");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await exportOf(firstA, "xlsx", "?lang=es")).arrayBuffer());
    const lines: string[] = [];
    book.worksheets[1]!.eachRow((row) => lines.push(String(row.getCell(1).value ?? "")));
    expect(
      lines.some((l) => l.startsWith(`SUSTITUIDO: esta lista fue sustituida por la publicación ${listA.id}`)),
    ).toBe(true);
  });

  it("refuses an unknown or unpublished list, a list of another call, and an unknown format", async () => {
    const anonymous = client(base);
    expect((await anonymous.get(`/api/calls/${CALL}/lists/nope/export/pdf`)).status).toBe(404);
    const runs = (await (await office.api.get(`/api/calls/${CALL}/award-runs`)).json()) as {
      items: { id: string }[];
    };
    expect((await anonymous.get(`/api/calls/${CALL}/lists/${runs.items[0]!.id}/export/csv`)).status).toBe(
      404,
    );
    expect((await anonymous.get(`/api/calls/other/lists/${listA.id}/export/csv`)).status).toBe(404);
    const bad = await anonymous.get(`/api/calls/${CALL}/lists/${listA.id}/export/docx`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.issues.map((i) => i.path).join(" ")).toContain("format");
    const lang = await anonymous.get(`/api/calls/${CALL}/lists/${listA.id}/export/pdf?lang=fr`);
    expect(lang.status).toBe(400);
    expect(JSON.stringify(await lang.json())).toContain("lang");
  });
});
