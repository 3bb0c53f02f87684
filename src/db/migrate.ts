import { createHash } from "node:crypto";
import fs from "node:fs";
import { type Kysely, sql } from "kysely";
import type { DB } from "./schema.ts";
import { splitSqlStatements } from "./sql-script.ts";

/** A numbered SQL file of src/db/migrations: `NNN_name.sql`, forward-only. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  /** The highest applied version (0 on an empty database). */
  level: number;
  /** Names applied by this run, in order. */
  applied: string[];
  durationMs: number;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
// Any constant shared by every Mobilitas process: serialises concurrent starters on PostgreSQL.
const MIGRATION_LOCK_KEY = 7_316_200_001;

export function readMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => {
      const match = /^(\d{3,})_([a-z0-9_]+)\.sql$/.exec(file);
      if (match === null) throw new MigrationError(`migration file ${file} is not named NNN_name.sql`);
      const text = fs.readFileSync(new URL(file, dir), "utf8");
      return {
        version: Number(match[1]),
        name: file.slice(0, -".sql".length),
        sql: text,
        checksum: createHash("sha256").update(text.replace(/\r\n/g, "\n")).digest("hex"),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(`migrations must be numbered 1, 2, 3… without gaps; found ${migration.name}`);
    }
  });
  return migrations;
}

/**
 * Applies the pending migrations, all in one transaction (so a failing one leaves the database as
 * it was), and records each in schema_migrations. Refuses a database whose applied migrations were
 * edited since, or that is ahead of this build.
 */
export async function migrate(
  db: Kysely<DB>,
  migrations: Migration[] = readMigrations(),
): Promise<MigrationReport> {
  const started = performance.now();
  const applied = await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(tx);
    const done = await tx.selectFrom("schema_migrations").selectAll().orderBy("version").execute();
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of done) {
      const migration = known.get(row.version);
      if (migration === undefined) {
        throw new MigrationError(
          `the database has migration ${row.name}, which this build does not know: it is newer than the code`,
        );
      }
      if (migration.checksum !== row.checksum) {
        throw new MigrationError(
          `migration ${row.name} was changed after it was applied: add a new migration instead`,
        );
      }
    }
    const doneVersions = new Set(done.map((row) => row.version));
    const pending = migrations.filter((m) => !doneVersions.has(m.version));
    for (const migration of pending) {
      for (const statement of splitSqlStatements(migration.sql)) {
        await sql.raw(statement).execute(tx);
      }
      await tx
        .insertInto("schema_migrations")
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
    }
    return pending.map((m) => m.name);
  });
  return {
    level: await migrationLevel(db),
    applied,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The highest applied migration version, 0 when none (or the table does not exist yet). */
export async function migrationLevel(db: Kysely<DB>): Promise<number> {
  const exists = await sql<{
    name: string | null;
  }>`SELECT to_regclass('schema_migrations')::text AS name`.execute(db);
  if (exists.rows[0]?.name == null) return 0;
  const row = await db
    .selectFrom("schema_migrations")
    .select((eb) => eb.fn.max("version").as("level"))
    .executeTakeFirst();
  return row?.level ?? 0;
}
