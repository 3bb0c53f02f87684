// What a client sees of a call (STYLE habit 10): settings, round and calendar; every date an
// ISO 8601 UTC instant (the client shows it in Europe/Madrid).
import { z } from "zod";
import type { StoredCall, StoredCentreRules } from "../../db/repositories/calls.ts";
import { CEFR_LEVELS } from "../../domain/dataset.ts";
import { centreRulesSchema } from "../../schemas/calls.ts";

const instant = z.iso.datetime({ offset: true });

export const callSchema = z
  .object({
    id: z.string(),
    academicYear: z.string(),
    kind: z.enum(["study", "traineeship"]),
    round: z.int().nullable(),
    maxChoices: z.int().nullable().describe("choices beyond this many are ignored; null = no limit"),
    acceptanceRoundDays: z.int().describe("days each further acceptance round gives a substitute to answer"),
    scoring: z.object({
      languagePoints: z.partialRecord(z.enum(CEFR_LEVELS), z.number()),
      activityBonus: z.number(),
      languageScope: z.enum(["best", "destination"]),
    }),
    eligibility: z.object({
      minYearOfStudy: z.int(),
      minFirstYearCreditsPct: z.number(),
      maxMonthsPerCycle: z.number(),
      programmeCountries: z.array(z.string()),
    }),
    duration: z.object({ minMonths: z.number(), maxMonths: z.number() }),
    funding: z.object({
      maxFundedMonths: z.number(),
      groups: z.array(z.object({ group: z.int(), monthlyEur: z.number(), countries: z.array(z.string()) })),
    }),
    calendar: z.object({
      applicationOpensAt: instant.nullable(),
      applicationDeadline: instant,
      documentsDeadline: instant.nullable(),
      levelTestAt: instant.nullable(),
      provisionalListAt: instant.nullable(),
      claimsOpenAt: instant.nullable(),
      claimsCloseAt: instant.nullable(),
      definitiveListAt: instant.nullable(),
      acceptanceDeadline: instant.nullable(),
    }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Call" });
export type CallView = z.infer<typeof callSchema>;

export function presentCall({
  call,
  round,
  calendar,
  acceptanceRoundDays,
  createdAt,
  updatedAt,
}: StoredCall): CallView {
  return {
    id: call.id,
    academicYear: call.academicYear,
    kind: call.kind,
    round,
    maxChoices: call.maxChoices ?? null,
    acceptanceRoundDays,
    scoring: call.scoring,
    eligibility: call.eligibility,
    duration: call.duration,
    funding: call.funding,
    calendar,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export const centreRulesViewSchema = z
  .object({ centre: z.string(), rules: centreRulesSchema, updatedAt: instant })
  .meta({ id: "CallCentreRules" });
export type CentreRulesView = z.infer<typeof centreRulesViewSchema>;

export const presentCentreRules = ({ centre, rules, updatedAt }: StoredCentreRules): CentreRulesView => ({
  centre,
  rules,
  updatedAt: updatedAt.toISOString(),
});
