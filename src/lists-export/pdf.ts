// A published list as a formal PDF (pdf-lib): A4 landscape; the university, the call, the centre and
// the kind of list, when it was published (Madrid time), a superseded notice when another
// publication replaced it, the scoring rule and the tie-break statement, then the pseudonymised
// table, its header repeated on every page, and "page n of N" on each. Deterministic: the same
// list gives the same bytes (the document's dates are the publication's instant).
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
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

// The standard fonts encode WinAnsi only: letters outside it lose their accents ("ł" → "l" is not
// possible by decomposition, so it becomes "?"), never failing the document.
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const encodable = (c: string) => {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(c);
};
export const printable = (text: string): string =>
  [...text.normalize("NFC")]
    .map((c) => {
      if (encodable(c)) return c;
      const plain = c.normalize("NFD").replace(/\p{M}/gu, "");
      return [...plain].every(encodable) && plain !== "" ? plain : "?";
    })
    .join("");

const cellText = (cell: Cell, lang: ExportLanguage): string => {
  if (cell === null) return "";
  if (typeof cell === "number")
    return new Intl.NumberFormat(lang === "en" ? "en-GB" : "es-ES", {
      maximumFractionDigits: 4,
      useGrouping: false,
    }).format(cell);
  return cell;
};

/** Splits text into lines no wider than `width` at this font and size. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of printable(text).split(/\s+/)) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width || current === "") current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}

/** Cuts text to fit one table cell, with "…" when it had to. */
function fitCell(text: string, font: PDFFont, size: number, width: number): string {
  const clean = printable(text);
  if (font.widthOfTextAtSize(clean, size) <= width) return clean;
  let cut = clean;
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export async function renderListPdf(data: ListExportData, lang: ExportLanguage): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const at = new Date(data.publishedAt);
  const title = `${say(lang, KIND[data.kind])} · ${data.callId} · ${data.centre.code}`;
  pdf.setTitle(printable(title));
  pdf.setLanguage(lang === "en" ? "en" : "es");
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setProducer("Mobilitas");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  let page: PDFPage = pdf.addPage(PAGE);
  let y = PAGE[1] - MARGIN;
  const text = (line: string, font: PDFFont, size: number, x = MARGIN, color = rgb(0, 0, 0)) => {
    page.drawText(printable(line), { x, y, size, font, color });
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
        page.drawText(line, { x: xs[i]! + 2, y: y - j * (BODY + 2), size: BODY, font: bold });
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
        const x = COLUMNS[i]!.numeric
          ? xs[i]! + widths[i]! - 2 - regular.widthOfTextAtSize(value, BODY)
          : xs[i]! + 2;
        page.drawText(value, { x, y: y - j * LINE, size: BODY, font: regular });
      });
    });
    y -= height;
  }

  // Page numbers, once the number of pages is known.
  const pages = pdf.getPages();
  for (const [i, p] of pages.entries()) {
    const label = printable(
      say(lang, { es: `Página ${i + 1} de ${pages.length}`, en: `Page ${i + 1} of ${pages.length}` }),
    );
    p.drawText(label, {
      x: PAGE[0] - MARGIN - regular.widthOfTextAtSize(label, 8),
      y: FOOTER_Y,
      size: 8,
      font: regular,
    });
    p.drawText(printable(`${data.callId} · ${data.centre.code} · ${data.listId}`), {
      x: MARGIN,
      y: FOOTER_Y,
      size: 8,
      font: regular,
    });
  }
  return pdf.save({ useObjectStreams: false });
}
