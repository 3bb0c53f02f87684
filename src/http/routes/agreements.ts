// The agreements of a call (SPEC 4, 5): scoped reads (a coordinator their centre's, a student their
// centre's destinations, the office all; another centre's reads as absent, 404), edits by the
// office or the centre's coordinator, and the spreadsheet import with its per-row report.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { FreshReads } from "../../db/coalesce.ts";
import { agreementListQuery, createAgreementBody, updateAgreementBody } from "../../schemas/agreements.ts";
import { csvImportBody, importReportSchema, pageOf, pathId } from "../../schemas/common.ts";
import { agreementEditor } from "../../use-cases/agreement-edits.ts";
import { createAgreement } from "../../use-cases/create-agreement.ts";
import { deleteAgreement } from "../../use-cases/delete-agreement.ts";
import { getAgreement } from "../../use-cases/get-agreement.ts";
import { importAgreements } from "../../use-cases/import-agreements.ts";
import { agreementListVersion, listAgreements } from "../../use-cases/list-agreements.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { agreementSchema, presentAgreement } from "../presenters/agreement.ts";
import { ResponseCache, sendCachedJson } from "../response-cache.ts";
import { acceptCsv, csvText } from "./csv-body.ts";

const refusals = { 401: errorBodySchema, 403: errorBodySchema, ...errorResponses } as const;
const callParams = z.object({ callId: pathId });
const agreementParams = z.object({ callId: pathId, agreementId: pathId });

export const agreementRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;
    acceptCsv(app);
    // Lists of agreements are read far more than written (every student's destinations page).
    const lists = new ResponseCache();
    // Their version is read once for all the reads that arrive while it is being read (coalesce.ts).
    const versions = new FreshReads<string | undefined>();
    // Edits that arrive together are committed together.
    const editor = agreementEditor({ db, clock });

    app.get(
      "/calls/:callId/agreements",
      {
        config: { policy: "agreement:read" },
        schema: {
          summary: "The call's agreements you may see, filtered and searched within that scope",
          tags: ["agreements"],
          params: callParams,
          querystring: agreementListQuery,
          response: { 200: pageOf(agreementSchema), 304: z.null(), 404: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const read = { db, actor: request.actor, callId: request.params.callId, query: request.query };
        const version = await agreementListVersion({
          ...read,
          writeCount: database.writeCount,
          fingerprints: versions,
        });
        return sendCachedJson(lists, request, reply, version, async () => {
          const page = await listAgreements(read);
          return { items: page.items.map(presentAgreement), total: page.total };
        });
      },
    );

    app.get(
      "/calls/:callId/agreements/:agreementId",
      {
        config: { policy: "agreement:read" },
        schema: {
          summary: "One agreement (another centre's reads as absent: 404)",
          tags: ["agreements"],
          params: agreementParams,
          response: { 200: agreementSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        presentAgreement(await getAgreement({ db, actor: request.actor, ...request.params })),
    );

    app.post(
      "/calls/:callId/agreements",
      {
        config: { policy: "agreement:manage" },
        schema: {
          summary: "Add an agreement to the call (a coordinator: of their centre only)",
          tags: ["agreements"],
          params: callParams,
          body: createAgreementBody,
          response: { 201: agreementSchema, 404: errorBodySchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const stored = await createAgreement({
          db,
          clock,
          actor: request.actor,
          callId: request.params.callId,
          input: request.body,
        });
        return reply.status(201).send(presentAgreement(stored));
      },
    );

    app.patch(
      "/calls/:callId/agreements/:agreementId",
      {
        config: { policy: "agreement:manage" },
        schema: {
          summary: "Edit an agreement: places, months, cycles, partner, languages, nomination deadline",
          description: "Each field given replaces the stored one; null clears an optional one.",
          tags: ["agreements"],
          params: agreementParams,
          body: updateAgreementBody,
          response: { 200: agreementSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        presentAgreement(await editor.edit({ actor: request.actor, ...request.params, edit: request.body })),
    );

    app.delete(
      "/calls/:callId/agreements/:agreementId",
      {
        config: { policy: "agreement:manage" },
        schema: {
          summary: "Delete an agreement, only while no application names it (409 otherwise)",
          tags: ["agreements"],
          params: agreementParams,
          response: { 204: z.null(), 404: errorBodySchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        await deleteAgreement({ db, clock, actor: request.actor, ...request.params });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/calls/:callId/agreements/import",
      {
        config: { policy: "agreement:manage" },
        schema: {
          summary: "Import the call's agreements from a spreadsheet (CSV), upserting by id",
          description:
            "Columns: id, centre, partnerName, partnerErasmusCode?, partnerCountry, places, months, cycles " +
            "(grado|master), subjectArea?, languages? (de:B1|en:B2), languageRequiredAtApplication?, " +
            "nominationDeadline? (YYYY-MM-DD). Comma, semicolon or tab separated. Any bad row refuses the " +
            "whole file (400, every bad row named as csv/<row>/<column>); the same file twice changes nothing.",
          tags: ["agreements"],
          consumes: ["text/csv", "application/json"],
          params: callParams,
          body: csvImportBody,
          response: { 200: importReportSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        importAgreements({
          db,
          clock,
          actor: request.actor,
          callId: request.params.callId,
          csv: csvText(request.body),
        }),
    );
  };
