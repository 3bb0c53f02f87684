// A stored academic record as the dataset writes it: one mapping for the dataset export
// (call-datasets.ts) and the office's student routes (students.ts).
import type { Selectable } from "kysely";
import type { Cycle, Student } from "../../domain/dataset.ts";
import { fromDecimal } from "../decimal.ts";
import type { StudentsTable } from "../schema.ts";

export type AcademicRecord = Omit<Student, "languageCertificates" | "activities">;

export function academicRecordOf(s: Selectable<StudentsTable>): AcademicRecord {
  return {
    id: s.id,
    ...(s.name === null ? {} : { name: s.name }),
    centre: s.centre_code,
    cycle: s.cycle as Cycle,
    yearOfStudy: s.year_of_study,
    averageGrade: fromDecimal(s.average_grade),
    creditsPassed: fromDecimal(s.credits_passed),
    degreeCredits: fromDecimal(s.degree_credits),
    firstYearCreditsPct: fromDecimal(s.first_year_credits_pct),
    nationality: s.nationality,
    residencePermit: s.residence_permit,
    enrolled: s.enrolled,
    hasDebts: s.has_debts,
    inOtherMobilityProgramme: s.in_other_mobility_programme,
    previousErasmusMonths: fromDecimal(s.previous_erasmus_months),
    ...(s.gender === null ? {} : { gender: s.gender as NonNullable<Student["gender"]> }),
    ...(s.disability === null ? {} : { disability: s.disability }),
    ...(s.disadvantaged === null ? {} : { disadvantaged: s.disadvantaged }),
  };
}
