// What a client sees of a claim (never the path of a file on disk).
import { z } from "zod";
import type { StoredClaim, StoredRenunciation } from "../../db/repositories/claims.ts";

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

export const presentClaim = (c: StoredClaim): z.infer<typeof claimSchema> => ({
  id: c.id,
  callId: c.callId,
  centre: c.centre,
  studentId: c.studentId,
  listId: c.listId,
  text: c.text,
  status: c.status,
  resolutionReason: c.resolutionReason,
  corrections: c.corrections,
  filedAt: c.filedAt,
  resolvedAt: c.resolvedAt,
  attachments: c.attachments.map((a) => ({ ...a })),
});

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

export const presentRenunciation = (r: StoredRenunciation): z.infer<typeof renunciationSchema> => ({
  callId: r.callId,
  studentId: r.studentId,
  centre: r.centre,
  stage: r.stage,
  choices: r.choices,
  renouncedBy: r.renouncedBy,
  renouncedAt: r.renouncedAt,
});
