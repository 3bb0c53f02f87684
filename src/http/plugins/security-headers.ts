// Security headers on every response (docs/decisions/0003-security.md): helmet's defaults with a
// strict Content-Security-Policy for a same-origin React app (scripts, styles, fonts, images and
// API calls from this origin only; no inline script; never framed), no Referer sent anywhere, and
// API answers never stored by a cache (they carry personal data).
import helmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import type { FastifyPluginAsync } from "fastify";

export const helmetOptions: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // data: for small inlined icons a bundler may emit
      imgSrc: ["'self'", "data:"],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
    },
  },
  // The CSP's frame-ancestors 'none', for browsers that only know this header.
  frameguard: { action: "deny" },
  referrerPolicy: { policy: "no-referrer" },
};

export const securityHeaders: FastifyPluginAsync = Object.assign(
  async (app: Parameters<FastifyPluginAsync>[0]) => {
    await app.register(helmet, helmetOptions);
    app.addHook("onSend", async (request, reply) => {
      if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    });
  },
  { [Symbol.for("skip-override")]: true },
);
