// Runs of the scoring and award engine (kept with their input hash; what changed between two) and
// the published lists: provisional and definitive per centre, immutable, public and pseudonymised,
// and each student's own full view (issue 4).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { code, pathId, text } from "../../schemas/common.ts";
import { compareAwardRuns } from "../../use-cases/compare-award-runs.ts";
import { getAwardRun, listAwardRuns } from "../../use-cases/get-award-run.ts";
import { publishList } from "../../use-cases/publish-list.ts";
import {
  getOwnListView,
  getOwnListViews,
  getPublishedList,
  listPublishedLists,
} from "../../use-cases/read-published-lists.ts";
import { runAward } from "../../use-cases/run-award.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import {
  ownListViewSchema,
  presentPublication,
  publicationSchema,
  publicationSummarySchema,
  publicListSchema,
  runChangesSchema,
  runSchema,
  runWithOutcomeSchema,
} from "../presenters/lists.ts";

const refusals = {
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  ...errorResponses,
} as const;
const callParams = z.object({ callId: pathId });
const runParams = z.object({ callId: pathId, runId: pathId });
const kind = z.enum(["provisional", "definitive"]);

export const listRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;

    app.post(
      "/calls/:callId/award-runs",
      {
        config: { policy: "award:run" },
        schema: {
          summary: "Run the scoring and award engine on the call's current data and keep the run",
          description:
            "A coordinator runs their centre; the office a centre or, without one, every centre. Refused " +
            "for a centre whose definitive list is published (409 LIST_PUBLISHED).",
          tags: ["award runs"],
          params: callParams,
          body: z.strictObject({ centre: code.optional() }),
          response: { 201: runWithOutcomeSchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const run = await runAward({
          db,
          clock,
          actor: request.actor,
          callId: request.params.callId,
          ...request.body,
        });
        reply.status(201);
        return run;
      },
    );

    app.get(
      "/calls/:callId/award-runs",
      {
        config: { policy: "award:run" },
        schema: {
          summary: "The call's runs within your scope, newest first",
          tags: ["award runs"],
          params: callParams,
          response: { 200: z.object({ items: z.array(runSchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: await listAwardRuns({ db, actor: request.actor, callId: request.params.callId }),
      }),
    );

    app.get(
      "/calls/:callId/award-runs/:runId",
      {
        config: { policy: "award:run" },
        schema: {
          summary: "One run with its outcome (a coordinator sees their centre's part)",
          tags: ["award runs"],
          params: runParams,
          querystring: z.strictObject({ centre: code.optional() }),
          response: { 200: runWithOutcomeSchema, ...refusals },
        },
      },
      async (request) => getAwardRun({ db, actor: request.actor, ...request.params, ...request.query }),
    );

    app.get(
      "/calls/:callId/award-runs/:runId/changes",
      {
        config: { policy: "award:run" },
        schema: {
          summary: "What changed from another run to this one: who moved, from → to, and why",
          tags: ["award runs"],
          params: runParams,
          querystring: z.strictObject({ from: pathId, centre: code.optional() }),
          response: { 200: runChangesSchema, ...refusals },
        },
      },
      async (request) =>
        compareAwardRuns({
          db,
          actor: request.actor,
          callId: request.params.callId,
          fromRunId: request.query.from,
          toRunId: request.params.runId,
          centre: request.query.centre,
        }),
    );

    app.post(
      "/calls/:callId/lists",
      {
        config: { policy: "list:publish" },
        schema: {
          summary: "Publish a centre's provisional or definitive list from a run",
          description:
            "On or after the list's date (409 TOO_EARLY), from a run of the data as it still is (409 " +
            "STALE_RUN). A list published is never changed: a new publication of the same centre and " +
            "kind supersedes it and needs a reason (400 REASON_REQUIRED). The definitive list needs the " +
            "provisional one (409 PROVISIONAL_LIST_MISSING), the claims window closed (409 TOO_EARLY) and " +
            "no open claim (409 CLAIMS_PENDING); once it is published, 409 LIST_PUBLISHED.",
          tags: ["lists"],
          params: callParams,
          body: z.strictObject({ centre: code, kind, runId: pathId, reason: text(1000).optional() }),
          response: { 201: publicationSchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const publication = await publishList({
          db,
          clock,
          actor: request.actor,
          callId: request.params.callId,
          ...request.body,
        });
        reply.status(201);
        return presentPublication(publication);
      },
    );

    app.get(
      "/calls/:callId/lists",
      {
        config: { policy: "list:read" },
        schema: {
          summary: "The call's published lists (public), each with what superseded it",
          tags: ["lists"],
          params: callParams,
          querystring: z.strictObject({ centre: code.optional(), kind: kind.optional() }),
          response: { 200: z.object({ items: z.array(publicationSummarySchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: (
          await listPublishedLists({
            db,
            actor: request.actor,
            callId: request.params.callId,
            ...request.query,
          })
        ).map(presentPublication),
      }),
    );

    app.get(
      "/calls/:callId/lists/:listId",
      {
        config: { policy: "list:read" },
        schema: {
          summary:
            "A published list, pseudonymised: masked id, initials, score components, status, destination",
          tags: ["lists"],
          params: z.object({ callId: pathId, listId: pathId }),
          querystring: z.strictObject({ q: text(50).optional().describe("part of a masked id, e.g. 0042") }),
          response: { 200: publicListSchema, ...refusals },
        },
      },
      async (request) =>
        presentPublication(
          await getPublishedList({ db, actor: request.actor, ...request.params, ...request.query }),
        ),
    );

    app.get(
      "/calls/:callId/lists/:listId/students/:studentId",
      {
        config: { policy: "application:read" },
        schema: {
          summary: "A student's own full view of a published list: every rule, component, rank and position",
          tags: ["lists"],
          params: z.object({ callId: pathId, listId: pathId, studentId: pathId }),
          response: { 200: ownListViewSchema, ...refusals },
        },
      },
      async (request) =>
        presentPublication(await getOwnListView({ db, actor: request.actor, ...request.params })),
    );

    app.get(
      "/calls/:callId/students/:studentId/list-views",
      {
        config: { policy: "application:read" },
        schema: {
          summary:
            "A student's own views of every current published list they are on (none: an empty list, not a 404)",
          tags: ["lists"],
          params: z.object({ callId: pathId, studentId: pathId }),
          response: { 200: z.object({ items: z.array(ownListViewSchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: (await getOwnListViews({ db, actor: request.actor, ...request.params })).map(
          presentPublication,
        ),
      }),
    );
  };
