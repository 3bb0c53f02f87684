// Students' academic records of a call, as Secretaría gives them (grades, credits, year, first-year
// percentage, enrolment, debts, other programmes, earlier Erasmus months). Language certificates
// and activities are documents that arrive with applications: nothing here reads or writes them.
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).

import type { Kysely, Selectable } from "kysely";
import { toDecimal } from "../decimal.ts";
import type { DB, StudentsTable } from "../schema.ts";
import { likePattern } from "./agreements.ts";
import { type AcademicRecord, academicRecordOf } from "./student-rows.ts";

export type { AcademicRecord };

type Executor = Kysely<DB>;

/** A student's record without the documents (certificates, activities). */

export interface StoredStudent {
  record: AcademicRecord;
  degree: string | null;
  email: string | null;
}

export interface StudentFilter {
  /** Only these centres' students (a coordinator's scope). */
  centres?: readonly string[];
  /** Only this student (a student's own scope). */
  studentId?: string;
  /** Part of the id or the name, any case. */
  search?: string;
  limit: number;
  offset: number;
}

export async function listStudents(
  db: Executor,
  callId: string,
  filter: StudentFilter,
): Promise<{ items: StoredStudent[]; total: number }> {
  let query = db.selectFrom("students").where("call_id", "=", callId);
  if (filter.centres !== undefined) {
    if (filter.centres.length === 0) return { items: [], total: 0 };
    query = query.where("centre_code", "in", filter.centres);
  }
  if (filter.studentId !== undefined) query = query.where("id", "=", filter.studentId);
  if (filter.search !== undefined) {
    const pattern = likePattern(filter.search);
    query = query.where((eb) => eb.or([eb("id", "ilike", pattern), eb("name", "ilike", pattern)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy("position").limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: Number(count.n) };
}

export async function findStudent(
  db: Executor,
  callId: string,
  studentId: string,
): Promise<StoredStudent | undefined> {
  const row = await db
    .selectFrom("students")
    .selectAll()
    .where("call_id", "=", callId)
    .where("id", "=", studentId)
    .executeTakeFirst();
  return row === undefined ? undefined : present(row);
}

/** Every stored record of the call, by student id. */
export async function findAllStudents(db: Executor, callId: string): Promise<Map<string, StoredStudent>> {
  const rows = await db.selectFrom("students").selectAll().where("call_id", "=", callId).execute();
  return new Map(rows.map((row) => [row.id, present(row)]));
}

function present(s: Selectable<StudentsTable>): StoredStudent {
  return {
    record: academicRecordOf(s),
    degree: s.degree_code,
    email: s.email,
  };
}

function columns({ record: s, degree, email }: StoredStudent) {
  return {
    name: s.name ?? null,
    email,
    centre_code: s.centre,
    degree_code: degree,
    cycle: s.cycle,
    year_of_study: s.yearOfStudy,
    average_grade: toDecimal(s.averageGrade),
    credits_passed: toDecimal(s.creditsPassed),
    degree_credits: toDecimal(s.degreeCredits),
    first_year_credits_pct: toDecimal(s.firstYearCreditsPct),
    nationality: s.nationality,
    residence_permit: s.residencePermit,
    enrolled: s.enrolled,
    has_debts: s.hasDebts,
    in_other_mobility_programme: s.inOtherMobilityProgramme,
    previous_erasmus_months: toDecimal(s.previousErasmusMonths),
    gender: s.gender ?? null,
    disability: s.disability ?? null,
    disadvantaged: s.disadvantaged ?? null,
  };
}

// Well below PostgreSQL's 65 535 parameters per statement (21 columns a row).
const CHUNK_ROWS = 1000;

/** Appends new records after the call's last one, in the given order. */
export async function insertStudents(
  tx: Executor,
  callId: string,
  students: readonly StoredStudent[],
): Promise<void> {
  if (students.length === 0) return;
  const last = await tx
    .selectFrom("students")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("call_id", "=", callId)
    .executeTakeFirst();
  const first = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  const rows = students.map((stored, i) => ({
    call_id: callId,
    id: stored.record.id,
    position: first + i,
    ...columns(stored),
  }));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS)
    await tx
      .insertInto("students")
      .values(rows.slice(start, start + CHUNK_ROWS))
      .execute();
}

export async function updateStudent(tx: Executor, callId: string, stored: StoredStudent): Promise<void> {
  await tx
    .updateTable("students")
    .set(columns(stored))
    .where("call_id", "=", callId)
    .where("id", "=", stored.record.id)
    .execute();
}
