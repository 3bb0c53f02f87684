// A published list as a file (issue 5): a formal PDF, CSV or XLSX, public and pseudonymised like
// the list itself. docs/decisions/0012-list-exports-and-statistics.md.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { pathId } from "../../schemas/common.ts";
import { EXPORT_FORMATS, exportPublishedList } from "../../use-cases/export-published-list.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";

export const listExportRoutes =
  ({ database }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/calls/:callId/lists/:listId/export/:format",
      {
        config: { policy: "list:read" },
        schema: {
          summary: "A published list as a file: formal PDF, CSV (UTF-8 with BOM) or XLSX",
          description:
            "Pseudonymised like the public list. The PDF carries the call, centre, kind, publication " +
            "instant (Madrid), the scoring rule and the tie-break statement, and says when the list was " +
            "superseded. Headers in Spanish and English side by side, or in one language with `lang`.",
          tags: ["lists"],
          produces: [
            "application/pdf",
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          ],
          params: z.object({ callId: pathId, listId: pathId, format: z.enum(EXPORT_FORMATS) }),
          querystring: z.strictObject({
            lang: z.enum(["es", "en"]).optional().describe("one language; without it, both side by side"),
          }),
          response: {
            200: z.unknown().meta({ type: "string", format: "binary" }).describe("the file"),
            404: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const file = await exportPublishedList({
          db: database.db,
          actor: request.actor,
          ...request.params,
          lang: request.query.lang,
        });
        return reply
          .type(file.mediaType)
          .header("content-length", String(file.bytes.length))
          .header(
            "content-disposition",
            `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .header("cache-control", "no-cache")
          .send(file.bytes);
      },
    );
  };
