// Stores a call with everything a dataset carries (dataset.schema.json) and reads it back as the
// same Dataset: same orders, optional fields present exactly when they were given.
// Every function takes the executor explicitly: the use case owns the transaction (STYLE habit 6).
import { type Insertable, type Kysely, sql } from "kysely";
import {
  type Activity,
  type Agreement,
  type Application,
  type Call,
  CEFR_LEVELS,
  type CefrLevel,
  type Cycle,
  type Dataset,
  type LanguageCertificate,
  type LanguageScope,
  type Student,
} from "../../domain/dataset.ts";
import { fromDecimal, toDecimal, toNullableDecimal } from "../decimal.ts";
import type { DB } from "../schema.ts";
import { academicRecordOf } from "./student-rows.ts";

type Executor = Kysely<DB>;

/** The key of a call's advisory lock. */
export const callLockKey = (callId: string) => sql<number>`hashtext(${`call:${callId}`})`;

/** Serialises writers of one call (two imports of the same call id wait for each other). */
export async function lockCall(tx: Executor, callId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${callLockKey(callId)})`.execute(tx);
}

/**
 * The same lock in shared mode, for a change confined to one row that locks that row itself (an
 * agreement's edit): such changes run side by side, and each waits for, and holds off, every
 * holder of the exclusive lock (imports, the award, creating or deleting an agreement).
 * (findAgreementForEdit takes it in the same statement as the agreement's row.)
 */
export async function lockCallShared(tx: Executor, callId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${callLockKey(callId)})`.execute(tx);
}

export async function callExists(db: Executor, callId: string): Promise<boolean> {
  const row = await db.selectFrom("calls").select("id").where("id", "=", callId).executeTakeFirst();
  return row !== undefined;
}

/** Inserts a new call, or, when it exists, rewrites its dataset content in place (its calendar stays). */
export async function saveCallDataset(tx: Executor, dataset: Dataset, now: Date): Promise<void> {
  const { call } = dataset;
  const callId = call.id;
  await ensureCentres(tx, [
    ...dataset.agreements.map((a) => a.centre),
    ...dataset.students.map((s) => s.centre),
  ]);

  const callRow = callColumns(call);
  if (await callExists(tx, callId)) {
    await tx
      .updateTable("calls")
      .set({ ...callRow, updated_at: now })
      .where("id", "=", callId)
      .execute();
    // Children cascade from these (options, certificates, activities, choices).
    for (const table of [
      "call_language_points",
      "call_funding_groups",
      "applications",
      "students",
      "agreements",
    ] as const) {
      await tx.deleteFrom(table).where("call_id", "=", callId).execute();
    }
  } else {
    await tx
      .insertInto("calls")
      .values({ id: callId, ...callRow, created_at: now, updated_at: now })
      .execute();
  }

  await insertRows(
    tx,
    "call_language_points",
    CEFR_LEVELS.flatMap((level) => {
      const points = call.scoring.languagePoints[level];
      return points === undefined ? [] : [{ call_id: callId, level, points: toDecimal(points) }];
    }),
  );
  await insertRows(
    tx,
    "call_funding_groups",
    call.funding.groups.map((g, position) => ({
      call_id: callId,
      position,
      group_number: g.group,
      monthly_eur: toDecimal(g.monthlyEur),
      countries: g.countries,
    })),
  );
  await insertRows(
    tx,
    "agreements",
    dataset.agreements.map((a, position) => ({
      call_id: callId,
      id: a.id,
      position,
      centre_code: a.centre,
      partner_erasmus_code: a.partner.erasmusCode ?? null,
      partner_name: a.partner.name,
      partner_country: a.partner.country,
      places: a.places,
      months: toDecimal(a.months),
      cycles: a.cycles,
      subject_area: a.subjectArea ?? null,
      language_required_at_application: a.languageRequirement?.requiredAtApplication ?? null,
    })),
  );
  await insertRows(
    tx,
    "agreement_language_options",
    dataset.agreements.flatMap((a) =>
      (a.languageRequirement?.options ?? []).map((o, position) => ({
        call_id: callId,
        agreement_id: a.id,
        position,
        language: o.language,
        min_level: o.minLevel,
      })),
    ),
  );
  await insertRows(
    tx,
    "students",
    dataset.students.map((s, position) => ({
      call_id: callId,
      id: s.id,
      position,
      name: s.name ?? null,
      centre_code: s.centre,
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
    })),
  );
  await insertRows(
    tx,
    "language_certificates",
    dataset.students.flatMap((s) =>
      s.languageCertificates.map((c, position) => ({
        call_id: callId,
        student_id: s.id,
        position,
        certificate: c.certificate,
        language: c.language,
        level: c.level ?? null,
        result: toNullableDecimal(c.result),
        results: c.results === undefined ? null : JSON.stringify(c.results),
        verified: c.verified,
      })),
    ),
  );
  await insertRows(
    tx,
    "activities",
    dataset.students.flatMap((s) =>
      s.activities.map((a, position) => ({
        call_id: callId,
        student_id: s.id,
        position,
        kind: a.kind,
        positive_evaluation: a.positiveEvaluation ?? null,
        verified: a.verified,
      })),
    ),
  );
  await insertRows(
    tx,
    "applications",
    dataset.applications.map((a, position) => ({
      call_id: callId,
      id: a.id,
      position,
      student_id: a.studentId,
      validated_at: a.validatedAt,
      validated_at_text: a.validatedAt,
    })),
  );
  await insertRows(
    tx,
    "application_choices",
    dataset.applications.flatMap((a) =>
      a.choices.map((agreementId, position) => ({
        call_id: callId,
        application_id: a.id,
        position,
        agreement_id: agreementId,
      })),
    ),
  );
}

