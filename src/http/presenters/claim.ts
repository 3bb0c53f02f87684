// What a client sees of a claim (never the path of a file on disk).

import type { z } from "zod";
import type { StoredClaim, StoredRenunciation } from "../../db/repositories/claims.ts";
import type { claimSchema, renunciationSchema } from "../../schemas/responses/claim.ts";

export {
  claimSchema,
  renunciationSchema,
} from "../../schemas/responses/claim.ts";

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

export const presentRenunciation = (r: StoredRenunciation): z.infer<typeof renunciationSchema> => ({
  callId: r.callId,
  studentId: r.studentId,
  centre: r.centre,
  stage: r.stage,
  choices: r.choices,
  renouncedBy: r.renouncedBy,
  renouncedAt: r.renouncedAt,
});
