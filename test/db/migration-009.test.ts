// Migration 009 keeps an agreement's language options on its row: filled for the agreements stored
// before it, and kept by the trigger whatever changes the options afterwards (the API or SQL).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { findAgreement } from "../../src/db/repositories/agreements.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { importAgreements } from "../../src/use-cases/import-agreements.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { actorOf, agreementsCsv, callInput, demo, loadCentresAndDegrees } from "../support/office.ts";

const clock = new TestClock("2018-04-02T09:00:00+02:00");
const office = actorOf("office");

describe(`migration 009 (language options on the agreement's row) on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  const optionsOf = async (id: string) =>
    (
      await sql<{ language_options: unknown }>`SELECT language_options FROM agreements
        WHERE call_id = 'c' AND id = ${id}`.execute(database.db)
    ).rows[0]?.language_options;

  const withOptions = demo.dataset.agreements.find((a) => (a.languageRequirement?.options.length ?? 0) > 0)!;
  // Every demo agreement asks for a language: one that does not, made from the first.
  const { languageRequirement: _none, ...plain } = demo.dataset.agreements[0]!;
  const without = { ...plain, id: "NO-LANGUAGE" };
  const someWith = demo.dataset.agreements.filter((a) => a.languageRequirement !== undefined).slice(0, 30);

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const all = readMigrations();
    const upTo8 = all.filter((m) => m.version <= 8);
    expect(upTo8.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await migrate(database.db, upTo8);
    // Stored at the eighth level: the options in their own rows only.
    await loadCentresAndDegrees(database.db);
    await createCall({ db: database.db, clock, actor: office, input: callInput("c") });
    await importAgreements({
      db: database.db,
      clock,
      actor: office,
      callId: "c",
      csv: agreementsCsv([withOptions, without, ...someWith.filter((a) => a.id !== withOptions.id)]),
    });
    await migrate(database.db, all);
  });
  afterAll(() => database?.dispose());

  it("fills the options of agreements stored before it, in their order; none: null", async () => {
    expect(await optionsOf(withOptions.id)).toEqual(withOptions.languageRequirement!.options);
    expect(await optionsOf(without.id)).toBeNull();
    for (const a of someWith) {
      expect((await findAgreement(database.db, "c", a.id))?.agreement).toEqual(a);
      expect(await optionsOf(a.id)).toEqual(
        a.languageRequirement!.options.length > 0 ? a.languageRequirement!.options : null,
      );
    }
  });

  it("follows every insert, change and deletion of an option", async () => {
    const first = withOptions.languageRequirement!.options[0]!;
    await sql`INSERT INTO agreement_language_options (call_id, agreement_id, position, language, min_level)
      VALUES ('c', ${without.id}, 0, 'fr', 'A2')`.execute(database.db);
    expect(await optionsOf(without.id)).toEqual([{ language: "fr", minLevel: "A2" }]);
    await sql`INSERT INTO agreement_language_options (call_id, agreement_id, position, language, min_level)
      VALUES ('c', ${withOptions.id}, 90, 'de', 'B1')`.execute(database.db);
    await sql`UPDATE agreement_language_options SET min_level = 'C2'
      WHERE call_id = 'c' AND agreement_id = ${withOptions.id} AND position = 90`.execute(database.db);
    expect(((await optionsOf(withOptions.id)) as unknown[]).at(-1)).toEqual({
      language: "de",
      minLevel: "C2",
    });
    await sql`DELETE FROM agreement_language_options
      WHERE call_id = 'c' AND agreement_id = ${withOptions.id} AND position < 90`.execute(database.db);
    expect(await optionsOf(withOptions.id)).toEqual([{ language: "de", minLevel: "C2" }]);
    expect(first).not.toEqual({ language: "de", minLevel: "C2" });
    await sql`DELETE FROM agreement_language_options
      WHERE call_id = 'c' AND agreement_id = ${withOptions.id}`.execute(database.db);
    expect(await optionsOf(withOptions.id)).toBeNull();
  });
});
