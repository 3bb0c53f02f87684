// Calls (SPEC 4): their settings and calendar, public to read, the office's to create and edit;
// and each centre's own rules within a call (SPEC 5), its coordinator's or the office's to set.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { centreRulesSchema, createCallBody, updateCallBody } from "../../schemas/calls.ts";
import { pathId } from "../../schemas/common.ts";
import { createCall } from "../../use-cases/create-call.ts";
import { getCall } from "../../use-cases/get-call.ts";
import { listCalls } from "../../use-cases/list-calls.ts";
import { listCentreRules } from "../../use-cases/list-centre-rules.ts";
import { removeCentreRules } from "../../use-cases/remove-centre-rules.ts";
import { setCentreRules } from "../../use-cases/set-centre-rules.ts";
import { updateCall } from "../../use-cases/update-call.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { callSchema, centreRulesViewSchema, presentCall, presentCentreRules } from "../presenters/call.ts";

const refusals = { 401: errorBodySchema, 403: errorBodySchema, ...errorResponses } as const;
const callParams = z.object({ callId: pathId });
const centreParams = z.object({ callId: pathId, centre: pathId });

export const callRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;

    app.get(
      "/calls",
      {
        config: { policy: "call:read" },
        schema: {
          summary: "Every call, the latest academic year first",
          tags: ["calls"],
          querystring: z.strictObject({}),
          response: { 200: z.object({ items: z.array(callSchema) }), ...refusals },
        },
      },
      async (request) => ({ items: (await listCalls({ db, actor: request.actor })).map(presentCall) }),
    );

    app.get(
      "/calls/:callId",
      {
        config: { policy: "call:read" },
        schema: {
          summary: "One call: settings and calendar",
          tags: ["calls"],
          params: callParams,
          response: { 200: callSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        presentCall(await getCall({ db, actor: request.actor, callId: request.params.callId })),
    );

    app.post(
      "/calls",
      {
        config: { policy: "call:manage" },
        schema: {
          summary: "Create a call with its settings and calendar",
          description:
            "Dates must follow the call's stages (opening < deadline; documents and level test before the " +
            "provisional list; then claims, definitive list, acceptance); settings must agree (min ≤ max months…).",
          tags: ["calls"],
          body: createCallBody,
          response: { 201: callSchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const call = await createCall({ db, clock, actor: request.actor, input: request.body });
        return reply.status(201).send(presentCall(call));
      },
    );

    app.patch(
      "/calls/:callId",
      {
        config: { policy: "call:manage" },
        schema: {
          summary: "Edit a call's settings or calendar (audited before → after)",
          description: "Groups change field by field; lists and maps are replaced whole; null clears a date.",
          tags: ["calls"],
          params: callParams,
          body: updateCallBody,
          response: { 200: callSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        presentCall(
          await updateCall({
            db,
            clock,
            actor: request.actor,
            callId: request.params.callId,
            edit: request.body,
          }),
        ),
    );

    app.get(
      "/calls/:callId/centre-rules",
      {
        config: { policy: "call:read" },
        schema: {
          summary: "Each centre's own rules within the call (published, like the call)",
          tags: ["calls"],
          params: callParams,
          response: {
            200: z.object({ items: z.array(centreRulesViewSchema) }),
            404: errorBodySchema,
            ...refusals,
          },
        },
      },
      async (request) => ({
        items: (await listCentreRules({ db, actor: request.actor, callId: request.params.callId })).map(
          presentCentreRules,
        ),
      }),
    );

    app.put(
      "/calls/:callId/centre-rules/:centre",
      {
        config: { policy: "centre-rules:manage" },
        schema: {
          summary: "Set a centre's own rules within the call (its coordinator or the office)",
          tags: ["calls"],
          params: centreParams,
          body: centreRulesSchema,
          response: { 200: centreRulesViewSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        presentCentreRules(
          await setCentreRules({ db, clock, actor: request.actor, ...request.params, rules: request.body }),
        ),
    );

    app.delete(
      "/calls/:callId/centre-rules/:centre",
      {
        config: { policy: "centre-rules:manage" },
        schema: {
          summary: "Remove a centre's own rules: the call's settings apply to it again",
          tags: ["calls"],
          params: centreParams,
          response: { 204: z.null(), 404: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        await removeCentreRules({ db, clock, actor: request.actor, ...request.params });
        return reply.status(204).send(null);
      },
    );
  };
