import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AppError } from "../errors.ts";
import { MAX_DOCUMENT_BYTES } from "../use-cases/upload-document.ts";
import type { AppDeps } from "./deps.ts";
import { errorHandler, notFoundHandler } from "./errors.ts";
import { authPlugin, documentPolicies } from "./plugins/auth.ts";
import { securityHeaders } from "./plugins/security-headers.ts";
import { webPlugin } from "./plugins/web.ts";
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

  // Bodies only as JSON (multipart may follow, for files): a cross-site form can send
  // text/plain without a preflight, so it gets 415 (docs/decisions/0003-security.md).
  app.removeContentTypeParser("text/plain");
  await app.register(securityHeaders);
  await app.register(cookie);
  // Documents (PDF, JPEG, PNG) arrive as multipart/form-data, one file per request, streamed to
  // the file store; the size is also counted there (10 MB: src/use-cases/upload-document.ts).
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1, fields: 20, fieldSize: 2000, parts: 22 },
  });
  // Off by default; a route opts in with config.rateLimit (sign-in, setup).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", `too many attempts: try again in ${context.after}`),
  });
  // Every /api route declares its policy; onRequest resolves request.actor and enforces it.
  await app.register(authPlugin(deps));
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Mobilitas API",
        description: "Erasmus+ mobility: calls, applications, scoring, award and recognition",
        version: "0.1.0",
      },
    },
    transform: documentPolicies(jsonSchemaTransform),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(apiRoutes(deps), { prefix: "/api" });
  await app.register(webPlugin);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