function callColumns(call: Call) {
  return {
    academic_year: call.academicYear,
    kind: call.kind,
    max_choices: call.maxChoices ?? null,
    activity_bonus: toDecimal(call.scoring.activityBonus),
    language_scope: call.scoring.languageScope,
    min_year_of_study: call.eligibility.minYearOfStudy,
    min_first_year_credits_pct: toDecimal(call.eligibility.minFirstYearCreditsPct),
    max_months_per_cycle: toDecimal(call.eligibility.maxMonthsPerCycle),
    programme_countries: call.eligibility.programmeCountries,
    min_months: toDecimal(call.duration.minMonths),
    max_months: toDecimal(call.duration.maxMonths),
    max_funded_months: toDecimal(call.funding.maxFundedMonths),
    application_deadline: call.applicationDeadline,
    application_deadline_text: call.applicationDeadline,
  };
}

/** A centre first seen in a dataset is created with its code as name; staff can rename it. */
async function ensureCentres(tx: Executor, codes: string[]): Promise<void> {
  const unique = [...new Set(codes)];
  for (let start = 0; start < unique.length; start += CHUNK_ROWS) {
    await tx
      .insertInto("centres")
      .values(unique.slice(start, start + CHUNK_ROWS).map((code) => ({ code, name: code })))
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
  }
}

// Multi-row inserts, in chunks that stay well below PostgreSQL's 65 535 parameters per statement.
const CHUNK_ROWS = 1000;

async function insertRows<T extends keyof DB & string>(
  tx: Executor,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    await tx
      .insertInto(table)
      .values(rows.slice(start, start + CHUNK_ROWS))
      .execute();
  }
}

