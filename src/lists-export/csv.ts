// A published list as CSV (RFC 4180: comma, CRLF, quotes doubled), UTF-8 with a byte order mark so
// that Excel opens the accents right. Numbers are written with a dot, as JSON writes them; empty
// cells are empty. Only the table: the formal notes (scoring rule, tie-break) are in the PDF and in
// the spreadsheet's second sheet.
import { stringify } from "csv-stringify/sync";
import { type ExportLanguage, headers, type ListExportData, rowOf } from "./model.ts";

export function renderListCsv(data: ListExportData, lang: ExportLanguage): string {
  return stringify(
    data.entries.map((entry) => rowOf(entry, lang).map((cell) => (cell === null ? "" : String(cell)))),
    { header: true, columns: headers(lang), bom: true, record_delimiter: "\r\n", quoted_match: /^\s|\s$/ },
  );
}
