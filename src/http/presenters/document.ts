// What a client sees of a document (never the path on disk).

import type { z } from "zod";
import type { StoredDocument } from "../../db/repositories/documents.ts";
import type { documentSchema } from "../../schemas/responses/document.ts";

export { documentSchema } from "../../schemas/responses/document.ts";

export const presentDocument = (d: StoredDocument): z.infer<typeof documentSchema> => ({
  id: d.id,
  callId: d.callId,
  studentId: d.studentId,
  centre: d.centre,
  kind: d.kind,
  certificate: d.certificate,
  language: d.language,
  level: d.level,
  result: d.result,
  results: d.results,
  activityKind: d.activityKind,
  positiveEvaluation: d.positiveEvaluation,
  file:
    d.file === null
      ? null
      : { ...d.file, mediaType: d.file.mediaType as "application/pdf" | "image/jpeg" | "image/png" },
  status: d.status,
  reviewReason: d.reviewReason,
  reviewedAt: d.reviewedAt,
  uploadedAt: d.uploadedAt,
});
