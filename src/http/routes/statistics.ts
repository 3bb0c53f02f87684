// Statistics of a call (issue 5): aggregates only, small cells suppressed.
// docs/decisions/0012-list-exports-and-statistics.md.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { code, pathId } from "../../schemas/common.ts";
import { getStatistics } from "../../use-cases/get-statistics.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";

const count = z.object({
  count: z.int().nullable().describe("null when suppressed"),
  suppressed: z.boolean(),
  reason: z
    .enum(["small", "complement"])
    .nullable()
    .describe(
      "small: 1 to minCell − 1; complement: ≥ minCell, hidden so that the total cannot reveal a small one",
    ),
});
const row = z.object({ key: z.string(), applications: count, awarded: count });

export const statisticsSchema = z
  .object({
    callId: z.string(),
    centre: z.string().nullable().describe("null: every centre"),
    minCell: z.int(),
    awardsFrom: z.array(
      z.object({
        centre: z.string(),
        listId: z.string(),
        kind: z.enum(["provisional", "definitive"]),
        publishedAt: z.string(),
      }),
    ),
    total: row,
    dimensions: z.object({
      centre: z.array(row),
      country: z.array(row).describe("applications: the first choice's country; awards: the awarded one's"),
      gender: z.array(row),
      disability: z.array(row),
      disadvantaged: z.array(row),
    }),
  })
  .meta({ id: "CallStatistics" });

export const statisticsRoutes =
  ({ database }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/calls/:callId/statistics",
      {
        config: { policy: "statistics:read" },
        schema: {
          summary:
            "Applications and awards by centre, country, gender, disability and disadvantaged background",
          description:
            "Aggregates only: validated applications, and awards of each centre's current list (the " +
            "definitive one, else the provisional one). Counts from 1 to minCell − 1 are suppressed, and " +
            "one more cell when a breakdown would otherwise reveal a suppressed one. The office sees every " +
            "centre or one; a coordinator their own only.",
          tags: ["statistics"],
          params: z.object({ callId: pathId }),
          querystring: z.strictObject({ centre: code.optional() }),
          response: {
            200: statisticsSchema,
            401: errorBodySchema,
            403: errorBodySchema,
            404: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request) =>
        getStatistics({
          db: database.db,
          actor: request.actor,
          callId: request.params.callId,
          ...request.query,
        }),
    );
  };
