import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { migrationLevel } from "../../db/migrate.ts";
import { AppError } from "../../errors.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";

const healthSchema = z.object({
  status: z.literal("ok"),
  database: z.enum(["pglite", "postgresql"]),
  migration: z.int().describe("the highest applied migration"),
  time: z.iso.datetime({ offset: true }).describe("the server's clock"),
});

export const healthRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/health",
      {
        config: { policy: "health:read" },
        schema: {
          summary: "Is the server up, and on which database",
          tags: ["system"],
          response: { 200: healthSchema, 503: errorBodySchema, ...errorResponses },
        },
      },
      async () => {
        let migration: number;
        try {
          migration = await migrationLevel(database.db);
        } catch {
          throw new AppError("UNAVAILABLE", "the database does not answer");
        }
        return { status: "ok" as const, database: database.kind, migration, time: clock.now().toISOString() };
      },
    );
  };
