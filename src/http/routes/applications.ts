// A student's application in a call (issue 4): the draft of ranked destinations (PUT, idempotent),
// the destinations they may choose with the engine's reasons, the validation (the formal
// submission, exactly once) and its receipt, also as a PDF. Staff of the student's centre read.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { renderReceiptPdf } from "../../receipts/receipt-pdf.ts";
import { code, pathId } from "../../schemas/common.ts";
import { getApplication } from "../../use-cases/get-application.ts";
import { getApplicationOptions } from "../../use-cases/get-application-options.ts";
import { getApplicationReceipt } from "../../use-cases/get-application-receipt.ts";
import { getScorePreview } from "../../use-cases/get-score-preview.ts";
import { listApplications } from "../../use-cases/list-applications.ts";
import { saveApplicationDraft } from "../../use-cases/save-application-draft.ts";
import { validateApplication } from "../../use-cases/validate-application.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import {
  applicationOptionsSchema,
  applicationSchema,
  applicationSummarySchema,
  presentApplication,
  presentApplicationSummary,
  presentOptions,
  presentReceipt,
  presentScorePreview,
  receiptSchema,
  scorePreviewSchema,
} from "../presenters/application.ts";

const refusals = {
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  ...errorResponses,
} as const;
const studentParams = z.object({ callId: pathId, studentId: pathId });
const base = "/calls/:callId/students/:studentId/application";

export const applicationRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;

    app.get(
      "/calls/:callId/applications",
      {
        config: { policy: "application:read" },
        schema: {
          summary: "The call's applications within your scope (staff: your centre's; a student: their own)",
          tags: ["applications"],
          params: z.object({ callId: pathId }),
          response: { 200: z.object({ items: z.array(applicationSummarySchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: (await listApplications({ db, actor: request.actor, callId: request.params.callId })).map(
          presentApplicationSummary,
        ),
      }),
    );

    app.get(
      base,
      {
        config: { policy: "application:read" },
        schema: {
          summary: "A student's application (another student's or centre's reads as absent: 404)",
          tags: ["applications"],
          params: studentParams,
          response: { 200: applicationSchema, ...refusals },
        },
      },
      async (request) =>
        presentApplication(await getApplication({ db, actor: request.actor, ...request.params })),
    );

    app.put(
      base,
      {
        config: { policy: "application:write" },
        schema: {
          summary: "Save the draft: up to maxChoices destinations of your centre, most wanted first",
          description:
            "Idempotent. Refused once validated (409, APPLICATION_LOCKED), before the call opens (409, " +
            "CALL_NOT_OPEN) and after the deadline (409, DEADLINE_PASSED). Bad choices: 400 naming each " +
            "(NOT_A_DESTINATION, DUPLICATE_CHOICE, TOO_MANY_CHOICES).",
          tags: ["applications"],
          params: studentParams,
          body: z.strictObject({ choices: z.array(code).max(50) }),
          response: { 200: applicationSchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        presentApplication(
          await saveApplicationDraft({
            db,
            clock,
            actor: request.actor,
            ...request.params,
            choices: request.body.choices,
          }),
        ),
    );

    app.get(
      `${base}/options`,
      {
        config: { policy: "application:read" },
        schema: {
          summary:
            "Every destination of the student's centre, eligible or not and why (the engine's reason codes)",
          tags: ["applications"],
          params: studentParams,
          response: { 200: applicationOptionsSchema, ...refusals },
        },
      },
      async (request) =>
        presentOptions(await getApplicationOptions({ db, clock, actor: request.actor, ...request.params })),
    );

    app.get(
      `${base}/score`,
      {
        config: { policy: "application:read" },
        schema: {
          summary: "The student's score with every component, from the record and verified documents only",
          description:
            "As the engine computes it (SPEC 6, 13). Lists the student's documents, which count and " +
            "which are pending, and the score if the pending ones were verified.",
          tags: ["applications"],
          params: studentParams,
          response: { 200: scorePreviewSchema, ...refusals },
        },
      },
      async (request) =>
        presentScorePreview(await getScorePreview({ db, actor: request.actor, ...request.params })),
    );

    app.post(
      `${base}/validation`,
      {
        config: { policy: "application:write" },
        schema: {
          summary: "Validate the application: the formal submission; it cannot be changed afterwards",
          description:
            "201 with the receipt (its exact instant and a SHA-256); a retry returns the same receipt " +
            "with 200. Refused before the call opens (CALL_NOT_OPEN), after the deadline " +
            "(DEADLINE_PASSED) and without choices (NO_CHOICES), all 409.",
          tags: ["applications"],
          params: studentParams,
          response: { 200: receiptSchema, 201: receiptSchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const { receipt, created } = await validateApplication({
          db,
          clock,
          actor: request.actor,
          ...request.params,
        });
        reply.status(created ? 201 : 200);
        return presentReceipt(receipt);
      },
    );

    app.get(
      `${base}/receipt`,
      {
        config: { policy: "application:read" },
        schema: {
          summary: "The validation receipt (404 while a draft)",
          tags: ["applications"],
          params: studentParams,
          response: { 200: receiptSchema, ...refusals },
        },
      },
      async (request) =>
        presentReceipt(
          (await getApplicationReceipt({ db, actor: request.actor, ...request.params })).receipt,
        ),
    );

    app.get(
      `${base}/receipt.pdf`,
      {
        config: { policy: "application:read" },
        schema: {
          summary: "The validation receipt as a PDF (Spanish and English)",
          tags: ["applications"],
          produces: ["application/pdf"],
          params: studentParams,
          response: {
            200: z.unknown().meta({ type: "string", format: "binary" }).describe("the PDF"),
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const data = await getApplicationReceipt({ db, actor: request.actor, ...request.params });
        const pdf = await renderReceiptPdf(data);
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="receipt-${data.receipt.receiptId}.pdf"`)
          .send(Buffer.from(pdf));
      },
    );
  };