/** The stored call as a Dataset, or undefined when there is no such call. */
export async function findCallDataset(db: Executor, callId: string): Promise<Dataset | undefined> {
  const call = await db.selectFrom("calls").selectAll().where("id", "=", callId).executeTakeFirst();
  if (call === undefined) return undefined;

  const [points, groups, agreements, options, students, certificates, activities, applications, choices] =
    await Promise.all([
      db.selectFrom("call_language_points").selectAll().where("call_id", "=", callId).execute(),
      db
        .selectFrom("call_funding_groups")
        .selectAll()
        .where("call_id", "=", callId)
        .orderBy("position")
        .execute(),
      db.selectFrom("agreements").selectAll().where("call_id", "=", callId).orderBy("position").execute(),
      db
        .selectFrom("agreement_language_options")
        .selectAll()
        .where("call_id", "=", callId)
        .orderBy("agreement_id")
        .orderBy("position")
        .execute(),
      db.selectFrom("students").selectAll().where("call_id", "=", callId).orderBy("position").execute(),
      db
        .selectFrom("language_certificates")
        .selectAll()
        .where("call_id", "=", callId)
        .orderBy("student_id")
        .orderBy("position")
        .execute(),
      db
        .selectFrom("activities")
        .selectAll()
        .where("call_id", "=", callId)
        .orderBy("student_id")
        .orderBy("position")
        .execute(),
      db.selectFrom("applications").selectAll().where("call_id", "=", callId).orderBy("position").execute(),
      db
        .selectFrom("application_choices")
        .selectAll()
        .where("call_id", "=", callId)
        .orderBy("application_id")
        .orderBy("position")
        .execute(),
    ]);

  const languagePoints: Partial<Record<CefrLevel, number>> = {};
  for (const level of CEFR_LEVELS) {
    const row = points.find((p) => p.level === level);
    if (row !== undefined) languagePoints[level] = fromDecimal(row.points);
  }

  const dataCall: Call = {
    id: call.id,
    academicYear: call.academic_year,
    kind: call.kind as Call["kind"],
    applicationDeadline: call.application_deadline_text ?? call.application_deadline.toISOString(),
    ...(call.max_choices === null ? {} : { maxChoices: call.max_choices }),
    scoring: {
      languagePoints,
      activityBonus: fromDecimal(call.activity_bonus),
      languageScope: call.language_scope as LanguageScope,
    },
    eligibility: {
      minYearOfStudy: call.min_year_of_study,
      minFirstYearCreditsPct: fromDecimal(call.min_first_year_credits_pct),
      maxMonthsPerCycle: fromDecimal(call.max_months_per_cycle),
      programmeCountries: call.programme_countries,
    },
    duration: { minMonths: fromDecimal(call.min_months), maxMonths: fromDecimal(call.max_months) },
    funding: {
      maxFundedMonths: fromDecimal(call.max_funded_months),
      groups: groups.map((g) => ({
        group: g.group_number,
        monthlyEur: fromDecimal(g.monthly_eur),
        countries: g.countries,
      })),
    },
  };

  const optionsByAgreement = groupBy(options, (o) => o.agreement_id);
  const certificatesByStudent = groupBy(certificates, (c) => c.student_id);
  const activitiesByStudent = groupBy(activities, (a) => a.student_id);
  const choicesByApplication = groupBy(choices, (c) => c.application_id);

  return {
    formatVersion: 1,
    call: dataCall,
    agreements: agreements.map(
      (a): Agreement => ({
        id: a.id,
        centre: a.centre_code,
        partner: {
          ...(a.partner_erasmus_code === null ? {} : { erasmusCode: a.partner_erasmus_code }),
          name: a.partner_name,
          country: a.partner_country,
        },
        places: a.places,
        months: fromDecimal(a.months),
        cycles: a.cycles as Cycle[],
        ...(a.subject_area === null ? {} : { subjectArea: a.subject_area }),
        ...(a.language_required_at_application === null
          ? {}
          : {
              languageRequirement: {
                requiredAtApplication: a.language_required_at_application,
                options: (optionsByAgreement.get(a.id) ?? []).map((o) => ({
                  language: o.language,
                  minLevel: o.min_level as CefrLevel,
                })),
              },
            }),
      }),
    ),
    students: students.map(
      (s): Student => ({
        ...academicRecordOf(s),
        languageCertificates: (certificatesByStudent.get(s.id) ?? []).map(
          (c): LanguageCertificate => ({
            certificate: c.certificate,
            language: c.language,
            ...(c.level === null ? {} : { level: c.level as CefrLevel }),
            ...(c.result === null ? {} : { result: fromDecimal(c.result) }),
            ...(c.results === null ? {} : { results: c.results }),
            verified: c.verified,
          }),
        ),
        activities: (activitiesByStudent.get(s.id) ?? []).map(
          (a): Activity => ({
            kind: a.kind as Activity["kind"],
            ...(a.positive_evaluation === null ? {} : { positiveEvaluation: a.positive_evaluation }),
            verified: a.verified,
          }),
        ),
      }),
    ),
    applications: applications.map(
      (a): Application => ({
        id: a.id,
        studentId: a.student_id,
        validatedAt: a.validated_at === null ? null : (a.validated_at_text ?? a.validated_at.toISOString()),
        choices: (choicesByApplication.get(a.id) ?? []).map((c) => c.agreement_id),
      }),
    ),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [row]);
    else list.push(row);
  }
  return groups;
}
