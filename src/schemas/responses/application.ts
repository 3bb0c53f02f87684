// What a client sees of an application, its options, and its validation receipt.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { CHOICE_REASON_CODES, EXCLUSION_CODES } from "../../domain/outcome.ts";
import { agreementSchema } from "./agreement.ts";
import { penaltySchema } from "./offer.ts";

export const applicationSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    studentId: z.string(),
    choices: z.array(z.string()).describe("agreement ids, most wanted first"),
    status: z.enum(["draft", "validated"]),
    validatedAt: z.string().nullable(),
    receiptId: z.string().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "Application" });

export const applicationSummarySchema = z
  .object({
    id: z.string(),
    studentId: z.string(),
    centre: z.string().nullable(),
    choices: z.int(),
    status: z.enum(["draft", "validated"]),
    validatedAt: z.string().nullable(),
    receiptId: z.string().nullable(),
  })
  .meta({ id: "ApplicationSummary" });

export const applicationOptionsSchema = z
  .object({
    callId: z.string(),
    studentId: z.string(),
    centre: z.string(),
    maxChoices: z.int().nullable(),
    exclusions: z.array(z.enum(EXCLUSION_CODES)).describe("what would exclude the whole application"),
    destinations: z.array(
      z.object({
        agreement: agreementSchema.omit({ nominationDeadline: true }),
        eligible: z.boolean(),
        reasons: z.array(z.enum(CHOICE_REASON_CODES)),
      }),
    ),
    penalties: z
      .array(penaltySchema)
      .describe("late renunciations the student carries from earlier calls (SPEC 7), shown when applying"),
  })
  .meta({ id: "ApplicationOptions" });

const CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
const scoreFiguresSchema = z.object({
  weightedGrade: z.number(),
  language: z.number(),
  activities: z.number(),
  total: z.number(),
});

export const scorePreviewSchema = z
  .object({
    callId: z.string(),
    studentId: z.string(),
    languageScope: z
      .enum(["best", "destination"])
      .describe("destination: the language points of each destination are those of its languages"),
    record: z.object({ averageGrade: z.number(), creditsPassed: z.number(), degreeCredits: z.number() }),
    score: scoreFiguresSchema.describe("now: the academic record and the verified documents only"),
    levels: z.array(z.object({ language: z.string(), level: z.enum(CEFR) })),
    ifPendingVerified: scoreFiguresSchema
      .nullable()
      .describe("if every pending document were verified as handed in (null: none pending)"),
    documents: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["language-certificate", "activity"]),
        status: z.enum(["pending", "verified", "rejected"]),
        certificate: z.string().nullable(),
        language: z.string().nullable(),
        accredits: z.enum(CEFR).nullable().describe("the level the certificate accredits once verified"),
        activityKind: z.enum(["international-event", "mentor-programme"]).nullable(),
        counts: z.boolean().describe("it counts in the score now"),
      }),
    ),
  })
  .meta({ id: "ScorePreview" });

export const receiptSchema = z
  .object({
    receiptId: z.string(),
    sha256: z
      .string()
      .describe("SHA-256 of the canonical JSON of callId, applicationId, studentId, choices, validatedAt"),
    callId: z.string(),
    applicationId: z.string(),
    studentId: z.string(),
    choices: z.array(z.string()),
    validatedAt: z.string().describe("the exact instant, ISO 8601 UTC to the millisecond"),
    validatedAtMadrid: z.string().describe("the same instant in Europe/Madrid"),
  })
  .meta({ id: "ValidationReceipt" });
