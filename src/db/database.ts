import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { type Config, pgliteDir } from "../config.ts";
import { acquireDirLock } from "./dir-lock.ts";
import type { DB } from "./schema.ts";
import { typeParsers } from "./type-parsers.ts";

export type DatabaseKind = "pglite" | "postgresql";

/** The database handle every repository and use case receives (STYLE habit 7). */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

export type DatabaseOptions =
  /** dataDir undefined: in memory (tests). */
  { kind: "pglite"; dataDir?: string } | { kind: "postgresql"; url: string; maxConnections?: number };

export function databaseOptionsFromConfig(config: Config): DatabaseOptions {
  return config.databaseUrl !== undefined
    ? { kind: "postgresql", url: config.databaseUrl }
    : { kind: "pglite", dataDir: pgliteDir(config) };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgresql"
    ? openPostgres(options.url, options.maxConnections)
    : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = () => {};
  if (dataDir !== undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDirLock(dataDir);
  }
  try {
    // relaxedDurability false (the default, spelled out): a query's promise resolves only after
    // its writes reached the files, so an acknowledged commit survives a killed process.
    const pglite = await PGlite.create(dataDir, { parsers: typeParsers, relaxedDurability: false });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: "pglite",
      close: async () => {
        try {
          await db.destroy();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

async function openPostgres(url: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    // Fail at start, with the server's message, rather than on the first request.
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: "postgresql", close: () => db.destroy() };
}
