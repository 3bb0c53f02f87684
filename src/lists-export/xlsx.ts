// A published list as a spreadsheet (exceljs): the table on the first sheet (header row bold and
// frozen, columns sized, numbers as numbers), and what the list is on a second one: the call, the
// centre, the kind, when it was published, the scoring rule and the tie-break statement.
import ExcelJS from "exceljs";
import {
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

export async function renderListXlsx(data: ListExportData, lang: ExportLanguage): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Mobilitas";
  book.created = new Date(data.publishedAt);
  book.modified = new Date(data.publishedAt);

  // Sheet names may not contain "/": "Lista - List".
  const sheetName = (words: { es: string; en: string }) => say(lang, words).replace(" / ", " - ");
  const sheet = book.addWorksheet(sheetName({ es: "Lista", en: "List" }), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((c, i) => ({
    header: headers(lang)[i],
    key: c.key,
    width: Math.max(c.width + 2, headers(lang)[i]!.length + 2),
    ...(c.numeric ? { style: { numFmt: c.key === "rank" ? "0" : "0.0000" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const entry of data.entries) sheet.addRow(rowOf(entry, lang));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };

  const about = book.addWorksheet(sheetName({ es: "Información", en: "About" }));
  about.getColumn(1).width = 120;
  const superseded = supersededLine(data, lang);
  const lines = [
    say(lang, UNIVERSITY),
    `${say(lang, KIND[data.kind])} · Erasmus+`,
    ...headingLines(data, lang),
    `${say(lang, { es: "Lista", en: "List" })}: ${data.listId}`,
    ...(superseded === null ? [] : [superseded]),
    "",
    say(lang, { es: "Baremo", en: "Scoring rule" }),
    ...languagesOf(lang).flatMap((language) => scoringRule(data.scoring, language)),
    ...languagesOf(lang).map((language) => TIE_BREAK[language]),
  ];
  for (const line of lines) about.addRow([line]);
  about.getRow(2).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
