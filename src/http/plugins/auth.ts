// Who is asking, and may they (docs/decisions/0003-security.md):
// 1. every /api route declares `config: { policy: "<action>" }`, checked when the route is added:
//    a route without one stops the server from starting;
// 2. onRequest resolves `request.actor` from the `mobilitas_session` cookie (the public otherwise);
// 3. a cookie-authenticated POST/PUT/PATCH/DELETE must carry the session's X-CSRF-Token;
// 4. `can(actor, policy)` false → 401 UNAUTHENTICATED for the public, 403 FORBIDDEN for a user.
// All of it before the body is read. Resource-level checks and list narrowing are the use cases'.
import type { SwaggerTransform } from "@fastify/swagger";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchema } from "fastify";
import { decoyHash } from "../../auth/passwords.ts";
import { CSRF_HEADER, csrfTokenFor, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "../../auth/sessions.ts";
import { sameToken, tokenDigest } from "../../auth/tokens.ts";
import { AppError } from "../../errors.ts";
import { authorize } from "../../policies/authorize.ts";
import { ACTIONS, type Action, type Actor, PUBLIC } from "../../policies/policies.ts";
import { type ActiveSession, resolveSession } from "../../use-cases/resolve-session.ts";
import type { AppDeps } from "../deps.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking: a signed-in user, or the public. Pass it to the use case. */
    actor: Actor;
    /** The session behind `actor`, when signed in through the cookie. */
    session: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /** The action the route performs (src/policies/policies.ts). Required under /api. */
    policy?: Action;
  }
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const isApiUrl = (url: string) => url === "/api" || url.startsWith("/api/");
const isAction = (value: unknown): value is Action => (ACTIONS as readonly unknown[]).includes(value);

export const sessionCookieOptions = {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  // Secure over HTTPS (behind a proxy: with trustProxy); plain HTTP on a laptop still works.
  secure: "auto",
} as const;

/** Sets the session cookie; it lives as long as the session may (12 h), counted by the browser. */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...sessionCookieOptions, maxAge: SESSION_ABSOLUTE_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions);
}

/** The cookie's token as sent, for sign-in to replace and the session route to derive from. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE] || undefined;
}

/** The CSRF token of the request's session (the same one sign-in returned), or null. */
export function sessionCsrfToken(request: FastifyRequest): string | null {
  const token = sessionToken(request);
  return request.session !== null && token !== undefined ? csrfTokenFor(token) : null;
}

function checkCsrf(request: FastifyRequest, session: ActiveSession): void {
  const header = request.headers[CSRF_HEADER];
  const sent = typeof header === "string" ? header : undefined;
  if (sent === undefined || !sameToken(tokenDigest(sent), session.csrfDigest)) {
    throw new AppError("CSRF_FAILED", `a signed-in write needs the session's ${CSRF_HEADER} header`);
  }
}

/** Registered once, on the root (after @fastify/cookie, before the routes). */
export function authPlugin({ database, clock }: AppDeps): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    // The public until the session says otherwise, even for a request refused before onRequest.
    const actors = new WeakMap<FastifyRequest, Actor>();
    app.decorateRequest("actor", {
      getter(this: FastifyRequest) {
        return actors.get(this) ?? PUBLIC;
      },
      setter(this: FastifyRequest, actor: Actor) {
        actors.set(this, actor);
      },
    });
    app.decorateRequest("session", null);
    // Computed now, so the first sign-in of an unknown e-mail is not the slow one.
    void decoyHash();

    app.addHook("onRoute", (route) => {
      if (!isApiUrl(route.url)) return;
      const policy: unknown = route.config?.policy;
      if (!isAction(policy)) {
        const method = Array.isArray(route.method) ? route.method.join(",") : route.method;
        throw new Error(
          `route ${method} ${route.url} declares no policy: add config: { policy: "<action>" } ` +
            `with an action of src/policies/policies.ts (got ${JSON.stringify(policy)})`,
        );
      }
    });

    app.addHook("onRequest", async (request, reply) => {
      const policy = request.routeOptions.config.policy;
      // Routes outside /api (the web app's files) and unknown URLs (404) need no actor.
      if (policy === undefined) return;
      const token = sessionToken(request);
      if (token !== undefined) {
        const session = await resolveSession({ db: database.db, clock, token });
        if (session === undefined) {
          clearSessionCookie(reply);
        } else {
          request.session = session;
          request.actor = session.actor;
          if (WRITES.has(request.method)) checkCsrf(request, session);
        }
      }
      authorize(request.actor, policy);
    });
  };
  // Like fastify-plugin: the hooks and decorations apply to the whole app, not one context.
  return Object.assign(plugin, { [Symbol.for("skip-override")]: true });
}

/** Wraps the OpenAPI transform so that each operation names its policy as `x-policy`. */
export function documentPolicies<S extends FastifySchema>(
  transform: SwaggerTransform<S>,
): SwaggerTransform<S> {
  return (input) => {
    const result = transform(input);
    const policy = input.route.config?.policy;
    return policy === undefined
      ? result
      : { ...result, schema: Object.assign({}, result.schema, { "x-policy": policy }) };
  };
}
