// The one error handler (STYLE habit 5): every failure leaves as { error: { code, message, … } }
// with a stable code, mapped to its HTTP status here and nowhere else. 5xx details stay in the log.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AppError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorIssue,
  FIELD_REASONS,
  WORKFLOW_CODE_MEANINGS,
  WORKFLOW_CODES,
  type WorkflowCode,
} from "../errors.ts";

/** Every refusal of the call's workflow is a conflict with the call's state. */
const WORKFLOW_STATUS = Object.fromEntries(WORKFLOW_CODES.map((code) => [code, 409])) as Record<
  WorkflowCode,
  409
>;

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  ...WORKFLOW_STATUS,
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  // a cookie-authenticated write without the session's X-CSRF-Token (docs/decisions/0003-security.md)
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Codes for errors Fastify and its plugins raise with a 4xx status. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

/** The codes and their statuses, as the OpenAPI document shows them (one source: src/errors.ts). */
function codesDescription(): string {
  const workflow = WORKFLOW_CODES.map((c) => `\`${c}\` (409): ${WORKFLOW_CODE_MEANINGS[c]}`);
  const fields = Object.entries(FIELD_REASONS).map(([r, meaning]) => `\`${r}\`: ${meaning}`);
  return [
    "A stable code; the HTTP status follows from it. Refusals of the call's workflow, each its own code:",
    ...workflow.map((line) => `- ${line}`),
    "A bad field is VALIDATION_FAILED (a file's type UNSUPPORTED_MEDIA_TYPE) with one issue per field, " +
      "whose message starts with the field's reason:",
    ...fields.map((line) => `- ${line}`),
  ].join("\n");
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ description: codesDescription() }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Response schemas every route declares besides its success, for the OpenAPI document. */
export const errorResponses = {
  400: errorBodySchema,
  500: errorBodySchema,
} as const;

interface Translated {
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[];
}

function translate(error: FastifyError | Error): Translated {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.issues.length > 0 ? { issues: error.issues } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = "validationContext" in error ? String(error.validationContext ?? "") : "";
    return {
      code: "VALIDATION_FAILED",
      message: "the request does not match its schema",
      issues: error.validation.flatMap((v) => {
        const path = `${context}${v.instancePath}`.replace(/\/$/, "");
        // An unknown field is named by its own path, one issue each, so a form can point at it.
        const keys = v.keyword === "unrecognized_keys" ? v.params.keys : undefined;
        if (Array.isArray(keys) && keys.length > 0)
          return keys.map((key) => ({ path: `${path}/${String(key)}`, message: "is not a known field" }));
        return [{ path, message: v.message ?? "is invalid" }];
      }),
    };
  }
  if (isResponseSerializationError(error)) return internal;
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { code: CODE_OF_STATUS[status] ?? "MALFORMED_REQUEST", message: error.message };
  }
  return internal;
}

const internal: Translated = { code: "INTERNAL", message: "internal error" };

export function errorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const { code, message, issues } = translate(error);
  const status = HTTP_STATUS[code];
  if (status >= 500) request.log.error({ err: error }, "request failed");
  else request.log.info({ code, message }, "request refused");
  const body: ErrorBody = { error: { code, message, ...(issues ? { issues } : {}), requestId: request.id } };
  return reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body: ErrorBody = {
    error: { code: "NOT_FOUND", message: `no route ${request.method} ${request.url}`, requestId: request.id },
  };
  return reply.status(404).send(body);
}
