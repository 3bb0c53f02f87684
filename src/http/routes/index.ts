// Where every route is registered, under /api. A route file exports a plugin (given the app's
// dependencies when it needs them); it parses with its schemas, checks the policy, calls one use
// case and presents the result (STYLE habit 3).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../deps.ts";
import { healthRoutes } from "./health.ts";
import { openapiRoutes } from "./openapi.ts";

export const apiRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(healthRoutes(deps));
    await app.register(openapiRoutes);
  };
