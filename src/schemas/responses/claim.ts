// What a client sees of a claim (never the path of a file on disk).
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";

export const claimSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    centre: z.string(),
    studentId: z.string(),
    listId: z.string().describe("the provisional list the claim is about"),
    text: z.string(),
    status: z.enum(["open", "accepted", "rejected"]),
    resolutionReason: z.string().nullable(),
    corrections: z.unknown().describe("what an accepted claim corrected"),
    filedAt: z.string(),
    resolvedAt: z.string().nullable(),
    attachments: z.array(
      z.object({
        position: z.int(),
        sha256: z.string(),
        size: z.int(),
        mediaType: z.string(),
        name: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Claim" });

export const renunciationSchema = z
  .object({
    callId: z.string(),
    studentId: z.string(),
    centre: z.string(),
    stage: z.enum(["claims", "acceptance"]),
    choices: z.array(z.string()),
    /** Who recorded it (the student's user id). */
    renouncedBy: z.string(),
    renouncedAt: z.string(),
  })
  .meta({ id: "Renunciation" });
