// Data an office loads, for the office-* tests: the demo university's call, centres and degrees,
// its agreements and students as the spreadsheets an office would upload, and actors per role.
import type { Kysely } from "kysely";
import type { DB } from "../../src/db/schema.ts";
import { buildDemoUniversity, DEMO_CALENDAR, type DemoUniversity } from "../../src/demo/university.ts";
import type { Agreement, Student } from "../../src/domain/dataset.ts";
import type { Actor, Role } from "../../src/policies/policies.ts";
import type { CreateCallInput } from "../../src/schemas/calls.ts";

export const demo: DemoUniversity = buildDemoUniversity();

/** R-327/18 (the demo's call) as the office types it in, under another id when given. */
export function callInput(id = demo.dataset.call.id): CreateCallInput {
  const { call } = demo.dataset;
  return {
    id,
    academicYear: call.academicYear,
    kind: call.kind,
    round: 2,
    maxChoices: call.maxChoices ?? null,
    scoring: structuredClone(call.scoring),
    eligibility: structuredClone(call.eligibility),
    duration: { ...call.duration },
    funding: structuredClone(call.funding),
    calendar: { ...DEMO_CALENDAR },
  };
}

/** The demo's centres and degrees, written directly (what the office would have created first). */
export async function loadCentresAndDegrees(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto("centres")
    .values(demo.centres.map((c) => ({ code: c.code, name: c.nameEs, name_en: c.nameEn })))
    .onConflict((oc) => oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
    .execute();
  await db
    .insertInto("degrees")
    .values(
      demo.degrees.map((d) => ({
        code: d.code,
        centre_code: d.centre,
        name: d.nameEs,
        name_en: d.nameEn,
        cycle: d.cycle,
        credits: String(d.credits),
      })),
    )
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
}

const cell = (value: string | number | boolean | undefined): string => {
  if (value === undefined) return "";
  const text = typeof value === "boolean" ? (value ? "sí" : "no") : String(value);
  return /[",;\n\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const line = (cells: (string | number | boolean | undefined)[]) => cells.map(cell).join(",");

export const AGREEMENTS_HEADER =
  "id,centre,partnerName,partnerErasmusCode,partnerCountry,places,months,cycles,subjectArea,languages,languageRequiredAtApplication,nominationDeadline";

export function agreementRow(a: Agreement, nominationDeadline?: string): string {
  return line([
    a.id,
    a.centre,
    a.partner.name,
    a.partner.erasmusCode,
    a.partner.country,
    a.places,
    a.months,
    a.cycles.join("|"),
    a.subjectArea,
    (a.languageRequirement?.options ?? []).map((o) => `${o.language}:${o.minLevel}`).join("|"),
    a.languageRequirement?.requiredAtApplication ?? false,
    nominationDeadline,
  ]);
}

/** The agreements as the office's spreadsheet: a header and one row each. */
export const agreementsCsv = (agreements: readonly Agreement[], extraRows: string[] = []): string =>
  [AGREEMENTS_HEADER, ...agreements.map((a) => agreementRow(a, "2018-06-30")), ...extraRows].join("\n");

export const STUDENTS_HEADER =
  "id,name,email,centre,degree,cycle,yearOfStudy,averageGrade,creditsPassed,degreeCredits,firstYearCreditsPct,nationality,residencePermit,enrolled,hasDebts,inOtherMobilityProgramme,previousErasmusMonths,gender,disability,disadvantaged";

export function studentRow(s: Student, degree = demo.studentDegrees[s.id]): string {
  return line([
    s.id,
    s.name,
    `${s.id.toLowerCase()}@alu.upct.es`,
    s.centre,
    degree,
    s.cycle,
    s.yearOfStudy,
    s.averageGrade,
    s.creditsPassed,
    s.degreeCredits,
    s.firstYearCreditsPct,
    s.nationality,
    s.residencePermit,
    s.enrolled,
    s.hasDebts,
    s.inOtherMobilityProgramme,
    s.previousErasmusMonths,
    s.gender,
    s.disability ?? false,
    s.disadvantaged ?? false,
  ]);
}

/** Secretaría's spreadsheet of academic records: a header and one row per student. */
export const studentsCsv = (students: readonly Student[], extraRows: string[] = []): string =>
  [STUDENTS_HEADER, ...students.map((s) => studentRow(s)), ...extraRows].join("\n");

/** An actor of a role, as the auth plugin gives it (for use-case tests, without HTTP). */
export function actorOf(role: Role, options: { centre?: string; studentId?: string } = {}): Actor {
  return {
    kind: "user",
    userId: `u-${role}-${options.centre ?? ""}${options.studentId ?? ""}`,
    role,
    centre: options.centre ?? null,
    studentId: options.studentId ?? null,
  };
}
