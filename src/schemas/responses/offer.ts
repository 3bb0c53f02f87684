// What a client sees of an offered place and of a penalty.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";

export const offerSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    centre: z.string(),
    studentId: z.string(),
    agreementId: z.string(),
    round: z.int().describe("1: from the definitive list; 2, 3…: freed places offered to substitutes"),
    listId: z.string(),
    offeredAt: z.string(),
    respondBy: z.string().describe("accept or renounce until this instant (inclusive)"),
    status: z
      .enum(["offered", "accepted", "renounced", "lapsed", "upgraded"])
      .describe(
        "lapsed: silence, a renunciation; upgraded: the student was moved to a place they ranked " +
          "higher (a later offer), this one was freed",
      ),
    respondedAt: z.string().nullable(),
    partnerAcceptedAt: z.string().nullable(),
    enrolmentRecordedAt: z.string().nullable(),
    firm: z.boolean().describe("accepted, accepted by the partner, and the enrolment recorded"),
  })
  .meta({ id: "Offer" });

export const penaltySchema = z
  .object({
    id: z.string(),
    studentId: z.string(),
    callId: z.string(),
    agreementId: z.string(),
    nominationDeadline: z.string(),
    renouncedAt: z.string(),
  })
  .meta({ id: "Penalty" });
