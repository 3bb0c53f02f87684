// The fields of a document upload (multipart form fields, all text) and of a review.
import { z } from "zod";
import { cefr, language, name, text } from "./common.ts";

const bool = z.enum(["true", "false"]).transform((v) => v === "true");
const score = z
  .string()
  .regex(/^\d{1,5}(\.\d{1,2})?$/, { error: "must be a number such as 6.5 or 785" })
  .transform(Number);

export const documentFields = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("language-certificate"),
    /** An id of the Annex II catalogue (src/domain/data/language-certificates.json). */
    certificate: z.string().min(1).max(100),
    language,
    level: cefr.optional(),
    result: score.optional(),
    /** Per-skill results as JSON, e.g. {"listening":400,"reading":380} (TOEIC). */
    results: z
      .string()
      .max(1000)
      .transform((s, ctx) => {
        try {
          const parsed: unknown = JSON.parse(s);
          const map = z.record(z.string().max(40), z.number().min(0).max(100000)).parse(parsed);
          return map;
        } catch {
          ctx.addIssue({ code: "custom", message: "must be a JSON object of numbers" });
          return z.NEVER;
        }
      })
      .optional(),
  }),
  z.strictObject({
    kind: z.literal("activity"),
    activityKind: z.enum(["international-event", "mentor-programme"]),
    positiveEvaluation: bool.optional(),
    description: text(300).optional(),
  }),
]);
export type DocumentFields = z.infer<typeof documentFields>;

export const reviewBody = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("verified"), reason: text(500).optional() }),
  z.strictObject({ decision: z.literal("rejected"), reason: name(500) }),
]);
export type ReviewInput = z.infer<typeof reviewBody>;

export const levelTestBody = z.strictObject({ language, level: cefr });
export type LevelTestInput = z.infer<typeof levelTestBody>;
