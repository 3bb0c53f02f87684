// Migration 010 gives every agreement's row a version that every write changes (the editor's
// commits from known versions rely on it, decision 0016): agreements stored before it get one each,
// and any write that does not choose its own (an import, the trigger of a language option, SQL by
// hand) gets a new one. `raise_unless` undoes the whole statement that calls it with false.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { importAgreements } from "../../src/use-cases/import-agreements.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { actorOf, agreementsCsv, callInput, demo, loadCentresAndDegrees } from "../support/office.ts";

const clock = new TestClock("2018-04-02T09:00:00+02:00");
const office = actorOf("office");
const some = demo.dataset.agreements.slice(0, 12);
const CHOSEN = "0b7f6e2c-5d1a-4c3e-9f8a-2b6d4e1c7a90";

describe(`migration 010 (agreement versions) on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  const db = () => database.db;
  const versions = async () =>
    new Map(
      (
        await sql<{ id: string; version: string }>`SELECT id, version FROM agreements
          WHERE call_id = 'c' ORDER BY id`.execute(db())
      ).rows.map((r) => [r.id, r.version]),
    );

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const all = readMigrations();
    await migrate(
      database.db,
      all.filter((m) => m.version <= 9),
    );
    await loadCentresAndDegrees(database.db);
    await createCall({ db: database.db, clock, actor: office, input: callInput("c") });
    await importAgreements({ db: database.db, clock, actor: office, callId: "c", csv: agreementsCsv(some) });
    await migrate(database.db, all);
  });
  afterAll(() => database?.dispose());

  it("gives the agreements stored before it a version each", async () => {
    const before = await versions();
    expect(before.size).toBe(some.length);
    expect(new Set(before.values()).size).toBe(some.length);
  });

  it("changes the version at every write that does not choose one, keeps the one chosen", async () => {
    const [a, b, c] = some.map((x) => x.id);
    const start = await versions();
    // SQL by hand, even one that writes the same value.
    await sql`UPDATE agreements SET places = places WHERE call_id = 'c' AND id = ${a}`.execute(db());
    // A language option added by SQL: the row is written only by the options' trigger.
    await sql`INSERT INTO agreement_language_options (call_id, agreement_id, position, language, min_level)
      VALUES ('c', ${b}, 99, 'it', 'B2')`.execute(db());
    // A writer that chooses the version.
    await sql`UPDATE agreements SET places = 9, version = ${CHOSEN}::uuid
      WHERE call_id = 'c' AND id = ${c}`.execute(db());
    const after = await versions();
    expect(after.get(a!)).not.toBe(start.get(a!));
    expect(after.get(b!)).not.toBe(start.get(b!));
    expect(after.get(c!)).toBe(CHOSEN);
    for (const x of some.slice(3)) expect(after.get(x.id)).toBe(start.get(x.id));

    // The first file again puts back `b` and `c` (edited since) and changes nothing else (an import
    // is idempotent): only their versions move. A file that changes every agreement writes every
    // row: every version moves.
    await importAgreements({ db: db(), clock, actor: office, callId: "c", csv: agreementsCsv(some) });
    const again = await versions();
    for (const x of some) expect(again.get(x.id) === after.get(x.id)).toBe(x.id !== b && x.id !== c);
    const more = some.map((x) => ({ ...x, places: x.places + 1 }));
    await importAgreements({ db: db(), clock, actor: office, callId: "c", csv: agreementsCsv(more) });
    const reimported = await versions();
    for (const x of some) expect(reimported.get(x.id)).not.toBe(again.get(x.id));
  });

  it("raise_unless(false) undoes its statement with SQLSTATE 40001; true lets it through", async () => {
    const id = some[4]!.id;
    const places = async () =>
      (
        await sql<{
          places: number;
        }>`SELECT places FROM agreements WHERE call_id = 'c' AND id = ${id}`.execute(db())
      ).rows[0]!.places;
    const before = await places();
    const write = (ok: boolean) =>
      sql`WITH changed AS (UPDATE agreements SET places = places + 1 WHERE call_id = 'c' AND id = ${id}
        RETURNING id) SELECT raise_unless((SELECT count(*) FROM changed) = 1 AND ${ok}, 'refused') AS ok`.execute(
        db(),
      );
    await expect(write(false)).rejects.toMatchObject({
      code: "40001",
      message: expect.stringContaining("refused"),
    });
    expect(await places()).toBe(before);
    await write(true);
    expect(await places()).toBe(before + 1);
  });
});
