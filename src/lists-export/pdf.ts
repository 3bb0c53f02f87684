// A published list as a formal PDF (pdf-lib): A4 landscape; the university, the call, the centre and
// the kind of list, when it was published (Madrid time), a superseded notice when another
// publication replaced it, the scoring rule and the tie-break statement, then the pseudonymised
// table, its header repeated on every page, and "page n of N" on each. Deterministic: the same
// list gives the same bytes (the document's dates are the publication's instant). Set in DejaVu Sans
// (src/pdf/fonts.ts), so partners' names in any European script print as written.
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { drawLine, embedDocumentFonts, printable, widthOf, wrap } from "../pdf/fonts.ts";
import {
  type Cell,
  COLUMNS,
  type ExportLanguage,
  headers,
  headingLines,
  KIND,
  type ListExportData,
  languagesOf,
  rowOf,
  say,
  scoringRule,
  supersededLine,
  TIE_BREAK,
  UNIVERSITY,
} from "./model.ts";

const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 40;
const WIDTH = PAGE[0] - 2 * MARGIN;
const BODY = 8;
const ROW = 12;
const FOOTER_Y = 22;

const cellText = (cell: Cell, lang: ExportLanguage): string => {
  if (cell === null) return "";
  if (typeof cell === "number")
    return new Intl.NumberFormat(lang === "en" ? "en-GB" : "es-ES", {
      maximumFractionDigits: 4,
      useGrouping: false,
    }).format(cell);
  return cell;
};

/** Cuts text to fit one table cell, with "…" when it had to. */
function fitCell(text: string, font: PDFFont, size: number, width: number): string {
  const clean = printable(text, font);
  if (widthOf(clean, font, size) <= width) return clean;
  const cut = [...clean];
  while (cut.length > 0 && widthOf(`${cut.join("")}…`, font, size) > width) cut.pop();
  return `${cut.join("")}…`;
}

export async function renderListPdf(data: ListExportData, lang: ExportLanguage): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const at = new Date(data.publishedAt);
  const title = `${say(lang, KIND[data.kind])} · ${data.callId} · ${data.centre.code}`;
  pdf.setTitle(title);
  pdf.setLanguage(lang === "en" ? "en" : "es");
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setProducer("Mobilitas");
  const { regular, bold } = await embedDocumentFonts(pdf);

  let page: PDFPage = pdf.addPage(PAGE);
  let y = PAGE[1] - MARGIN;
  const text = (line: string, font: PDFFont, size: number, x = MARGIN, color = rgb(0, 0, 0)) => {
    drawLine(page, printable(line, font), { x, y, size, font, color });
  };
  const paragraph = (line: string, font: PDFFont, size: number, color = rgb(0, 0, 0)) => {
    for (const part of wrap(line, font, size, WIDTH)) {
      text(part, font, size, MARGIN, color);
      y -= size + 4;
    }
  };
  const superseded = supersededLine(data, lang);
  const red = rgb(0.65, 0, 0);

  // The formal heading, on the first page.
  paragraph(say(lang, UNIVERSITY), regular, 10);
  y -= 4;
  paragraph(`${say(lang, KIND[data.kind])} · Erasmus+`, bold, 16);
  for (const line of headingLines(data, lang)) paragraph(line, regular, 10);
  if (data.supersedesId !== null)
    paragraph(
      `${say(lang, { es: "Sustituye a", en: "Supersedes" })}: ${data.supersedesId}${
        data.reason === null ? "" : ` — ${data.reason}`
      }`,
      regular,
      10,
    );
  if (superseded !== null) paragraph(superseded, bold, 11, red);
  y -= 6;
  paragraph(say(lang, { es: "Baremo", en: "Scoring rule" }), bold, 10);
  for (const language of languagesOf(lang))
    for (const line of scoringRule(data.scoring, language)) paragraph(line, regular, 9);
  y -= 2;
  for (const language of languagesOf(lang)) paragraph(TIE_BREAK[language], regular, 9);
  paragraph(
    say(lang, {
      es: "Datos seudonimizados: documento enmascarado e iniciales (SPEC 12.8).",
      en: "Pseudonymised data: masked id and initials (SPEC 12.8).",
    }),
    regular,
    8,
  );
  y -= 8;

  // The table, its header on every page.
  const totalWidth = COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = COLUMNS.map((c) => (c.width / totalWidth) * WIDTH);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const head = headers(lang);
  const headLines = head.map((h, i) => wrap(h, bold, BODY, widths[i]! - 4));
  const headHeight = Math.max(...headLines.map((l) => l.length)) * (BODY + 2) + 4;
  const drawHeader = () => {
    page.drawRectangle({
      x: MARGIN,
      y: y - headHeight + BODY,
      width: WIDTH,
      height: headHeight,
      color: rgb(0.9, 0.92, 0.95),
    });
    headLines.forEach((lines, i) => {
      lines.forEach((line, j) => {
        drawLine(page, line, { x: xs[i]! + 2, y: y - j * (BODY + 2), size: BODY, font: bold });
      });
    });
    y -= headHeight + 2;
  };
  const newPage = () => {
    page = pdf.addPage(PAGE);
    y = PAGE[1] - MARGIN;
    paragraph(`${say(lang, UNIVERSITY)} · ${title}`, regular, 8);
    if (superseded !== null) paragraph(superseded, bold, 8, red);
    y -= 6;
    drawHeader();
  };
  drawHeader();
  if (data.entries.length === 0)
    paragraph(
      say(lang, { es: "La lista no tiene solicitudes.", en: "The list has no applications." }),
      regular,
      9,
    );
  // A cell's text wraps on spaces (codes and substitute positions are separated by "; "), so a
  // formal document never cuts a value short; a single word too long is cut with "…".
  const LINE = BODY + 2;
  for (const [n, entry] of data.entries.entries()) {
    const cells = rowOf(entry, lang).map((cell, i) =>
      wrap(cellText(cell, lang), regular, BODY, widths[i]! - 4).map((line) =>
        fitCell(line, regular, BODY, widths[i]! - 4),
      ),
    );
    const height = ROW + (Math.max(1, ...cells.map((lines) => lines.length)) - 1) * LINE;
    if (y - height + ROW < MARGIN + ROW) newPage();
    if (n % 2 === 1)
      page.drawRectangle({
        x: MARGIN,
        y: y - height + ROW - 3,
        width: WIDTH,
        height,
        color: rgb(0.96, 0.96, 0.96),
      });
    cells.forEach((lines, i) => {
      lines.forEach((value, j) => {
        const x = COLUMNS[i]!.numeric ? xs[i]! + widths[i]! - 2 - widthOf(value, regular, BODY) : xs[i]! + 2;
        drawLine(page, value, { x, y: y - j * LINE, size: BODY, font: regular });
      });
    });
    y -= height;
  }

  // Page numbers, once the number of pages is known.
  const pages = pdf.getPages();
  for (const [i, p] of pages.entries()) {
    const label = printable(
      say(lang, { es: `Página ${i + 1} de ${pages.length}`, en: `Page ${i + 1} of ${pages.length}` }),
      regular,
    );
    drawLine(p, label, {
      x: PAGE[0] - MARGIN - widthOf(label, regular, 8),
      y: FOOTER_Y,
      size: 8,
      font: regular,
    });
    drawLine(p, printable(`${data.callId} · ${data.centre.code} · ${data.listId}`, regular), {
      x: MARGIN,
      y: FOOTER_Y,
      size: 8,
      font: regular,
    });
  }
  return pdf.save({ useObjectStreams: false });
}
