// What a client sees of a call (STYLE habit 10): settings, round and calendar; every date an
// ISO 8601 UTC instant (the client shows it in Europe/Madrid).
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { CEFR_LEVELS } from "../../domain/dataset.ts";
import { centreRulesSchema } from "../calls.ts";

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

export const centreRulesViewSchema = z
  .object({ centre: z.string(), rules: centreRulesSchema, updatedAt: instant })
  .meta({ id: "CallCentreRules" });
export type CentreRulesView = z.infer<typeof centreRulesViewSchema>;
