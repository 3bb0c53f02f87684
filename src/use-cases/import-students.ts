import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { findCall } from "../db/repositories/calls.ts";
import { existingCentres } from "../db/repositories/centres.ts";
import { findDegrees } from "../db/repositories/degrees.ts";
import {
  findAllStudents,
  insertStudents,
  type StoredStudent,
  updateStudent,
} from "../db/repositories/students.ts";
import type { DB } from "../db/schema.ts";
import { type RowError, readCsvRows, rowError } from "../imports/csv.ts";
import { parseStudentsCsv, STUDENT_CSV_COLUMNS } from "../imports/students-csv.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { ImportReport } from "../schemas/common.ts";
import { dedupe, rowProblems } from "./office-csv.ts";
import { inTransaction, invalidCsv, notFound } from "./office-errors.ts";

const LENGTHS = { name: 300, email: 320 };
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Loads Secretaría's academic records of a call (columns: src/imports/students-csv.ts), upserting
 * by student id; a student's certificates and activities (documents) are left as they are, and no
 * record is ever deleted. All rows or none: any bad row refuses the file, with every bad row named.
 * The same file twice changes nothing. A coordinator may import only rows of their own centre.
 */
export async function importStudents(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  csv: string;
}): Promise<ImportReport> {
  const { db, clock, actor, callId, csv } = options;
  authorize(actor, "student:manage");
  const parsed = parseStudentsCsv(csv);
  const table = readCsvRows(csv, STUDENT_CSV_COLUMNS);
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    if ((await findCall(tx, callId)) === undefined) throw notFound(`call ${callId}`);
    if (!table.ok) throw invalidCsv(parsed.ok ? table.errors : parsed.errors);

    const stored = await findAllStudents(tx, callId);
    const cell = (cells: Record<string, string>, column: string) => (cells[column] ?? "").trim();
    const scope = {
      actor,
      action: "student:manage" as const,
      centres: await existingCentres(
        tx,
        table.rows.map((r) => cell(r.cells, "centre")),
      ),
      ownerOf: new Map([...stored].map(([id, s]) => [id, s.record.centre])),
    };
    const degrees = await findDegrees(
      tx,
      table.rows.map((r) => cell(r.cells, "degree")).filter((d) => d !== ""),
    );
    const errors: RowError[] = [...(parsed.ok ? [] : parsed.errors)];
    for (const row of table.rows) {
      errors.push(...rowProblems(row, "id", LENGTHS, scope));
      const degree = cell(row.cells, "degree");
      const centre = cell(row.cells, "centre");
      if (degree !== "" && degrees.get(degree)?.centre !== centre)
        errors.push(rowError(row.row, "degree", "UNKNOWN_DEGREE", `${JSON.stringify(degree)} in ${centre}`));
      const email = cell(row.cells, "email");
      if (email !== "" && !EMAIL.test(email))
        errors.push(rowError(row.row, "email", "UNKNOWN_VALUE", JSON.stringify(email)));
    }
    if (errors.length > 0 || !parsed.ok) throw invalidCsv(dedupe(errors));

    const created: StoredStudent[] = [];
    const updated: { before: StoredStudent; after: StoredStudent }[] = [];
    let unchanged = 0;
    for (const { student, degree, email } of parsed.records) {
      const { languageCertificates: _documents, activities: _alsoDocuments, ...record } = student;
      // A plain-data copy (no undefined members), as the database gives it back.
      const incoming = JSON.parse(
        JSON.stringify({ record, degree: degree ?? null, email: email ?? null }),
      ) as StoredStudent;
      const before = stored.get(record.id);
      if (before === undefined) created.push(incoming);
      else if (isDeepStrictEqual(before, incoming)) unchanged++;
      else updated.push({ before, after: incoming });
    }
    const now = clock.now();
    await insertStudents(tx, callId, created);
    for (const { after } of updated) await updateStudent(tx, callId, after);
    for (const after of created)
      await recordAudit(tx, now, {
        actor,
        action: "student.created",
        entityType: "student",
        entityId: after.record.id,
        callId,
        centre: after.record.centre,
        after,
      });
    for (const { before, after } of updated)
      await recordAudit(tx, now, {
        actor,
        action: "student.updated",
        entityType: "student",
        entityId: after.record.id,
        callId,
        centre: after.record.centre,
        before,
        after,
      });
    return { created: created.length, updated: updated.length, unchanged };
  });
}
