// Claims against the provisional list and renunciations in the claims window (issue 4, second half;
// docs/decisions/0008-claims-acceptance-notifications.md).
import os from "node:os";
import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { diskFileStore } from "../../files/file-store.ts";
import { pathId } from "../../schemas/common.ts";
import {
  checkClaimFiling,
  claimResolution,
  fileClaim,
  getClaim,
  listClaims,
  MAX_CLAIM_FILES,
  openClaimAttachment,
  renounceInClaimsWindow,
  resolveClaim,
} from "../../use-cases/claims.ts";
import { MAX_DOCUMENT_BYTES } from "../../use-cases/upload-document.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { claimSchema, presentClaim, presentRenunciation, renunciationSchema } from "../presenters/claim.ts";
import { receiveClaimUpload } from "./claim-upload.ts";

const refusals = {
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  ...errorResponses,
} as const;
const studentParams = z.object({ callId: pathId, studentId: pathId });
const claimParams = z.object({ callId: pathId, claimId: pathId });

export const claimRoutes =
  ({ database, clock, files: given }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;
    const files = given ?? diskFileStore(path.join(os.tmpdir(), `mobilitas-files-${process.pid}`));

    app.post(
      "/calls/:callId/students/:studentId/claims",
      {
        config: { policy: "claim:file" },
        schema: {
          summary: "File a claim against the provisional list (multipart/form-data), in the claims window",
          description:
            "Parts: `text` (what is claimed, required) and up to 5 parts named `file` (PDF, JPEG or PNG, " +
            "at most 10 MB each, the type read from the content). Refused outside the claims window " +
            "(409 CLAIMS_WINDOW_CLOSED), before the centre's provisional list (409 PROVISIONAL_LIST_MISSING), for a " +
            "student not on it (409 NOT_ON_LIST), after a renunciation (409 RENOUNCED).",
          tags: ["claims"],
          consumes: ["multipart/form-data"],
          params: studentParams,
          // Documented only: the route streams the parts itself (src/http/routes/claim-upload.ts).
          body: z.unknown().meta({
            type: "object",
            required: ["text"],
            properties: {
              text: { type: "string", maxLength: 20000, description: "what is claimed, and why" },
              file: {
                type: "array",
                maxItems: 5,
                items: { type: "string", format: "binary" },
                description: "PDF, JPEG or PNG, at most 10 MB each",
              },
            },
          }),
          response: { 201: claimSchema, 413: errorBodySchema, 415: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const { callId, studentId } = request.params;
        await checkClaimFiling({ db, clock, actor: request.actor, callId, studentId });
        if (!request.isMultipart())
          throw new AppError(
            "UNSUPPORTED_MEDIA_TYPE",
            "send the claim as multipart/form-data with a part named text",
          );
        const upload = await receiveClaimUpload(request, files, MAX_DOCUMENT_BYTES, MAX_CLAIM_FILES);
        const claim = await fileClaim({
          db,
          clock,
          actor: request.actor,
          callId,
          studentId,
          text: upload.fields.text,
          files: upload.files,
        });
        reply.status(201);
        return presentClaim(claim);
      },
    );

    app.get(
      "/calls/:callId/claims",
      {
        config: { policy: "claim:read" },
        schema: {
          summary: "Claims within your scope (a student: their own; a coordinator: their centre's)",
          tags: ["claims"],
          params: z.object({ callId: pathId }),
          querystring: z.strictObject({
            status: z.enum(["open", "accepted", "rejected"]).optional(),
            centre: pathId.optional(),
          }),
          response: { 200: z.object({ items: z.array(claimSchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: (
          await listClaims({ db, actor: request.actor, callId: request.params.callId, ...request.query })
        ).map(presentClaim),
      }),
    );

    app.get(
      "/calls/:callId/claims/:claimId",
      {
        config: { policy: "claim:read" },
        schema: {
          summary: "One claim (another student's or centre's reads as absent: 404)",
          tags: ["claims"],
          params: claimParams,
          response: { 200: claimSchema, ...refusals },
        },
      },
      async (request) => presentClaim(await getClaim({ db, actor: request.actor, ...request.params })),
    );

    app.get(
      "/calls/:callId/claims/:claimId/attachments/:position",
      {
        config: { policy: "claim:read" },
        schema: {
          summary: "A file handed in with a claim, streamed",
          tags: ["claims"],
          produces: ["application/pdf", "image/jpeg", "image/png"],
          params: claimParams.extend({ position: z.coerce.number().int().min(0).max(100) }),
          response: {
            200: z.unknown().meta({ type: "string", format: "binary" }).describe("the file"),
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const file = await openClaimAttachment({ db, files, actor: request.actor, ...request.params });
        return reply
          .type(file.mediaType)
          .header("content-length", String(file.size))
          .header("content-disposition", "attachment")
          .send(file.stream);
      },
    );

    app.post(
      "/calls/:callId/claims/:claimId/resolution",
      {
        config: { policy: "claim:resolve" },
        schema: {
          summary: "Resolve a claim with a reason: accepted (with the data corrected) or rejected",
          description:
            "`corrections` (accepted only): `documents` [{documentId, decision: verified|rejected, reason?}] " +
            "of the claimant, and `academicRecord` figures; each is audited, and the next award run " +
            "scores the corrected data. 409 CLAIM_RESOLVED when it was resolved already.",
          tags: ["claims"],
          params: claimParams,
          body: claimResolution,
          response: { 200: claimSchema, ...refusals },
        },
      },
      async (request) =>
        presentClaim(
          await resolveClaim({
            db,
            clock,
            actor: request.actor,
            ...request.params,
            resolution: request.body,
          }),
        ),
    );

    app.post(
      "/calls/:callId/students/:studentId/renunciation",
      {
        config: { policy: "claim:file" },
        schema: {
          summary: "Renounce the application in the claims window (a retry returns the same record)",
          description:
            "Refused outside the claims window (409 CLAIMS_WINDOW_CLOSED), before the centre's " +
            "provisional list (409 PROVISIONAL_LIST_MISSING), for a student not on it (409 " +
            "NOT_ON_LIST), after the definitive list (409 LIST_PUBLISHED).",
          tags: ["claims"],
          params: studentParams,
          body: z.unknown().meta({
            type: "object",
            description: "nothing is needed: the student renounces their application",
          }),
          response: { 200: renunciationSchema, 201: renunciationSchema, ...refusals },
        },
      },
      async (request, reply) => {
        const { renunciation, created } = await renounceInClaimsWindow({
          db,
          clock,
          actor: request.actor,
          ...request.params,
        });
        reply.status(created ? 201 : 200);
        return presentRenunciation(renunciation);
      },
    );
  };
