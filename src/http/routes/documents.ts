// Documents of a call (issue 4): language and activity certificates handed in as PDF, JPEG or PNG
// (≤ 10 MB, the type told from the content), reviewed by the staff of the student's centre, and
// the language service's level-test results. Only verified documents count for the score.

import os from "node:os";
import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { fieldRefusal } from "../../errors.ts";
import { diskFileStore } from "../../files/file-store.ts";
import { pathId } from "../../schemas/common.ts";
import { levelTestBody, reviewBody } from "../../schemas/documents.ts";
import { getDocument, listDocuments, openDocumentFile } from "../../use-cases/list-documents.ts";
import { recordLevelTest } from "../../use-cases/record-level-test.ts";
import { reviewDocument } from "../../use-cases/review-document.ts";
import { checkDocumentUpload, MAX_DOCUMENT_BYTES, uploadDocument } from "../../use-cases/upload-document.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { documentSchema, presentDocument } from "../presenters/document.ts";
import { receiveUpload } from "./multipart-upload.ts";

const refusals = {
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  ...errorResponses,
} as const;
const documentParams = z.object({ callId: pathId, documentId: pathId });
const studentParams = z.object({ callId: pathId, studentId: pathId });

export const documentRoutes =
  ({ database, clock, files: given }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;
    const files = given ?? diskFileStore(path.join(os.tmpdir(), `mobilitas-files-${process.pid}`));

    app.get(
      "/calls/:callId/documents",
      {
        config: { policy: "document:read" },
        schema: {
          summary: "Documents within your scope (a student: their own; staff: their centre's)",
          tags: ["documents"],
          params: z.object({ callId: pathId }),
          querystring: z.strictObject({
            studentId: pathId.optional(),
            status: z.enum(["pending", "verified", "rejected"]).optional(),
          }),
          response: { 200: z.object({ items: z.array(documentSchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: (
          await listDocuments({ db, actor: request.actor, callId: request.params.callId, ...request.query })
        ).map(presentDocument),
      }),
    );

    app.post(
      "/calls/:callId/students/:studentId/documents",
      {
        config: { policy: "document:upload" },
        schema: {
          summary: "Hand in a language or activity certificate (multipart/form-data)",
          description:
            "Parts: `file` (PDF, JPEG or PNG, at most 10 MB; the type is read from the content and must " +
            "agree with the part's Content-Type and the name's extension) and the fields `kind` " +
            "(language-certificate | activity); for a language certificate `certificate` (an Annex II id), " +
            "`language`, and `level`, `result` or `results` (JSON) as its family needs; for an activity " +
            "`activityKind` (international-event | mentor-programme) and `positiveEvaluation`. Refused " +
            "after the documents deadline (409 DOCUMENTS_DEADLINE_PASSED), beyond 10 MB (413), and when " +
            "the content is not what it claims (415 FILE_TYPE).",
          tags: ["documents"],
          consumes: ["multipart/form-data"],
          params: studentParams,
          response: {
            201: documentSchema,
            409: errorBodySchema,
            413: errorBodySchema,
            415: errorBodySchema,
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const { callId, studentId } = request.params;
        await checkDocumentUpload({ db, clock, actor: request.actor, callId, studentId });
        const upload = await receiveUpload(request, files, MAX_DOCUMENT_BYTES);
        if (upload.file === undefined)
          throw fieldRefusal("NO_FILE", "the part named file is missing", "body/file");
        const doc = await uploadDocument({
          db,
          clock,
          actor: request.actor,
          callId,
          studentId,
          fields: upload.fields,
          file: upload.file,
        });
        reply.status(201);
        return presentDocument(doc);
      },
    );

    app.get(
      "/calls/:callId/documents/:documentId",
      {
        config: { policy: "document:read" },
        schema: {
          summary: "One document (another student's or centre's reads as absent: 404)",
          tags: ["documents"],
          params: documentParams,
          response: { 200: documentSchema, ...refusals },
        },
      },
      async (request) => presentDocument(await getDocument({ db, actor: request.actor, ...request.params })),
    );

    app.get(
      "/calls/:callId/documents/:documentId/file",
      {
        config: { policy: "document:read" },
        schema: {
          summary: "The document's file, streamed, with the type read from its content",
          tags: ["documents"],
          produces: ["application/pdf", "image/jpeg", "image/png"],
          params: documentParams,
          response: {
            200: z.unknown().meta({ type: "string", format: "binary" }).describe("the file"),
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const file = await openDocumentFile({ db, files, actor: request.actor, ...request.params });
        // Shown inline beside the student's data in the back office (issue 5): this answer alone may
        // be framed by the app's own pages; everything else stays unframeable.
        const csp = String(reply.getHeader("content-security-policy") ?? "");
        return reply
          .type(file.mediaType)
          .header("content-length", String(file.size))
          .header("content-disposition", "inline")
          .header("content-security-policy", csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"))
          .header("x-frame-options", "SAMEORIGIN")
          .header("etag", `"${file.sha256}"`)
          .send(file.stream);
      },
    );

    app.post(
      "/calls/:callId/documents/:documentId/review",
      {
        config: { policy: "document:review" },
        schema: {
          summary: "Verify a document (it then counts for the score) or reject it with a reason",
          tags: ["documents"],
          params: documentParams,
          body: reviewBody,
          response: { 200: documentSchema, ...refusals },
        },
      },
      async (request) =>
        presentDocument(
          await reviewDocument({ db, clock, actor: request.actor, ...request.params, review: request.body }),
        ),
    );

    app.post(
      "/calls/:callId/students/:studentId/level-tests",
      {
        config: { policy: "language-record:write" },
        schema: {
          summary: "Record a level-test result of the language service (a verified certificate level-test)",
          tags: ["documents"],
          params: studentParams,
          body: levelTestBody,
          response: { 201: documentSchema, ...refusals },
        },
      },
      async (request, reply) => {
        const doc = await recordLevelTest({
          db,
          clock,
          actor: request.actor,
          ...request.params,
          test: request.body,
        });
        reply.status(201);
        return presentDocument(doc);
      },
    );
  };
