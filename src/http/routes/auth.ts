// Signing in and out (docs/decisions/0003-security.md). The session lives in a HttpOnly cookie;
// the CSRF token in the answer goes back as X-CSRF-Token on every write.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../auth/passwords.ts";
import { AppError } from "../../errors.ts";
import { signIn } from "../../use-cases/sign-in.ts";
import { signOut } from "../../use-cases/sign-out.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { clearSessionCookie, sessionCsrfToken, sessionToken, setSessionCookie } from "../plugins/auth.ts";
import { presentUser, userSchema } from "../presenters/user.ts";

/** Per client address and e-mail: enough for typos, far too few to guess a password. */
export const SIGN_IN_ATTEMPTS = { max: 10, timeWindow: 15 * 60 * 1000 } as const;

const sessionSchema = z
  .object({
    user: userSchema.nullable(),
    csrfToken: z.string().nullable().describe("send it back as X-CSRF-Token on every write"),
  })
  .meta({ id: "Session" });

const signInBody = z.object({
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

function emailOf(body: unknown): string {
  if (typeof body === "object" && body !== null && "email" in body && typeof body.email === "string") {
    return body.email.trim().toLowerCase();
  }
  return "";
}

export const authRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/auth/sign-in",
      {
        config: {
          policy: "session:use",
          rateLimit: {
            ...SIGN_IN_ATTEMPTS,
            // After validation, so the key can include the e-mail.
            hook: "preHandler",
            keyGenerator: (request) => `sign-in|${request.ip}|${emailOf(request.body)}`,
          },
        },
        schema: {
          summary: "Sign in with e-mail and password; sets the session cookie",
          tags: ["auth"],
          body: signInBody,
          response: {
            200: sessionSchema.extend({ user: userSchema, csrfToken: z.string() }),
            401: errorBodySchema,
            403: errorBodySchema,
            429: errorBodySchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        try {
          const signedIn = await signIn({
            db: database.db,
            clock,
            email: request.body.email,
            password: request.body.password,
            previousToken: sessionToken(request),
          });
          setSessionCookie(reply, signedIn.sessionToken);
          request.log.info({ userId: signedIn.user.id }, "signed in");
          return { user: presentUser(signedIn.user), csrfToken: signedIn.csrfToken };
        } catch (error) {
          if (error instanceof AppError && error.code === "UNAUTHENTICATED") {
            request.log.info({ email: request.body.email }, "sign-in refused");
          }
          throw error;
        }
      },
    );

    app.post(
      "/auth/sign-out",
      {
        config: { policy: "session:use" },
        schema: {
          summary: "Sign out: ends the session and clears its cookie",
          tags: ["auth"],
          response: { 204: z.null(), 403: errorBodySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        if (request.session !== null) await signOut({ db: database.db, clock, session: request.session });
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/auth/session",
      {
        config: { policy: "session:use" },
        schema: {
          summary: "Who is signed in, and the CSRF token of their session",
          tags: ["auth"],
          response: { 200: sessionSchema, ...errorResponses },
        },
      },
      async (request) => ({
        user: request.session === null ? null : presentUser(request.session.user),
        csrfToken: sessionCsrfToken(request),
      }),
    );
  };
