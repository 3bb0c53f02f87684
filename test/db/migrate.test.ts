import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Migration,
  MigrationError,
  migrate,
  migrationLevel,
  readMigrations,
} from "../../src/db/migrate.ts";
import {
  createProcessDatabase,
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from "../support/database.ts";

describe(`migrations on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database?.dispose());

  it("apply every file on an empty database, then nothing on the next start", async () => {
    expect(await migrationLevel(database.db)).toBe(0);
    const first = await migrate(database.db);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    expect(first.level).toBe(readMigrations().length);
    const tables = await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(database.db);
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(["calls", "agreements", "students", "applications", "application_choices"]),
    );
    console.info(`migrations: ${first.applied.length} applied in ${first.durationMs} ms on ${database.kind}`);

    const second = await migrate(database.db);
    expect(second.applied).toEqual([]);
    expect(second.level).toBe(first.level);
  });

  it("refuse a database whose applied migration was edited since", async () => {
    const edited: Migration[] = readMigrations().map((m, i) =>
      i === 0 ? { ...m, checksum: "0".repeat(64) } : m,
    );
    await expect(migrate(database.db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it("refuse a database that is newer than the code", async () => {
    await expect(migrate(database.db, [])).rejects.toThrow(MigrationError);
  });

  it("leave the database as it was when a pending migration fails", async () => {
    const known = readMigrations();
    const broken: Migration = {
      version: known.length + 1,
      name: `${String(known.length + 1).padStart(3, "0")}_broken`,
      sql: "CREATE TABLE half_done (id int);\nSELECT 1 / 0;",
      checksum: "x",
    };
    await expect(migrate(database.db, [...known, broken])).rejects.toThrow(/division by zero/);
    expect(await migrationLevel(database.db)).toBe(known.length);
    const table = await sql<{ name: string | null }>`SELECT to_regclass('half_done')::text AS name`.execute(
      database.db,
    );
    expect(table.rows[0]?.name).toBeNull();
  });
});

describe(`a restart on ${testDatabaseKind}`, () => {
  it("finds the migrations applied and applies nothing", async () => {
    const place = await createProcessDatabase();
    try {
      const first = await place.open();
      const report = await migrate(first.db);
      await first.close();
      expect(report.applied.length).toBe(readMigrations().length);

      const again = await place.open();
      const started = performance.now();
      const second = await migrate(again.db);
      await again.close();
      expect(second).toMatchObject({ applied: [], level: report.level });
      console.info(`restart: migration check ${Math.round(performance.now() - started)} ms`);
    } finally {
      await place.dispose();
    }
  });
});
