// How the office's use cases refuse: bad input names each field or row (VALIDATION_FAILED), an
// unknown or out-of-scope thing is NOT_FOUND, a clash is CONFLICT. A value the database itself
// refuses is the client's input, never a 500.

import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { SettingsProblem } from "../domain/call-settings.ts";
import { AppError, type ErrorIssue } from "../errors.ts";
import type { RowError } from "../imports/csv.ts";

/** Problems of a request body, named by their path in it (as the schema's own issues are). */
export function invalidBody(message: string, problems: readonly SettingsProblem[]): AppError {
  return new AppError(
    "VALIDATION_FAILED",
    message,
    problems.map((p) => ({ path: ["body", ...p.path].join("/"), message: p.message })),
  );
}

/**
 * Bad rows of a CSV file: the path is `csv/<row>/<column>` with rows numbered as a spreadsheet
 * shows them (the header is row 1), and the message starts with the row's stable code.
 */
export function invalidCsv(errors: readonly RowError[]): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  const issues: ErrorIssue[] = [...errors]
    .sort((a, b) => a.row - b.row)
    .map((e) => ({
      path: `csv/${e.row}${e.column === null ? "" : `/${e.column}`}`,
      message: `${e.code}: ${e.message}`,
    }));
  return new AppError(
    "VALIDATION_FAILED",
    `the file was refused as a whole: ${rows} row${rows === 1 ? "" : "s"} with errors, nothing was imported`,
    issues,
  );
}

export const notFound = (what: string): AppError => new AppError("NOT_FOUND", `there is no ${what}`);

/** Runs `work` in one transaction; what PostgreSQL refuses as data comes back as the client's error. */
export async function inTransaction<T>(db: Kysely<DB>, work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    throw asInputError(error);
  }
}

function asInputError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error)) return error;
  const code = "code" in error ? String(error.code) : "";
  // unique_violation: two writers created the same id at once; the loser is told so.
  if (code === "23505") return new AppError("CONFLICT", "it already exists");
  // Other integrity violations (22: data exceptions, 23: constraints) are values the schema let by.
  if (/^2[23]/.test(code))
    return new AppError("VALIDATION_FAILED", `the database refused a value: ${error.message}`);
  return error;
}
