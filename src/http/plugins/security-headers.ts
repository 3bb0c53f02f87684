// Security headers on every response (docs/decisions/0003-security.md): helmet's defaults with a
// strict Content-Security-Policy for a same-origin React app (scripts, styles, fonts, images and
// API calls from this origin only; no inline script; never framed), no Referer sent anywhere, and
// API answers never stored by a cache (they carry personal data).
//
// helmet itself, not @fastify/helmet: that plugin builds helmet's middleware again on every request
// (parsing the CSP's directives each time: 8 % of the server's time under load, decision 0015).
// With these options every header helmet sets is the same on every response, so helmet runs once,
// at start, and each response gets the headers it set (decision 0016).
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

/** The headers helmet sets with `helmetOptions`, by running it once on a response that records them. */
export function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let ran = false;
  helmet(helmetOptions)(
    {} as Parameters<ReturnType<typeof helmet>>[0],
    recorder as unknown as Parameters<ReturnType<typeof helmet>>[1],
    () => {
      ran = true;
    },
  );
  if (!ran) throw new Error("helmet did not finish synchronously");
  return headers;
}

export const securityHeaders: FastifyPluginAsync = Object.assign(
  async (app: Parameters<FastifyPluginAsync>[0]) => {
    const headers = helmetHeaders();
    app.addHook("onRequest", (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
    app.addHook("onSend", (request, reply, payload, done) => {
      if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
      done(null, payload);
    });
  },
  { [Symbol.for("skip-override")]: true },
);
