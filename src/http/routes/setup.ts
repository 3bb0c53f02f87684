// The first administrator, with the one-time token the server printed at its first start
// (src/use-cases/bootstrap-admin.ts). The token is the authorisation: the policy lets anyone try.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../auth/passwords.ts";
import { isSetupPending, setUpFirstAdmin } from "../../use-cases/set-up-first-admin.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { presentUser, userSchema } from "../presenters/user.ts";

export const setupRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/setup",
      {
        config: { policy: "setup:run" },
        schema: {
          summary: "Whether the first administrator is still to be created",
          tags: ["auth"],
          response: { 200: z.object({ pending: z.boolean() }), ...errorResponses },
        },
      },
      async () => ({ pending: await isSetupPending(database.db) }),
    );

    app.post(
      "/setup",
      {
        config: {
          policy: "setup:run",
          // Each attempt hashes a password: a few per client address are plenty.
          rateLimit: {
            max: 10,
            timeWindow: 15 * 60 * 1000,
            keyGenerator: (request) => `setup|${request.ip}`,
          },
        },
        schema: {
          summary: "Create the first administrator with the one-time setup token",
          tags: ["auth"],
          body: z.object({
            token: z.string().min(1).max(200),
            email: z.email().max(320),
            displayName: z.string().trim().min(1).max(200),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
          }),
          response: {
            201: z.object({ user: userSchema }),
            403: errorBodySchema,
            409: errorBodySchema,
            429: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const user = await setUpFirstAdmin({ db: database.db, clock, ...request.body });
        request.log.warn({ userId: user.id }, "first administrator created with the setup token");
        return reply.status(201).send({ user: presentUser(user) });
      },
    );
  };
