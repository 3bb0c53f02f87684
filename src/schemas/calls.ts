// A call as the office edits it: the settings a dataset carries (dataset.schema.json "call"), its
// round, and the calendar of SPEC 4. What one field cannot say (order of dates, min ≤ max) is
// checked by src/domain/call-settings.ts in the use case.

import { z } from "zod";
import { ACCEPTANCE_ROUND_DAYS, DEFAULT_ACCEPTANCE_ROUND_DAYS } from "../domain/call-settings.ts";
import { CEFR_LEVELS } from "../domain/dataset.ts";
import { code, country, figure, instant, months } from "./common.ts";

export const languagePointsSchema = z
  .partialRecord(z.enum(CEFR_LEVELS), figure(0, 10))
  .describe("points per CEFR level; a level not listed earns 0");

const scoring = z.strictObject({
  languagePoints: languagePointsSchema,
  activityBonus: figure(0, 10),
  languageScope: z.enum(["best", "destination"]),
});

const eligibility = z.strictObject({
  minYearOfStudy: z.int().min(1).max(10),
  minFirstYearCreditsPct: figure(0, 100),
  maxMonthsPerCycle: months,
  programmeCountries: z.array(country).max(250),
});

const duration = z.strictObject({ minMonths: months, maxMonths: months });

const fundingGroup = z.strictObject({
  group: z.int().min(1).max(99),
  monthlyEur: figure(0, 100_000),
  countries: z.array(country).max(250),
});

const funding = z.strictObject({
  maxFundedMonths: months,
  groups: z.array(fundingGroup).max(20),
});

const optionalInstant = instant.nullable();

export const calendarSchema = z
  .strictObject({
    applicationOpensAt: optionalInstant.optional(),
    applicationDeadline: instant.describe("validations after it are late"),
    documentsDeadline: optionalInstant.optional(),
    levelTestAt: optionalInstant.optional(),
    provisionalListAt: optionalInstant.optional(),
    claimsOpenAt: optionalInstant.optional(),
    claimsCloseAt: optionalInstant.optional(),
    definitiveListAt: optionalInstant.optional(),
    acceptanceDeadline: optionalInstant.optional(),
  })
  .describe("SPEC 4; a date left out or null is not set");

const academicYear = z.string().regex(/^\d{4}\/\d{4}$/, { error: "must be like 2018/2019" });
const kind = z.enum(["study", "traineeship"]);
const round = z.int().min(1).max(9);
const maxChoices = z.int().min(1).max(50);
const acceptanceRoundDays = z
  .int()
  .min(ACCEPTANCE_ROUND_DAYS.min)
  .max(ACCEPTANCE_ROUND_DAYS.max)
  .describe(
    `days each further acceptance round gives a substitute to answer (default ${DEFAULT_ACCEPTANCE_ROUND_DAYS})`,
  );

export const createCallBody = z.strictObject({
  id: code,
  academicYear,
  kind,
  round: round.nullable().optional(),
  maxChoices: maxChoices
    .nullable()
    .optional()
    .describe("choices beyond this many are ignored; null = no limit"),
  acceptanceRoundDays: acceptanceRoundDays.optional(),
  scoring,
  eligibility,
  duration,
  funding,
  calendar: calendarSchema,
});
export type CreateCallInput = z.infer<typeof createCallBody>;

/** Every part may be left out; groups are changed field by field, lists and maps replaced whole. */
export const updateCallBody = z.strictObject({
  academicYear: academicYear.optional(),
  kind: kind.optional(),
  round: round.nullable().optional(),
  maxChoices: maxChoices.nullable().optional(),
  acceptanceRoundDays: acceptanceRoundDays.optional(),
  scoring: scoring.partial().optional(),
  eligibility: eligibility.partial().optional(),
  duration: duration.partial().optional(),
  funding: funding.partial().optional(),
  calendar: calendarSchema.partial().optional(),
});
export type UpdateCallInput = z.infer<typeof updateCallBody>;

/** A centre's own rules within a call (src/domain/centre-rules.ts CentreRules); every part optional. */
export const centreRulesSchema = z
  .strictObject({
    maxChoices: maxChoices.optional(),
    scoring: scoring.partial().optional(),
    eligibility: eligibility.omit({ programmeCountries: true }).partial().optional(),
    duration: duration.partial().optional(),
  })
  .meta({ id: "CentreRules" });
export type CentreRulesInput = z.infer<typeof centreRulesSchema>;
