// The academic records Secretaría (Gestión Académica) sends at the start of a call: one row per
// student, with grades, credits, year, first-year percentage, enrolment, debts, other programmes
// and earlier Erasmus months. Language certificates and activities are documents, not records:
// they arrive with the applications.

import { z } from "zod";
import type { Student } from "../domain/dataset.ts";
import {
  booleanCell,
  type CsvResult,
  decimalCell,
  integerCell,
  optionalTextCell,
  parseCsv,
  textCell,
} from "./csv.ts";

const range = (min: number, max: number) =>
  z.number().min(min, { error: "OUT_OF_RANGE" }).max(max, { error: "OUT_OF_RANGE" });

const STUDENT_COLUMNS = {
  id: textCell,
  name: optionalTextCell,
  email: optionalTextCell,
  centre: textCell,
  degree: optionalTextCell,
  cycle: z
    .string()
    .trim()
    .pipe(z.enum(["grado", "master", "doctorado"], { error: "UNKNOWN_VALUE" })),
  yearOfStudy: integerCell.pipe(range(1, 10)),
  averageGrade: decimalCell.pipe(range(0, 10)),
  creditsPassed: decimalCell.pipe(range(0, 1000)),
  degreeCredits: decimalCell.pipe(z.number().gt(0, { error: "OUT_OF_RANGE" })),
  firstYearCreditsPct: decimalCell.pipe(range(0, 100)),
  nationality: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: "UNKNOWN_VALUE" }),
  residencePermit: booleanCell,
  enrolled: booleanCell,
  hasDebts: booleanCell,
  inOtherMobilityProgramme: booleanCell,
  previousErasmusMonths: decimalCell.pipe(range(0, 48)),
  gender: z
    .string()
    .trim()
    .transform((s) => (s === "" ? undefined : s))
    .pipe(z.enum(["female", "male", "other", "undisclosed"], { error: "UNKNOWN_VALUE" }).optional()),
  disability: booleanCell,
  disadvantaged: booleanCell,
};

const OPTIONAL = ["name", "email", "degree", "gender", "disability", "disadvantaged"] as const;

export const STUDENT_CSV_COLUMNS = Object.keys(STUDENT_COLUMNS);

export interface StudentRecord {
  student: Student;
  degree?: string;
  email?: string;
}

export function parseStudentsCsv(text: string): CsvResult<StudentRecord> {
  const parsed = parseCsv(text, STUDENT_COLUMNS, { idColumn: "id", optional: OPTIONAL });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    records: parsed.records.map(({ email, degree, name, gender, ...row }) => ({
      student: {
        ...row,
        ...(name === undefined ? {} : { name }),
        ...(gender === undefined ? {} : { gender }),
        languageCertificates: [],
        activities: [],
      },
      ...(degree === undefined ? {} : { degree }),
      ...(email === undefined ? {} : { email }),
    })),
  };
}
