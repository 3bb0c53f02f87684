// What a client sees of a document (never the path on disk).
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { CEFR_LEVELS } from "../../domain/dataset.ts";

export const documentSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    studentId: z.string(),
    centre: z.string(),
    kind: z.enum(["language-certificate", "activity"]),
    certificate: z.string().nullable(),
    language: z.string().nullable(),
    level: z.enum(CEFR_LEVELS).nullable(),
    result: z.number().nullable(),
    results: z.record(z.string(), z.number()).nullable(),
    activityKind: z.enum(["international-event", "mentor-programme"]).nullable(),
    positiveEvaluation: z.boolean().nullable(),
    file: z
      .object({
        sha256: z.string(),
        size: z.int(),
        mediaType: z.enum(["application/pdf", "image/jpeg", "image/png"]),
        name: z.string().nullable(),
      })
      .nullable(),
    status: z.enum(["pending", "verified", "rejected"]),
    reviewReason: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    uploadedAt: z.string(),
  })
  .meta({ id: "Document" });
