// `npm run --silent cli -- COMMAND`: the office's command line, on the server's database settings
// (DATABASE_URL, or PGlite under DATA_DIR). Results go to standard output and nothing else does;
// bad input or an unknown call exits with status 2, the reason on standard error (SPEC 13).

import { systemClock } from "../clock.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { type Database, databaseOptionsFromConfig, openDatabase } from "../db/database.ts";
import { DatabaseBusyError } from "../db/dir-lock.ts";
import { migrate, migrationLevel } from "../db/migrate.ts";
import { AppError } from "../errors.ts";
import { formatDatasetErrors, validateDatasetText } from "../schemas/validate-dataset.ts";
import { awardCall } from "../use-cases/award-call.ts";
import { exportDataset } from "../use-cases/export-dataset.ts";
import { importDataset } from "../use-cases/import-dataset.ts";
import { jsonPieces, writePieces } from "./json-output.ts";
import { InputError, readInput } from "./read-input.ts";

const USAGE = `usage: mobilitas COMMAND
  import FILE [--replace]  load a dataset (dataset.schema.json; - for standard input) as a call;
                           prints the call id on the last line. Importing the same content again
                           changes nothing; different content for a stored call needs --replace
  award CALL_ID            scoring and award of the stored call (the outcome, as simulate prints it)
  export CALL_ID           the stored call as a dataset
  migrate                  apply pending database migrations and print the level`;

/** Bad input: the message goes to standard error and the status is 2. */
class UsageError extends Error {}
/** The database cannot be reached or opened: status 1, the driver's message, no stack. */
class DatabaseUnavailableError extends Error {}

/** Checks the arguments and reads the input first; the returned action then runs on the database. */
type Command = (args: string[]) => Promise<(database: Database) => Promise<void>>;

const commands: Record<string, { arity: (args: string[]) => boolean; prepare: Command }> = {
  import: {
    arity: (args) => args.filter((a) => a !== "--replace").length === 1,
    prepare: async (args) => {
      const file = args.find((a) => a !== "--replace")!;
      const validation = validateDatasetText(await readInput(file));
      if (!validation.ok) {
        const count = validation.errors.length;
        throw new UsageError(
          `the dataset is invalid (${count} error${count === 1 ? "" : "s"}):\n${formatDatasetErrors(validation.errors)}`,
        );
      }
      const { dataset } = validation;
      return async ({ db }) => {
        const { callId, status } = await importDataset({
          db,
          clock: systemClock,
          dataset,
          replace: args.includes("--replace"),
          actor: { kind: "cli" },
        });
        process.stdout.write(
          `${status}: ${dataset.agreements.length} agreements, ${dataset.students.length} students, ` +
            `${dataset.applications.length} applications\n${callId}\n`,
        );
      };
    },
  },
  award: {
    arity: (args) => args.length === 1,
    prepare: async ([callId]) => {
      return async ({ db }) => {
        const outcome = await awardCall({ db, callId: callId! });
        await writePieces(process.stdout, jsonPieces({ ...outcome }, ["results", "agreements"]));
        process.stdout.write("\n");
      };
    },
  },
  export: {
    arity: (args) => args.length === 1,
    prepare: async ([callId]) => {
      return async ({ db }) => {
        const dataset = await exportDataset({ db, callId: callId! });
        await writePieces(
          process.stdout,
          jsonPieces({ ...dataset }, ["agreements", "students", "applications"]),
        );
        process.stdout.write("\n");
      };
    },
  },
  migrate: {
    arity: (args) => args.length === 0,
    // Opening the database migrates it: print the level reached.
    prepare:
      async () =>
      async ({ db }) => {
        process.stdout.write(`${await migrationLevel(db)}\n`);
      },
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined || !command.arity(args)) {
    process.stderr.write(`${USAGE}\n`);
    return name === "--help" || name === "-h" ? 0 : 2;
  }
  let database: Database | undefined;
  try {
    const config = loadConfig();
    const action = await command.prepare(args);
    try {
      database = await openDatabase(databaseOptionsFromConfig(config));
      await migrate(database.db);
    } catch (error) {
      if (error instanceof DatabaseBusyError) throw error;
      throw new DatabaseUnavailableError(`cannot open the database: ${(error as Error).message}`);
    }
    await action(database);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError || error instanceof ConfigError) {
      process.stderr.write(`mobilitas: ${error.message}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`mobilitas: ${error.message}\n`);
      return error.code === "INTERNAL" || error.code === "UNAVAILABLE" ? 1 : 2;
    }
    if (error instanceof DatabaseBusyError || error instanceof DatabaseUnavailableError) {
      process.stderr.write(`mobilitas: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database?.close();
  }
}

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `mobilitas: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
