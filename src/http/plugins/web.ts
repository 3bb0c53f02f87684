// Serves the built web application (web/ → dist/web, `vite build`) from the same origin as the API,
// so the session cookie and the Content-Security-Policy stay simple (docs/decisions/0006-web.md).
// Hashed files under /assets/ are cached for a year (a new build has new names); index.html is
// revalidated every time, and answers every client route (/, /calls/…, /staff/…) that is not /api.
// Without a build, only the API runs.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";

export const WEB_ROOT = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

const isApi = (url: string) => url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");
const isAsset = (url: string) => url.startsWith("/assets/");

export const webPlugin: FastifyPluginAsync = async (app) => {
  if (!existsSync(`${WEB_ROOT}index.html`)) {
    app.log.info({ root: WEB_ROOT }, "no web build (npm run build): serving the API only");
    return;
  }
  await app.register(fastifyStatic, {
    root: `${WEB_ROOT}assets/`,
    prefix: "/assets/",
    // One route per built file, found at start; anything else under /assets/ is a 404.
    wildcard: false,
    // Sends name.gz when the browser accepts gzip (the build writes them).
    preCompressed: true,
    cacheControl: false,
    // Also called for index.html (sent below through the same plugin): only hashed files are immutable.
    setHeaders: (reply, path) => {
      reply.header("cache-control", path.startsWith(`${WEB_ROOT}assets/`) ? IMMUTABLE : REVALIDATE);
    },
  });
  // Every other page address is the app's shell (index.html); the app reads the address. Unknown
  // API paths and missing assets stay 404 (JSON, from the one not-found handler). Hidden from the
  // OpenAPI document: it is not part of the API.
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    const url = request.url;
    if (isApi(url) || isAsset(url)) return reply.callNotFound();
    return reply.header("cache-control", REVALIDATE).sendFile("index.html", WEB_ROOT);
  });
};
