// Security headers on every response (docs/decisions/0003-security.md): helmet's defaults with a
// strict Content-Security-Policy for a same-origin React app (scripts, styles, fonts, images and
// API calls from this origin only; no inline script; never framed), no Referer sent anywhere, and
// API answers never stored by a cache (they carry personal data).
//
// helmet itself, not @fastify/helmet: that plugin builds helmet's middleware again on every request
// (parsing the CSP's directives each time: 8 % of the server's time under load, decision 0015);
// here it is built once and applied to every response.
import type { FastifyPluginAsync } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

export const helmetOptions: HelmetOptions = {
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
    const setHeaders = helmet(helmetOptions);
    app.addHook("onRequest", (request, reply, done) => {
      setHeaders(request.raw, reply.raw, () => done());
    });
    app.addHook("onSend", async (request, reply) => {
      if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    });
  },
  { [Symbol.for("skip-override")]: true },
);
