// The call's dashboard for a centre's staff (issue 5): applications by status, documents to review,
// places against demand per destination. A coordinator sees their centre only.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { code, pathId } from "../../schemas/common.ts";
import { dashboardSchema } from "../../schemas/responses/dashboard.ts";
import { getDashboard } from "../../use-cases/get-dashboard.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";

export const dashboardRoutes =
  ({ database }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/calls/:callId/dashboard",
      {
        config: { policy: "award:run" },
        schema: {
          summary: "A centre's dashboard: applications by status, documents to review, demand against places",
          description:
            "A coordinator sees their own centre (another centre: 403). The office and administrators name " +
            "a centre, or see every centre without one.",
          tags: ["dashboard"],
          params: z.object({ callId: pathId }),
          querystring: z.strictObject({ centre: code.optional() }),
          response: {
            200: dashboardSchema,
            401: errorBodySchema,
            403: errorBodySchema,
            404: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request) =>
        getDashboard({
          db: database.db,
          actor: request.actor,
          callId: request.params.callId,
          centre: request.query.centre,
        }),
    );
  };
