// The engine on stored data (issue 3): scoring and award of a call as stored, each centre with its
// own rules. The office sees everything; a coordinator their centre's applications and agreements.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { pathId } from "../../schemas/common.ts";
import { getCallOutcome } from "../../use-cases/get-call-outcome.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { outcomeSchema } from "../presenters/outcome.ts";

export const outcomeRoutes =
  ({ database }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/calls/:callId/outcome",
      {
        config: { policy: "award:run" },
        schema: {
          summary: "Scoring and award of the stored call (as `simulate` computes it), within your scope",
          tags: ["outcome"],
          params: z.object({ callId: pathId }),
          response: {
            200: outcomeSchema,
            401: errorBodySchema,
            403: errorBodySchema,
            404: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request) =>
        getCallOutcome({ db: database.db, actor: request.actor, callId: request.params.callId }),
    );
  };
