import helmet from "@fastify/helmet";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppDeps } from "./deps.ts";
import { errorHandler, notFoundHandler } from "./errors.ts";
import { apiRoutes } from "./routes/index.ts";

export type { AppDeps } from "./deps.ts";

export interface AppOptions {
  logger?: FastifyServerOptions["logger"];
  /** Largest accepted request body in bytes; larger ones get 413 PAYLOAD_TOO_LARGE. */
  bodyLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The HTTP application, not yet listening: `await app.listen(...)` or `app.inject(...)`. */
export async function buildApp(deps: AppDeps, options: AppOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Request ids let a user quote the line of the log that explains their 500.
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(helmet);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Mobilitas API",
        description: "Erasmus+ mobility: calls, applications, scoring, award and recognition",
        version: "0.1.0",
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(apiRoutes(deps), { prefix: "/api" });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
