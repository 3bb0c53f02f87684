// People and their roles, for administrators (SPEC 2). Every change is audited, before → after.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../auth/passwords.ts";
import { ROLES } from "../../policies/policies.ts";
import { createUser } from "../../use-cases/create-user.ts";
import { listUsers } from "../../use-cases/list-users.ts";
import { updateUser } from "../../use-cases/update-user.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { presentUser, userSchema } from "../presenters/user.ts";

const refusals = { 401: errorBodySchema, 403: errorBodySchema, ...errorResponses } as const;
const code = z.string().trim().min(1).max(64);

export const userRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/users",
      {
        config: { policy: "user:manage" },
        schema: {
          summary: "Add a person with a role; without a password, a one-time initial one is generated",
          tags: ["users"],
          body: z.object({
            email: z.email().max(320),
            displayName: z.string().trim().min(1).max(200),
            role: z.enum(ROLES),
            centre: code.nullish().describe("coordinators and students: their centre"),
            studentId: code.nullish().describe("students and incoming students: their student id"),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH).optional(),
          }),
          response: {
            201: z.object({
              user: userSchema,
              initialPassword: z.string().optional().describe("shown once: hand it to the person"),
            }),
            409: errorBodySchema,
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const { user, initialPassword } = await createUser({
          db: database.db,
          clock,
          actor: request.actor,
          ...request.body,
        });
        return reply
          .status(201)
          .send({ user: presentUser(user), ...(initialPassword ? { initialPassword } : {}) });
      },
    );

    app.get(
      "/users",
      {
        config: { policy: "user:manage" },
        schema: {
          summary: "People, in e-mail order, a page at a time",
          tags: ["users"],
          querystring: z.object({
            role: z.enum(ROLES).optional(),
            centre: code.optional(),
            after: z.string().max(320).optional().describe("the `next` of the previous page"),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({ items: z.array(userSchema), next: z.string().nullable() }),
            ...refusals,
          },
        },
      },
      async (request) => {
        const page = await listUsers({ db: database.db, actor: request.actor, ...request.query });
        return { items: page.items.map(presentUser), next: page.next };
      },
    );

    app.patch(
      "/users/:id",
      {
        config: { policy: "user:manage" },
        schema: {
          summary: "Change a person's role, centre, name, or whether they may sign in",
          description: "Deactivating a person ends their sessions at once.",
          tags: ["users"],
          params: z.object({ id: z.string().min(1).max(100) }),
          body: z
            .object({
              displayName: z.string().trim().min(1).max(200),
              role: z.enum(ROLES),
              centre: code.nullable(),
              studentId: code.nullable(),
              active: z.boolean(),
            })
            .partial()
            .strict(),
          response: {
            200: z.object({ user: userSchema }),
            404: errorBodySchema,
            409: errorBodySchema,
            ...refusals,
          },
        },
      },
      async (request) => {
        const user = await updateUser({
          db: database.db,
          clock,
          actor: request.actor,
          id: request.params.id,
          changes: request.body,
        });
        return { user: presentUser(user) };
      },
    );
  };
