import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../errors.ts";

/** The OpenAPI 3.1 document, generated from every route's schemas by @fastify/swagger. */
export const openapiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/openapi.json",
    {
      config: { policy: "openapi:read" },
      schema: {
        summary: "This API's OpenAPI document",
        tags: ["system"],
        response: { 200: z.looseObject({ openapi: z.string() }), ...errorResponses },
      },
    },
    async () => app.swagger() as { openapi: string },
  );
};
