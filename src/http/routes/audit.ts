// The append-only audit log, for the office (issue 3, item 5): newest first, a page at a time.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditPageSchema } from "../../schemas/responses/audit.ts";
import { readAuditLog } from "../../use-cases/read-audit-log.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";

export const auditRoutes =
  ({ database }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/audit",
      {
        config: { policy: "audit:read" },
        schema: {
          summary: "Every recorded change: who, when, what, from → to; newest first",
          tags: ["audit"],
          querystring: z.object({
            callId: z.string().max(200).optional(),
            entityType: z.string().max(100).optional(),
            entityId: z.string().max(200).optional(),
            before: z.coerce.number().int().positive().optional().describe("the `next` of the previous page"),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: {
            200: auditPageSchema,
            401: errorBodySchema,
            403: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request) => readAuditLog({ db: database.db, actor: request.actor, ...request.query }),
    );
  };
