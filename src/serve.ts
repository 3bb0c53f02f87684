// The composition root shared by `npm start` (src/server.ts) and `npm run demo` (src/cli/demo.ts):
// opens the database (PGlite under DATA_DIR, or DATABASE_URL), applies pending migrations, makes sure
// an administrator can exist (ADMIN_EMAIL/ADMIN_PASSWORD or a one-time setup token in the log), lets
// the caller prepare data, and serves the API until SIGINT/SIGTERM.
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "./clock.ts";
import { type Config, ConfigError, filesDir } from "./config.ts";
import { type Database, databaseOptionsFromConfig, openDatabase } from "./db/database.ts";
import { DatabaseBusyError } from "./db/dir-lock.ts";
import { migrate } from "./db/migrate.ts";
import { diskFileStore, type FileStore } from "./files/file-store.ts";
import { buildApp } from "./http/app.ts";
import { startAcceptanceJob } from "./jobs/acceptance-job.ts";
import { startMailSender } from "./mail/sender.ts";
import { smtpTransport } from "./mail/smtp.ts";
import { type BootstrapResult, bootstrapAdmin } from "./use-cases/bootstrap-admin.ts";

export interface ServeOptions {
  config: Config;
  clock: Clock;
  /** Runs after migrations, before the first administrator is looked for (the demo seeds here). */
  prepare?: (database: Database, log: FastifyBaseLogger, files: FileStore) => Promise<void>;
  /** Runs once the server listens. */
  ready?: (log: FastifyBaseLogger, address: string) => void;
}

/** How often the acceptance job runs (it also runs at start, catching up) and the outbox is sent. */
export const ACCEPTANCE_JOB_INTERVAL_MS = 60_000;
export const MAIL_INTERVAL_MS = 5_000;

export async function serve(options: ServeOptions): Promise<void> {
  const { config, clock } = options;
  const database = await openDatabase(databaseOptionsFromConfig(config));
  const files = diskFileStore(filesDir(config));
  const app = await buildApp({ database, clock, files }, { logger: { level: config.logLevel } });
  // The acceptance job and the mail sender: stopped (their pass finished) before the database closes.
  const background: { stop(): Promise<void> }[] = [];
  try {
    const report = await migrate(database.db);
    app.log.info(
      { database: database.kind, migration: report.level, applied: report.applied, ms: report.durationMs },
      "database ready",
    );
    await options.prepare?.(database, app.log, files);
    const bootstrap = await bootstrapAdmin({ db: database.db, clock, admin: config.admin });
    // Installed before listening: a signal arriving as soon as the port is open stops it cleanly.
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, "stopping");
      Promise.all(background.map((b) => b.stop()))
        .then(() => app.close())
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
    const address = await app.listen({ port: config.port, host: config.host });
    announce(app.log, bootstrap, address);
    background.push(
      startAcceptanceJob({ db: database.db, clock, intervalMs: ACCEPTANCE_JOB_INTERVAL_MS, log: app.log }),
    );
    if (config.smtpUrl === undefined)
      app.log.warn("SMTP_URL is not set: e-mails wait in the outbox until it is");
    else
      background.push(
        startMailSender({
          db: database.db,
          clock,
          transport: smtpTransport(config.smtpUrl),
          from: config.mailFrom,
          intervalMs: MAIL_INTERVAL_MS,
          log: app.log,
        }),
      );
    options.ready?.(app.log, address);
  } catch (error) {
    await Promise.all(background.map((b) => b.stop()));
    await app.close();
    await database.close();
    throw error;
  }
}

/** Says how the first administrator came to be, or how to create them (the token: once, here). */
function announce(log: FastifyBaseLogger, bootstrap: BootstrapResult, address: string): void {
  if (bootstrap.kind === "admin-created") {
    log.warn(
      { email: bootstrap.user.email },
      "first administrator created from ADMIN_EMAIL and ADMIN_PASSWORD",
    );
  } else if (bootstrap.kind === "setup-token") {
    const url = `${address}/setup?token=${bootstrap.token}`;
    log.warn(
      { setupUrl: url, expiresAt: bootstrap.expiresAt.toISOString() },
      `no administrator yet: open ${url} or POST /api/setup with {token, email, displayName, password} ` +
        `before ${bootstrap.expiresAt.toISOString()}`,
    );
  }
}

/** Bad settings, a busy data folder or an unreachable database: the message says it all. */
export function exitOnStartError(program: string): (error: unknown) => never {
  return (error) => {
    const expected =
      error instanceof ConfigError ||
      error instanceof DatabaseBusyError ||
      (error instanceof Error && "code" in error && typeof error.code === "string");
    const detail =
      error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`${program}: cannot start: ${detail}\n`);
    process.exit(1);
  };
}
