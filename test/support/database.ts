// Real databases for tests, both kinds (docs/decisions/0002-database.md):
// - by default PGlite: in memory in-process, or file-backed in a temp DATA_DIR for child processes;
// - with DATABASE_URL set, PostgreSQL: each call creates its own database `mobilitas_t_<random>`
//   through that (admin) connection and drops it on dispose, so test files run in parallel safely.
// Opening a PGlite costs ~3 s and ~750 MB: share one per test file (beforeAll/afterAll), and
// separate tests by their data or with truncateAll().
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import type { DB } from "../../src/db/schema.ts";

/** The PostgreSQL admin URL when the suite runs on PostgreSQL, else undefined (PGlite). */
export const adminUrl: string | undefined = process.env.DATABASE_URL || undefined;
export const testDatabaseKind: Database["kind"] = adminUrl === undefined ? "pglite" : "postgresql";

export interface TestDatabase extends Database {
  /** Closes the handle and deletes the database. */
  dispose(): Promise<void>;
}

/** A fresh database for this process, migrated unless told otherwise. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (adminUrl === undefined) {
    const database = await openDatabase({ kind: "pglite" });
    if (options.migrate !== false) await migrate(database.db);
    return { ...database, dispose: () => database.close() };
  }
  const { url, drop } = await createPostgresDatabase(adminUrl);
  const database = await openDatabase({ kind: "postgresql", url });
  if (options.migrate !== false) await migrate(database.db);
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await drop();
    },
  };
}

export interface ProcessDatabase {
  /** Environment for a child process (server, CLI): DATA_DIR, and DATABASE_URL on PostgreSQL. */
  env: NodeJS.ProcessEnv;
  /** The temp DATA_DIR (also given on PostgreSQL, for files). */
  dataDir: string;
  /** Opens the same database in this process (PGlite: only while no child holds it). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** An empty database that child processes reach through the same settings as the server. */
export async function createProcessDatabase(): Promise<ProcessDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mobilitas-test-"));
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl === undefined) {
    return {
      env: { ...inherited, DATA_DIR: dataDir },
      dataDir,
      open: () => openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "db") }),
      dispose: async () => removeDir(),
    };
  }
  const { url, drop } = await createPostgresDatabase(adminUrl);
  return {
    env: { ...inherited, DATA_DIR: dataDir, DATABASE_URL: url },
    dataDir,
    open: () => openDatabase({ kind: "postgresql", url }),
    dispose: async () => {
      await drop();
      removeDir();
    },
  };
}

async function createPostgresDatabase(admin: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mobilitas_t_${randomBytes(6).toString("hex")}`;
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // pg's Pool.end() resolves before its connections have closed; forcing the drop at once
      // would terminate them mid-goodbye (an uncaught 57P01 in the test). Wait for them a little.
      await withAdmin(admin, async (client) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name}`);
            return;
          } catch (error) {
            if ((error as { code?: string }).code !== "55006") throw error;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

async function withAdmin<T>(admin: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Empties every table but schema_migrations. */
export async function truncateAll(db: Kysely<DB>): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`.execute(
    db,
  );
  if (tables.rows.length === 0) return;
  const list = tables.rows.map((t) => `"${t.tablename}"`).join(", ");
  await sql.raw(`TRUNCATE ${list} CASCADE`).execute(db);
}

/** Rows per table (all but schema_migrations), to show that something changed nothing. */
export async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
    ORDER BY tablename`.execute(db);
  const counts: Record<string, number> = {};
  for (const { tablename } of tables.rows) {
    const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(tablename)}`.execute(
      db,
    );
    counts[tablename] = result.rows[0]?.n ?? 0;
  }
  return counts;
}
