// Runs of the engine, what changed between two, and the published lists (public and own views).
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { CHOICE_REASON_CODES, EXCLUSION_CODES } from "../../domain/outcome.ts";
import { outcomeSchema } from "./outcome.ts";

const who = z.object({ userId: z.string().nullable(), label: z.string() });
const runner = who.extend({
  displayName: z.string().nullable().describe("the runner's display name (null: not a user any more)"),
});

export const runSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    seq: z.int(),
    centre: z.string().nullable().describe("null: every centre"),
    inputSha256: z.string(),
    runBy: runner,
    runAt: z.string(),
  })
  .meta({ id: "AwardRun" });

export const runWithOutcomeSchema = runSchema
  .extend({ outcome: outcomeSchema })
  .meta({ id: "AwardRunWithOutcome" });

const status = z.enum(["awarded", "substitute", "excluded"]);
const change = <T extends z.ZodType>(t: T) => z.object({ from: t, to: t }).optional();
const reasons = z
  .object({
    exclusions: z.array(z.enum(EXCLUSION_CODES)),
    choices: z.array(
      z.object({
        agreementId: z.string(),
        eligible: z.boolean(),
        reasons: z.array(z.enum(CHOICE_REASON_CODES)),
      }),
    ),
  })
  .nullable();

export const runChangesSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    changes: z.array(
      z.object({
        applicationId: z.string(),
        studentId: z.string(),
        status: change(status.nullable()),
        rank: change(z.int().nullable()),
        award: change(z.string().nullable()),
        exclusions: change(z.array(z.enum(EXCLUSION_CODES)).nullable()),
        total: change(z.number().nullable()),
        why: z.object({ from: reasons, to: reasons }),
      }),
    ),
  })
  .meta({ id: "AwardRunChanges" });

export const publicationSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    centre: z.string(),
    kind: z.enum(["provisional", "definitive"]),
    runId: z.string(),
    supersedesId: z.string().nullable(),
    reason: z.string().nullable(),
    publishedAt: z.string(),
  })
  .meta({ id: "ListPublication" });

export const publicationSummarySchema = publicationSchema
  .extend({ supersededById: z.string().nullable(), current: z.boolean() })
  .meta({ id: "ListPublicationSummary" });

const score = z.object({
  weightedGrade: z.number(),
  language: z.number(),
  activities: z.number(),
  total: z.number(),
});
const positions = z.array(z.object({ agreementId: z.string(), position: z.int() }));

export const publicEntrySchema = z
  .object({
    maskedId: z.string(),
    initials: z.string(),
    status,
    rank: z.int().nullable(),
    score: score.nullable(),
    exclusions: z.array(z.enum(EXCLUSION_CODES)),
    destination: z
      .object({ agreementId: z.string(), partnerName: z.string(), country: z.string() })
      .nullable(),
    substitutePositions: positions,
  })
  .meta({ id: "PublicListEntry" });

export const publicListSchema = publicationSchema
  .extend({ entries: z.array(publicEntrySchema) })
  .meta({ id: "PublicList" });

const resultSchema = outcomeSchema.shape.results.element;

export const ownListViewSchema = publicationSchema
  .extend({
    maskedId: z.string(),
    view: z.object({
      result: resultSchema,
      substitutePositions: positions,
      destinations: z.array(
        z.object({ agreementId: z.string(), places: z.int(), awarded: z.int(), substitutes: z.int() }),
      ),
    }),
  })
  .meta({ id: "OwnListView" });
