// The outcome of scoring and award (schemas/outcome.schema.json), as the engine gives it.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { CHOICE_REASON_CODES, EXCLUSION_CODES } from "../../domain/outcome.ts";

const score = z.object({
  weightedGrade: z.number(),
  language: z.number(),
  activities: z.number(),
  total: z.number(),
});

const award = z.object({
  agreementId: z.string(),
  choice: z.int(),
  months: z.number(),
  group: z.int().nullable(),
  monthlyEur: z.number(),
  fundedMonths: z.number(),
  grantEstimateEur: z.number(),
});

export const outcomeSchema = z
  .object({
    formatVersion: z.literal(1),
    callId: z.string(),
    inputSha256: z.string().optional(),
    results: z.array(
      z.object({
        applicationId: z.string(),
        studentId: z.string(),
        status: z.enum(["awarded", "substitute", "excluded"]),
        exclusions: z.array(z.enum(EXCLUSION_CODES)),
        score: score.nullable(),
        rank: z.int().nullable(),
        award: award.nullable(),
        choices: z.array(
          z.object({
            agreementId: z.string(),
            eligible: z.boolean(),
            reasons: z.array(z.enum(CHOICE_REASON_CODES)),
            total: z.number().nullable(),
          }),
        ),
        languageCourseRequired: z.boolean(),
      }),
    ),
    agreements: z.array(
      z.object({
        agreementId: z.string(),
        places: z.int(),
        awarded: z.array(z.string()),
        substitutes: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: "Outcome" });
