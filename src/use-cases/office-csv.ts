// What the office's CSV imports check beyond the cells' formats (src/imports): that ids are codes,
// texts are not absurdly long, the centre exists and is one the importer manages, and that a row
// does not take over a record of another centre. Checked on every row, even rows whose cells are
// bad, so one refusal names every bad row.

import type { CsvRow, RowError } from "../imports/csv.ts";
import { rowError } from "../imports/csv.ts";
import { type Action, type Actor, can } from "../policies/policies.ts";
import { code } from "../schemas/common.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export interface ScopeContext {
  actor: Actor;
  action: Action;
  /** Every stored centre's code. */
  centres: ReadonlySet<string>;
  /** The centre of each stored record of the call, by id. */
  ownerOf: ReadonlyMap<string, string>;
}

/**
 * The problems of one row that its cells' formats do not show. `idColumn` holds the record's id,
 * `lengths` the longest text each column may hold.
 */
export function rowProblems(
  row: CsvRow,
  idColumn: string,
  lengths: Readonly<Record<string, number>>,
  scope: ScopeContext,
): RowError[] {
  const errors: RowError[] = [];
  for (const [column, value] of Object.entries(row.cells)) {
    if (CONTROL.test(value)) errors.push(rowError(row.row, column, "CONTROL_CHARACTER"));
    const max = lengths[column];
    if (max !== undefined && value.trim().length > max)
      errors.push(rowError(row.row, column, "TOO_LONG", `${value.trim().length} characters, at most ${max}`));
  }
  const id = (row.cells[idColumn] ?? "").trim();
  if (id !== "" && !code.safeParse(id).success) errors.push(rowError(row.row, idColumn, "INVALID_CODE"));

  const centre = (row.cells.centre ?? "").trim();
  if (centre !== "" && !scope.centres.has(centre))
    errors.push(rowError(row.row, "centre", "UNKNOWN_CENTRE", JSON.stringify(centre)));
  else if (centre !== "" && !can(scope.actor, scope.action, { centre }))
    errors.push(rowError(row.row, "centre", "NOT_YOUR_CENTRE", JSON.stringify(centre)));

  // A stored record of a centre out of the importer's scope is not theirs to rewrite (nor to move).
  const owner = scope.ownerOf.get(id);
  if (owner !== undefined && !can(scope.actor, scope.action, { centre: owner }))
    errors.push(rowError(row.row, idColumn, "NOT_YOUR_CENTRE", `${id} is stored for another centre`));
  return errors;
}

/** The integer in a cell when it is one (its format is the parser's business), else undefined. */
export function integerIn(cell: string | undefined): number | undefined {
  const text = (cell ?? "").trim();
  return /^-?\d+$/.test(text) ? Number(text) : undefined;
}

/** One error per row, column and code (the format and the scope checks may both see a row). */
export function dedupe(errors: readonly RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.row}|${e.column}|${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
