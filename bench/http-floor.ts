// The stack's floor for bench/http.ts: Fastify with one route, GET /floor, that runs `select 1` on
// the database the settings name (PGlite under DATA_DIR, or DATABASE_URL), opened exactly as the
// server opens it (src/db/database.ts: same driver, same pool) and with the same logger. No
// cookies, no policies, no schemas, no use case: what any request of ours costs at the least.
// A second route, GET /floor/two-queries, runs `select 1` twice in sequence: a reference line (not
// the floor) for a signed-in request, which needs its session looked up before its one query.
// Started like the server (`node --import tsx bench/http-floor.ts` with PORT, HOST, DATA_DIR,
// DATABASE_URL, LOG_LEVEL); stops on SIGINT/SIGTERM.

import Fastify from "fastify";
import { sql } from "kysely";
import { loadConfig } from "../src/config.ts";
import { databaseOptionsFromConfig, openDatabase } from "../src/db/database.ts";

const config = loadConfig();
const database = await openDatabase(databaseOptionsFromConfig(config));
const app = Fastify({ logger: { level: config.logLevel } });

app.get("/floor", async () => {
  const result = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
  return { one: result.rows[0]?.one ?? null };
});

app.get("/floor/two-queries", async () => {
  await sql`SELECT 1 AS one`.execute(database.db);
  const result = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
  return { one: result.rows[0]?.one ?? null };
});

const address = await app.listen({ port: config.port, host: config.host });
process.stdout.write(`floor listening at ${address} on ${database.kind}\n`);

const stop = () => {
  app
    .close()
    .then(() => database.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
