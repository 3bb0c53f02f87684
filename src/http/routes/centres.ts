// Centres (Schools and Faculties) and their degrees: public to read, the office's to edit.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createCentreBody,
  createDegreeBody,
  updateCentreBody,
  updateDegreeBody,
} from "../../schemas/centres.ts";
import { pathId } from "../../schemas/common.ts";
import { createCentre } from "../../use-cases/create-centre.ts";
import { createDegree } from "../../use-cases/create-degree.ts";
import { getCentre, listCentres } from "../../use-cases/list-centres.ts";
import { getDegree, listDegrees } from "../../use-cases/list-degrees.ts";
import { updateCentre } from "../../use-cases/update-centre.ts";
import { updateDegree } from "../../use-cases/update-degree.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { centreSchema, degreeSchema } from "../presenters/centre.ts";

const refusals = { 401: errorBodySchema, 403: errorBodySchema, ...errorResponses } as const;
const codeParams = z.object({ code: pathId });

export const centreRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;

    app.get(
      "/centres",
      {
        config: { policy: "centre:read" },
        schema: {
          summary: "Every centre",
          tags: ["centres"],
          querystring: z.strictObject({}),
          response: { 200: z.object({ items: z.array(centreSchema) }), ...refusals },
        },
      },
      async (request) => ({ items: await listCentres({ db, actor: request.actor }) }),
    );

    app.get(
      "/centres/:code",
      {
        config: { policy: "centre:read" },
        schema: {
          summary: "One centre",
          tags: ["centres"],
          params: codeParams,
          response: { 200: centreSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) => getCentre({ db, actor: request.actor, code: request.params.code }),
    );

    app.post(
      "/centres",
      {
        config: { policy: "centre:manage" },
        schema: {
          summary: "Add a centre",
          tags: ["centres"],
          body: createCentreBody,
          response: { 201: centreSchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCentre({ db, clock, actor: request.actor, input: request.body })),
    );

    app.patch(
      "/centres/:code",
      {
        config: { policy: "centre:manage" },
        schema: {
          summary: "Rename a centre (its code stays)",
          tags: ["centres"],
          params: codeParams,
          body: updateCentreBody,
          response: { 200: centreSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        updateCentre({ db, clock, actor: request.actor, code: request.params.code, edit: request.body }),
    );

    app.get(
      "/degrees",
      {
        config: { policy: "centre:read" },
        schema: {
          summary: "The degrees, of one centre or all",
          tags: ["centres"],
          querystring: z.strictObject({ centre: pathId.optional() }),
          response: { 200: z.object({ items: z.array(degreeSchema) }), ...refusals },
        },
      },
      async (request) => ({
        items: await listDegrees({
          db,
          actor: request.actor,
          ...(request.query.centre === undefined ? {} : { centre: request.query.centre }),
        }),
      }),
    );

    app.get(
      "/degrees/:code",
      {
        config: { policy: "centre:read" },
        schema: {
          summary: "One degree",
          tags: ["centres"],
          params: codeParams,
          response: { 200: degreeSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) => getDegree({ db, actor: request.actor, code: request.params.code }),
    );

    app.post(
      "/degrees",
      {
        config: { policy: "centre:manage" },
        schema: {
          summary: "Add a degree to a centre",
          tags: ["centres"],
          body: createDegreeBody,
          response: { 201: degreeSchema, 409: errorBodySchema, ...refusals },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createDegree({ db, clock, actor: request.actor, input: request.body })),
    );

    app.patch(
      "/degrees/:code",
      {
        config: { policy: "centre:manage" },
        schema: {
          summary: "Edit a degree (its code stays)",
          tags: ["centres"],
          params: codeParams,
          body: updateDegreeBody,
          response: { 200: degreeSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        updateDegree({ db, clock, actor: request.actor, code: request.params.code, edit: request.body }),
    );
  };
