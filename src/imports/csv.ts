// Reading the spreadsheets an office exports (Secretaría's academic records, the agreements list):
// comma, semicolon or tab separated (Spanish spreadsheets write "7,5" and separate with ";"),
// a header row naming the columns, UTF-8 with or without a byte-order mark. Every problem is
// reported with its row and column; nothing is imported unless every row is valid.

import { parse } from "csv-parse/sync";
import { z } from "zod";

/** One problem in a file: row 1 is the header, so the first record is row 2. */
export interface RowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export type CsvResult<T> = { ok: true; records: T[] } | { ok: false; errors: RowError[] };

function detectDelimiter(headerLine: string): string {
  const counts = [";", "\t", ","].map((d) => [d, headerLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

/** Decimal numbers written either way: "7.5" or "7,5" (not thousands separators). */
export const decimalCell = z
  .string()
  .trim()
  .regex(/^-?\d+([.,]\d+)?$/, { error: "NOT_A_NUMBER" })
  .transform((s) => Number(s.replace(",", ".")));

export const integerCell = z
  .string()
  .trim()
  .regex(/^-?\d+$/, { error: "NOT_AN_INTEGER" })
  .transform(Number);

const TRUE = new Set(["true", "1", "yes", "y", "si", "sí", "s", "x", "verdadero"]);
const FALSE = new Set(["false", "0", "no", "n", "", "falso"]);
export const booleanCell = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => TRUE.has(s) || FALSE.has(s), { error: "NOT_A_BOOLEAN" })
  .transform((s) => TRUE.has(s));

export const textCell = z.string().trim().min(1, { error: "REQUIRED" });
export const optionalTextCell = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s));

const MESSAGES: Record<string, string> = {
  NOT_A_NUMBER: "not a number (write 7.5 or 7,5)",
  NOT_AN_INTEGER: "not a whole number",
  NOT_A_BOOLEAN: "not yes/no (sí, no, true, false, 1, 0)",
  REQUIRED: "required",
  OUT_OF_RANGE: "out of range",
  UNKNOWN_VALUE: "not one of the allowed values",
  DUPLICATE_ID: "the same id appears on an earlier row",
  MISSING_COLUMN: "the header has no such column",
  UNKNOWN_COLUMN: "the header names a column this import does not know",
  TOO_MANY_CELLS: "the row has more cells than the header has columns",
  UNREADABLE: "the file is not readable as CSV",
  EMPTY: "the file has no rows",
  // Checks against what is stored and who imports (src/use-cases/office-csv.ts).
  INVALID_CODE: "not a code (no spaces at the ends, no /, ?, # or %, at most 100 characters)",
  TOO_LONG: "too long",
  CONTROL_CHARACTER: "contains a control character",
  UNKNOWN_CENTRE: "no such centre",
  UNKNOWN_DEGREE: "no such degree in this centre",
  NOT_YOUR_CENTRE: "of a centre you do not manage",
};

export function rowError(row: number, column: string | null, code: string, detail?: string): RowError {
  const message = MESSAGES[code] ?? code;
  return { row, column, code, message: detail ? `${message}: ${detail}` : message };
}

/** One record of a file: its row number (the header is row 1) and its cells by column name. */
export interface CsvRow {
  row: number;
  cells: Record<string, string>;
}

/** The readable rows, and the rows that are not (more cells than columns). */
type Table =
  | { ok: true; columns: string[]; rows: CsvRow[]; errors: RowError[] }
  | { ok: false; errors: RowError[] };

/** The file's records as text, by the header's column names (those of `known`, "" when missing). */
function readTable(text: string, known: ReadonlySet<string>, optional: ReadonlySet<string>): Table {
  const clean = text.replace(/^\uFEFF/, "");
  const headerLine = clean.split(/\r?\n/, 1)[0] ?? "";
  let rows: string[][];
  try {
    rows = parse(clean, {
      delimiter: detectDelimiter(headerLine),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    return { ok: false, errors: [rowError(line ?? 1, null, "UNREADABLE", (error as Error).message)] };
  }
  const [header, ...records] = rows;
  if (!header || records.length === 0) return { ok: false, errors: [rowError(1, null, "EMPTY")] };
  const columns = header.map((h) => h.trim());
  const errors: RowError[] = [];
  for (const column of columns) if (!known.has(column)) errors.push(rowError(1, column, "UNKNOWN_COLUMN"));
  for (const column of known) {
    if (!columns.includes(column) && !optional.has(column))
      errors.push(rowError(1, column, "MISSING_COLUMN"));
  }
  if (errors.length > 0) return { ok: false, errors };
  const table: CsvRow[] = [];
  records.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length > columns.length) {
      errors.push(rowError(row, null, "TOO_MANY_CELLS", `${cells.length} cells, ${columns.length} columns`));
      return;
    }
    const raw: Record<string, string> = {};
    for (const column of known) raw[column] = "";
    columns.forEach((column, c) => {
      raw[column] = cells[c] ?? "";
    });
    table.push({ row, cells: raw });
  });
  return { ok: true, columns, rows: table, errors };
}

/**
 * The records of a file as text, without checking their cells: for checks that need every row
 * even when some cells are bad (a row of another centre is reported beside a bad number).
 * Fails only when the file cannot be read as a table of these columns; `errors` names the rows
 * that could not be read at all.
 */
export function readCsvRows(text: string, columns: readonly string[]): Table {
  const known = new Set(columns);
  return readTable(text, known, known);
}

/**
 * Parses a CSV file whose columns are the keys of `shape` (plus optional ones), validating each row
 * with zod. Records come back only when every row is valid; otherwise every error is listed.
 */
export function parseCsv<S extends z.ZodRawShape>(
  text: string,
  shape: S,
  options: { idColumn: keyof S & string; optional?: readonly (keyof S & string)[] },
): CsvResult<z.infer<z.ZodObject<S>>> {
  const table = readTable(text, new Set(Object.keys(shape)), new Set<string>(options.optional ?? []));
  if (!table.ok) return table;
  const schema = z.object(shape);
  const errors: RowError[] = [...table.errors];
  const parsed: z.infer<z.ZodObject<S>>[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells: raw } of table.rows) {
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? "");
        const code = MESSAGES[issue.message]
          ? issue.message
          : issue.code === "invalid_value"
            ? "UNKNOWN_VALUE"
            : "OUT_OF_RANGE";
        errors.push(rowError(row, column || null, code, `${JSON.stringify(raw[column] ?? "")}`));
      }
      continue;
    }
    const id = String(raw[options.idColumn]).trim();
    const earlier = seen.get(id);
    if (earlier !== undefined)
      errors.push(rowError(row, options.idColumn, "DUPLICATE_ID", `${id} (row ${earlier})`));
    else seen.set(id, row);
    parsed.push(result.data);
  }
  // In row order, as a person reads the file.
  errors.sort((a, b) => a.row - b.row);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, records: parsed };
}
