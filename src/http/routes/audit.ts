// The append-only audit log, for the office (issue 3, item 5): newest first, a page at a time.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { readAuditLog } from "../../use-cases/read-audit-log.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";

const auditRecordSchema = z
  .object({
    id: z.int(),
    at: z.iso.datetime({ offset: true }),
    actor: z.object({
      userId: z.string().nullable(),
      role: z.string().nullable(),
      label: z.string().describe('"user:<id>", "cli", "system" or "setup"'),
    }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    callId: z.string().nullable(),
    centre: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: "AuditRecord" });

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
            200: z.object({ items: z.array(auditRecordSchema), next: z.int().nullable() }),
            401: errorBodySchema,
            403: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request) => readAuditLog({ db: database.db, actor: request.actor, ...request.query }),
    );
  };
