// A call's settings, round and calendar (SPEC 4), and each centre's own rules within it.
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).

import type { Kysely, Selectable } from "kysely";
import type { CallCalendar } from "../../domain/call-settings.ts";
import type { CentreRules } from "../../domain/centre-rules.ts";
import { type Call, CEFR_LEVELS, type CefrLevel, type LanguageScope } from "../../domain/dataset.ts";
import { fromDecimal, toDecimal } from "../decimal.ts";
import type { CallsTable, DB } from "../schema.ts";

type Executor = Kysely<DB>;

export interface StoredCall {
  /** The settings as a dataset carries them; applicationDeadline as it was written. */
  call: Call;
  round: number | null;
  /** Every date as an ISO 8601 UTC instant. */
  calendar: CallCalendar;
  /** Days each further acceptance round gives a substitute to answer. */
  acceptanceRoundDays: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a use case writes: the settings, the round and the calendar (as given, any offset). */
export interface CallContent {
  call: Call;
  round: number | null;
  calendar: CallCalendar;
  acceptanceRoundDays: number;
}

export async function findCall(db: Executor, callId: string): Promise<StoredCall | undefined> {
  const [call] = await readCalls(db, callId);
  return call;
}

/** Every call, the latest academic year first. */
export function listCalls(db: Executor): Promise<StoredCall[]> {
  return readCalls(db);
}

async function readCalls(db: Executor, callId?: string): Promise<StoredCall[]> {
  let calls = db.selectFrom("calls").selectAll();
  let points = db.selectFrom("call_language_points").selectAll();
  let groups = db.selectFrom("call_funding_groups").selectAll().orderBy("call_id").orderBy("position");
  if (callId !== undefined) {
    calls = calls.where("id", "=", callId);
    points = points.where("call_id", "=", callId);
    groups = groups.where("call_id", "=", callId);
  }
  const [callRows, pointRows, groupRows] = await Promise.all([
    calls.orderBy("academic_year", "desc").orderBy("created_at", "desc").orderBy("id").execute(),
    points.execute(),
    groups.execute(),
  ]);
  return callRows.map((row) => {
    const languagePoints: Partial<Record<CefrLevel, number>> = {};
    for (const level of CEFR_LEVELS) {
      const point = pointRows.find((p) => p.call_id === row.id && p.level === level);
      if (point !== undefined) languagePoints[level] = fromDecimal(point.points);
    }
    const call: Call = {
      id: row.id,
      academicYear: row.academic_year,
      kind: row.kind as Call["kind"],
      applicationDeadline: row.application_deadline_text ?? row.application_deadline.toISOString(),
      ...(row.max_choices === null ? {} : { maxChoices: row.max_choices }),
      scoring: {
        languagePoints,
        activityBonus: fromDecimal(row.activity_bonus),
        languageScope: row.language_scope as LanguageScope,
      },
      eligibility: {
        minYearOfStudy: row.min_year_of_study,
        minFirstYearCreditsPct: fromDecimal(row.min_first_year_credits_pct),
        maxMonthsPerCycle: fromDecimal(row.max_months_per_cycle),
        programmeCountries: row.programme_countries,
      },
      duration: { minMonths: fromDecimal(row.min_months), maxMonths: fromDecimal(row.max_months) },
      funding: {
        maxFundedMonths: fromDecimal(row.max_funded_months),
        groups: groupRows
          .filter((g) => g.call_id === row.id)
          .map((g) => ({
            group: g.group_number,
            monthlyEur: fromDecimal(g.monthly_eur),
            countries: g.countries,
          })),
      },
    };
    return {
      call,
      round: row.round,
      calendar: calendarOf(row),
      acceptanceRoundDays: row.acceptance_round_days,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function calendarOf(row: Selectable<CallsTable>): CallCalendar {
  return {
    applicationOpensAt: iso(row.application_opens_at),
    applicationDeadline: row.application_deadline.toISOString(),
    documentsDeadline: iso(row.documents_deadline),
    levelTestAt: iso(row.level_test_at),
    provisionalListAt: iso(row.provisional_list_at),
    claimsOpenAt: iso(row.claims_open_at),
    claimsCloseAt: iso(row.claims_close_at),
    definitiveListAt: iso(row.definitive_list_at),
    acceptanceDeadline: iso(row.acceptance_deadline),
  };
}

function callColumns({ call, round, calendar, acceptanceRoundDays }: CallContent) {
  return {
    acceptance_round_days: acceptanceRoundDays,
    academic_year: call.academicYear,
    kind: call.kind,
    round,
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
    application_opens_at: calendar.applicationOpensAt,
    // The text keeps the deadline as written, so a dataset export gives it back (0002).
    application_deadline: call.applicationDeadline,
    application_deadline_text: call.applicationDeadline,
    documents_deadline: calendar.documentsDeadline,
    level_test_at: calendar.levelTestAt,
    provisional_list_at: calendar.provisionalListAt,
    claims_open_at: calendar.claimsOpenAt,
    claims_close_at: calendar.claimsCloseAt,
    definitive_list_at: calendar.definitiveListAt,
    acceptance_deadline: calendar.acceptanceDeadline,
  };
}

export async function insertCall(tx: Executor, content: CallContent, now: Date): Promise<void> {
  await tx
    .insertInto("calls")
    .values({ id: content.call.id, ...callColumns(content), created_at: now, updated_at: now })
    .execute();
  await insertSettingsRows(tx, content.call);
}

export async function updateCall(tx: Executor, content: CallContent, now: Date): Promise<void> {
  const callId = content.call.id;
  await tx
    .updateTable("calls")
    .set({ ...callColumns(content), updated_at: now })
    .where("id", "=", callId)
    .execute();
  await tx.deleteFrom("call_language_points").where("call_id", "=", callId).execute();
  await tx.deleteFrom("call_funding_groups").where("call_id", "=", callId).execute();
  await insertSettingsRows(tx, content.call);
}

async function insertSettingsRows(tx: Executor, call: Call): Promise<void> {
  const points = CEFR_LEVELS.flatMap((level) => {
    const value = call.scoring.languagePoints[level];
    return value === undefined ? [] : [{ call_id: call.id, level, points: toDecimal(value) }];
  });
  if (points.length > 0) await tx.insertInto("call_language_points").values(points).execute();
  const groups = call.funding.groups.map((g, position) => ({
    call_id: call.id,
    position,
    group_number: g.group,
    monthly_eur: toDecimal(g.monthlyEur),
    countries: g.countries,
  }));
  if (groups.length > 0) await tx.insertInto("call_funding_groups").values(groups).execute();
}

export interface StoredCentreRules {
  centre: string;
  rules: CentreRules;
  updatedAt: Date;
}

/** The centres' own rules of a call, by centre code. */
export async function listCentreRules(db: Executor, callId: string): Promise<StoredCentreRules[]> {
  const rows = await db
    .selectFrom("call_centre_rules")
    .selectAll()
    .where("call_id", "=", callId)
    .orderBy("centre_code")
    .execute();
  // Written only by the use case after validation (src/schemas/calls.ts centreRulesSchema).
  return rows.map((row) => ({
    centre: row.centre_code,
    rules: row.rules as CentreRules,
    updatedAt: row.updated_at,
  }));
}

export async function saveCentreRules(
  tx: Executor,
  callId: string,
  centre: string,
  rules: CentreRules,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(rules);
  await tx
    .insertInto("call_centre_rules")
    .values({ call_id: callId, centre_code: centre, rules: json, updated_at: now })
    .onConflict((oc) => oc.columns(["call_id", "centre_code"]).doUpdateSet({ rules: json, updated_at: now }))
    .execute();
}

export async function deleteCentreRules(tx: Executor, callId: string, centre: string): Promise<void> {
  await tx
    .deleteFrom("call_centre_rules")
    .where("call_id", "=", callId)
    .where("centre_code", "=", centre)
    .execute();
}
