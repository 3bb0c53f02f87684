// What a client sees of an offered place and of a penalty.

import type { z } from "zod";
import type { StoredPenalty } from "../../db/repositories/offers.ts";
import type { offerSchema, penaltySchema } from "../../schemas/responses/offer.ts";
import type { OfferView } from "../../use-cases/acceptance.ts";

export {
  offerSchema,
  penaltySchema,
} from "../../schemas/responses/offer.ts";

export const presentOffer = (o: OfferView): z.infer<typeof offerSchema> => ({
  id: o.id,
  callId: o.callId,
  centre: o.centre,
  studentId: o.studentId,
  agreementId: o.agreementId,
  round: o.round,
  listId: o.listId,
  offeredAt: o.offeredAt,
  respondBy: o.respondBy,
  status: o.status,
  respondedAt: o.respondedAt,
  partnerAcceptedAt: o.partnerAcceptedAt,
  enrolmentRecordedAt: o.enrolmentRecordedAt,
  firm: o.firm,
});

export const presentPenalty = (p: StoredPenalty): z.infer<typeof penaltySchema> => ({
  id: p.id,
  studentId: p.studentId,
  callId: p.callId,
  agreementId: p.agreementId,
  nominationDeadline: p.nominationDeadline,
  renouncedAt: p.renouncedAt,
});
