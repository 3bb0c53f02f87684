// What a client sees of an application, its options, and its validation receipt.

import type { z } from "zod";
import type { ApplicationSummary, StoredApplication } from "../../db/repositories/applications.ts";
import { madridTime, type Receipt } from "../../receipts/receipt.ts";
import type {
  applicationOptionsSchema,
  applicationSchema,
  applicationSummarySchema,
  receiptSchema,
  scorePreviewSchema,
} from "../../schemas/responses/application.ts";
import type { ApplicationOptions } from "../../use-cases/get-application-options.ts";
import type { ScorePreview } from "../../use-cases/get-score-preview.ts";
import { presentPenalty } from "./offer.ts";

export {
  applicationOptionsSchema,
  applicationSchema,
  applicationSummarySchema,
  receiptSchema,
  scorePreviewSchema,
} from "../../schemas/responses/application.ts";

export const presentApplication = (a: StoredApplication): z.infer<typeof applicationSchema> => ({
  id: a.id,
  callId: a.callId,
  studentId: a.studentId,
  choices: a.choices,
  status: a.validatedAt === null ? "draft" : "validated",
  validatedAt: a.validatedAt,
  receiptId: a.receiptId,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export const presentApplicationSummary = (
  a: ApplicationSummary,
): z.infer<typeof applicationSummarySchema> => ({
  ...a,
  status: a.validatedAt === null ? "draft" : "validated",
});

export const presentOptions = (o: ApplicationOptions): z.infer<typeof applicationOptionsSchema> => ({
  ...o,
  penalties: o.penalties.map(presentPenalty),
});

export const presentScorePreview = (p: ScorePreview): z.infer<typeof scorePreviewSchema> => p;

export const presentReceipt = (r: Receipt): z.infer<typeof receiptSchema> => ({
  receiptId: r.receiptId,
  sha256: r.sha256,
  callId: r.callId,
  applicationId: r.applicationId,
  studentId: r.studentId,
  choices: r.choices,
  validatedAt: r.validatedAt,
  validatedAtMadrid: madridTime(r.validatedAt),
});
