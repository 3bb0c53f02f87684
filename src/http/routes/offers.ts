// Acceptance after the definitive list: offers, answers, the staff's confirmations, penalties
// (issue 4, second half; docs/decisions/0008-claims-acceptance-notifications.md).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { pathId } from "../../schemas/common.ts";
import { confirmOffer, getPenalties, listOffersInScope, respondToOffer } from "../../use-cases/acceptance.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { offerSchema, penaltySchema, presentOffer, presentPenalty } from "../presenters/offer.ts";

const refusals = {
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  ...errorResponses,
} as const;
const studentParams = z.object({ callId: pathId, studentId: pathId });
const offerParams = z.object({ callId: pathId, offerId: pathId });

export const offerRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;

    app.get(
      "/calls/:callId/offers",
      {
        config: { policy: "application:read" },
        schema: {
          summary: "Places offered, by round (a student: their own; a coordinator: their centre's)",
          tags: ["acceptance"],
          params: z.object({ callId: pathId }),
          querystring: z.strictObject({
            status: z.enum(["offered", "accepted", "renounced", "lapsed", "upgraded"]).optional(),
          }),
          response: { 200: z.object({ items: z.array(offerSchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: (
          await listOffersInScope({
            db,
            clock,
            actor: request.actor,
            callId: request.params.callId,
            ...request.query,
          })
        ).map(presentOffer),
      }),
    );

    app.post(
      "/calls/:callId/students/:studentId/offer/response",
      {
        config: { policy: "award:respond" },
        schema: {
          summary: "Accept or renounce the offered place, until its deadline",
          description:
            "409 ACCEPTANCE_CLOSED after the deadline (silence is renunciation), NO_OFFER, " +
            "DEFINITIVE_LIST_MISSING, OFFER_ANSWERED, RENOUNCED (renounced in the claims window). An " +
            "accepted place may be renounced later; a " +
            "renunciation after the partner's nomination deadline records a penalty.",
          tags: ["acceptance"],
          params: studentParams,
          body: z.strictObject({ decision: z.enum(["accept", "renounce"]) }),
          response: { 200: offerSchema, ...refusals },
        },
      },
      async (request) =>
        presentOffer(
          (await respondToOffer({ db, clock, actor: request.actor, ...request.params, ...request.body }))
            .offer,
        ),
    );

    for (const [what, suffix, summary] of [
      ["partner", "partner-acceptance", "Record that the partner university accepted the student"],
      ["enrolment", "enrolment", "Record the student's enrolment for the academic year"],
    ] as const) {
      app.post(
        `/calls/:callId/offers/:offerId/${suffix}`,
        {
          config: { policy: "award:confirm" },
          schema: {
            summary: `${summary} (with both, the award is firm)`,
            tags: ["acceptance"],
            params: offerParams,
            body: z
              .unknown()
              .meta({ type: "object", description: "nothing is needed: the date is the server's" }),
            response: { 200: offerSchema, ...refusals },
          },
        },
        async (request) =>
          presentOffer(await confirmOffer({ db, clock, actor: request.actor, ...request.params, what })),
      );
    }

    app.get(
      "/calls/:callId/students/:studentId/penalties",
      {
        config: { policy: "application:read" },
        schema: {
          summary: "Penalties the student carries (late renunciations, in any call)",
          tags: ["acceptance"],
          params: studentParams,
          response: { 200: z.object({ items: z.array(penaltySchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: (await getPenalties({ db, actor: request.actor, ...request.params })).map(presentPenalty),
      }),
    );
  };
