// `npm start`: reads the settings, opens the database (PGlite under DATA_DIR, or DATABASE_URL),
// applies pending migrations, and serves the API until SIGINT/SIGTERM.
import { systemClock } from "./clock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { databaseOptionsFromConfig, openDatabase } from "./db/database.ts";
import { DatabaseBusyError } from "./db/dir-lock.ts";
import { migrate } from "./db/migrate.ts";
import { buildApp } from "./http/app.ts";

async function start(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(databaseOptionsFromConfig(config));
  const app = await buildApp({ database, clock: systemClock }, { logger: { level: config.logLevel } });
  try {
    const report = await migrate(database.db);
    app.log.info(
      { database: database.kind, migration: report.level, applied: report.applied, ms: report.durationMs },
      "database ready",
    );
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "stopping");
    app
      .close()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, "unclean stop");
          process.exit(1);
        },
      );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

start().catch((error: unknown) => {
  // Bad settings, a busy data folder or an unreachable database: the message says it all.
  const expected =
    error instanceof ConfigError ||
    error instanceof DatabaseBusyError ||
    (error instanceof Error && "code" in error && typeof error.code === "string");
  const detail =
    error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error);
  process.stderr.write(`mobilitas: cannot start: ${detail}\n`);
  process.exit(1);
});
