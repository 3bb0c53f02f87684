// Edits of agreements committed together (src/use-cases/agreement-edits.ts, decision 0015), on a
// real database: each edit answers and is audited exactly as if it had been alone, in the order the
// edits arrived; another centre's agreement reads as absent; a value the database refuses fails that
// edit only; edits that move an agreement or change its language requirement take the single path.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { findAgreement, type StoredAgreement } from "../../src/db/repositories/agreements.ts";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import { AppError } from "../../src/errors.ts";
import { agreementEditor, commitEdits } from "../../src/use-cases/agreement-edits.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { importAgreements } from "../../src/use-cases/import-agreements.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { actorOf, agreementsCsv, callInput, demo, loadCentresAndDegrees } from "../support/office.ts";

const clock = new TestClock("2018-04-02T09:00:00+02:00");
const office = actorOf("office");
const etsii = actorOf("coordinator", { centre: "ETSII" });
const etsit = actorOf("coordinator", { centre: "ETSIT" });
const CALL = "c-group";
const OTHER_CALL = "c-group-2";
const ofEtsii = demo.dataset.agreements.filter((a) => a.centre === "ETSII");

async function outcome<T>(promise: Promise<T>): Promise<{ value: T } | { code: string }> {
  try {
    return { value: await promise };
  } catch (error) {
    if (error instanceof AppError) return { code: error.code };
    throw error;
  }
}

describe(`agreement edits committed together on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    for (const callId of [CALL, OTHER_CALL]) {
      await createCall({ db: database.db, clock, actor: office, input: callInput(callId) });
      await importAgreements({
        db: database.db,
        clock,
        actor: office,
        callId,
        csv: agreementsCsv(demo.dataset.agreements),
      });
    }
  });
  afterAll(() => database?.dispose());
  const db = () => database.db;
  const updates = async (callId: string, id: string) =>
    (await listAudit(db(), { callId, entityType: "agreement", entityId: id, limit: 1000 }))
      .filter((r) => r.action === "agreement.updated")
      .reverse()
      .map((r) => ({ before: r.before as StoredAgreement, after: r.after as StoredAgreement }));

  it("answers and audits each of many concurrent edits as if alone, in arrival order", async () => {
    const editor = agreementEditor({ db: db(), clock });
    const targets = ofEtsii.slice(0, 4).map((a) => a.id);
    const before = new Map(
      await Promise.all(targets.map(async (id) => [id, (await findAgreement(db(), CALL, id))!] as const)),
    );
    // 80 edits over four agreements, every fifth repeating the value the previous edit of that
    // agreement set (no change, so no record); ETSIT's coordinator and a made-up id among them.
    const plan = Array.from({ length: 80 }, (_, i) => {
      const id = targets[i % targets.length]!;
      const round = Math.floor(i / targets.length);
      return { id, places: 200 + (round % 5 === 4 ? round - 1 : round) };
    });
    const submitted = plan.map(({ id, places }) =>
      outcome(editor.edit({ actor: etsii, callId: CALL, agreementId: id, edit: { places } })),
    );
    const strangers = targets.map((id) =>
      outcome(editor.edit({ actor: etsit, callId: CALL, agreementId: id, edit: { places: 1 } })),
    );
    const ghost = outcome(
      editor.edit({ actor: etsii, callId: CALL, agreementId: "NO-SUCH", edit: { places: 1 } }),
    );
    const results = await Promise.all(submitted);
    expect(await Promise.all(strangers)).toEqual(targets.map(() => ({ code: "NOT_FOUND" })));
    expect(await ghost).toEqual({ code: "NOT_FOUND" });

    // They went in batches, not one by one.
    expect(editor.stats.items).toBe(80 + targets.length + 1);
    expect(editor.stats.batches).toBeLessThan(editor.stats.items / 4);
    expect(editor.stats.fallbacks).toBe(0);

    results.forEach((result, i) => {
      expect("value" in result && result.value.agreement.places).toBe(plan[i]!.places);
    });
    for (const id of targets) {
      const mine = plan.filter((p) => p.id === id);
      const changing = mine.filter((p, k) => k === 0 || p.places !== mine[k - 1]!.places);
      const chain = await updates(CALL, id);
      expect(chain.map((c) => c.after.agreement.places)).toEqual(changing.map((p) => p.places));
      expect(chain[0]!.before).toEqual(before.get(id));
      for (let k = 1; k < chain.length; k++) expect(chain[k]!.before).toEqual(chain[k - 1]!.after);
      const stored = await findAgreement(db(), CALL, id);
      expect(stored).toEqual(chain.at(-1)!.after);
      // Nothing but the places moved.
      expect({ ...stored!.agreement, places: 0 }).toEqual({ ...before.get(id)!.agreement, places: 0 });
    }
  });

  it("writes every column an edit may change, keeps the language requirement, across two calls", async () => {
    const withLanguage = ofEtsii.find((a) => a.languageRequirement !== undefined);
    expect(withLanguage).toBeDefined();
    const id = withLanguage!.id;
    const edit = {
      partner: { name: "Universidade Nova", country: "PT", erasmusCode: "P LISBOA52" },
      months: 4.5,
      cycles: ["master" as const],
      subjectArea: null,
      nominationDeadline: "2018-06-30",
    };
    const [one, two] = await Promise.all([
      commitEdits(db(), clock, [{ actor: office, callId: CALL, agreementId: id, edit }]),
      commitEdits(db(), clock, [
        { actor: office, callId: OTHER_CALL, agreementId: id, edit: { ...edit, months: 3 } },
        { actor: office, callId: CALL, agreementId: ofEtsii[5]!.id, edit: { places: 77 } },
      ]),
    ]);
    for (const [callId, result] of [
      [CALL, one![0]!],
      [OTHER_CALL, two![0]!],
    ] as const) {
      expect(result.ok).toBe(true);
      const stored = await findAgreement(db(), callId, id);
      expect(result.ok && result.value).toEqual(stored);
      expect(stored!.agreement.languageRequirement).toEqual(withLanguage!.languageRequirement);
      expect(stored!.agreement.partner).toEqual(edit.partner);
      expect(stored!.agreement.subjectArea).toBeUndefined();
      expect(stored!.nominationDeadline).toBe(edit.nominationDeadline);
    }
    expect((await findAgreement(db(), CALL, id))!.agreement.months).toBe(4.5);
    expect((await findAgreement(db(), OTHER_CALL, id))!.agreement.months).toBe(3);
    expect((await findAgreement(db(), CALL, ofEtsii[5]!.id))!.agreement.places).toBe(77);
  });

  it("refuses an invalid edit alone; a batch the database refuses leaves nothing behind", async () => {
    const editor = agreementEditor({ db: db(), clock });
    const [a, b] = [ofEtsii[6]!.id, ofEtsii[7]!.id];
    const auditsBefore = (await updates(CALL, a)).length + (await updates(CALL, b)).length;
    const results = await Promise.all([
      outcome(editor.edit({ actor: etsii, callId: CALL, agreementId: a, edit: { places: 301 } })),
      outcome(editor.edit({ actor: etsii, callId: CALL, agreementId: a, edit: { places: 302 } })),
      // A value the route's schema stops; a caller that is not the route meets the same check.
      outcome(editor.edit({ actor: etsii, callId: CALL, agreementId: b, edit: { places: -1 } })),
      outcome(editor.edit({ actor: etsii, callId: CALL, agreementId: b, edit: { places: 303 } })),
    ]);
    expect(results.map((r) => ("code" in r ? r.code : r.value.agreement.places))).toEqual([
      301,
      302,
      "VALIDATION_FAILED",
      303,
    ]);
    expect((await findAgreement(db(), CALL, a))!.agreement.places).toBe(302);
    expect((await findAgreement(db(), CALL, b))!.agreement.places).toBe(303);
    expect((await updates(CALL, a)).length + (await updates(CALL, b)).length).toBe(auditsBefore + 3);

    // Past the schema, the table's CHECK refuses the batch whole (the editor then retries each
    // edit alone: src/db/coalesce.test.ts), and nothing of it is written.
    const refused = await outcome(
      commitEdits(db(), clock, [
        { actor: etsii, callId: CALL, agreementId: a, edit: { places: 5 } },
        { actor: etsii, callId: CALL, agreementId: b, edit: { places: -1 } },
      ]),
    );
    expect(refused).toEqual({ code: "VALIDATION_FAILED" });
    expect((await findAgreement(db(), CALL, a))!.agreement.places).toBe(302);
    expect((await findAgreement(db(), CALL, b))!.agreement.places).toBe(303);
    expect((await updates(CALL, a)).length + (await updates(CALL, b)).length).toBe(auditsBefore + 3);
  });

  it("moves an agreement or changes its languages on the single path, beside batched edits", async () => {
    const editor = agreementEditor({ db: db(), clock });
    const id = ofEtsii[8]!.id;
    const results = await Promise.all([
      editor.edit({ actor: office, callId: CALL, agreementId: id, edit: { places: 11 } }),
      editor.edit({
        actor: office,
        callId: CALL,
        agreementId: id,
        edit: {
          languageRequirement: { requiredAtApplication: true, options: [{ language: "fr", minLevel: "B1" }] },
        },
      }),
      editor.edit({ actor: office, callId: CALL, agreementId: id, edit: { places: 12 } }),
    ]);
    expect(results.map((r) => r.agreement.places).sort()).toEqual(expect.arrayContaining([11, 12]));
    const stored = (await findAgreement(db(), CALL, id))!;
    expect(stored.agreement.languageRequirement).toEqual({
      requiredAtApplication: true,
      options: [{ language: "fr", minLevel: "B1" }],
    });
    // The coordinator may not move one of theirs to another centre, batched or not.
    const moved = await outcome(
      editor.edit({ actor: etsii, callId: CALL, agreementId: ofEtsii[9]!.id, edit: { centre: "ETSIT" } }),
    );
    expect(moved).toEqual({ code: "FORBIDDEN" });
    const chain = await updates(CALL, id);
    expect(chain).toHaveLength(3);
    for (let k = 1; k < chain.length; k++) expect(chain[k]!.before).toEqual(chain[k - 1]!.after);
    expect(chain.at(-1)!.after).toEqual(stored);
  });

  it("lets two editors (two servers) commit edits of the same agreements at once", async () => {
    const editors = [agreementEditor({ db: db(), clock }), agreementEditor({ db: db(), clock })];
    const targets = ofEtsii.slice(10, 13).map((a) => a.id);
    const counts = await Promise.all(targets.map(async (id) => (await updates(CALL, id)).length));
    const all = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        editors[i % 2]!.edit({
          actor: etsii,
          callId: CALL,
          agreementId: targets[i % targets.length]!,
          edit: { places: 400 + i },
        }),
      ),
    );
    expect(all.map((s) => s.agreement.places)).toEqual(Array.from({ length: 60 }, (_, i) => 400 + i));
    for (const [k, id] of targets.entries()) {
      const chain = await updates(CALL, id);
      expect(chain).toHaveLength(counts[k]! + 20);
      for (let j = 1; j < chain.length; j++) expect(chain[j]!.before).toEqual(chain[j - 1]!.after);
      expect(await findAgreement(db(), CALL, id)).toEqual(chain.at(-1)!.after);
    }
  });

  it("commits from known versions only while nobody else wrote: another writer's change is kept", async () => {
    const editor = agreementEditor({ db: db(), clock });
    const [a, b] = [ofEtsii[13]!.id, ofEtsii[14]!.id];
    const edit = (id: string, places: number) =>
      editor.edit({ actor: etsii, callId: CALL, agreementId: id, edit: { places } });
    // One edit at a time, so one batch each: the first reads, the second is computed from it.
    await edit(a, 21);
    await edit(b, 21);
    expect(editor.stats).toMatchObject({ batches: 2, known: 0, stale: 0 });
    await edit(a, 22);
    await edit(b, 22);
    expect(editor.stats).toMatchObject({ batches: 4, known: 2, stale: 0 });

    // Someone else (SQL by hand, another server) renames the partner of `a`, and sets `b` to the
    // places the next edit sets: that edit changes nothing, and must say so from what is stored.
    await sql`UPDATE agreements SET partner_name = 'Renamed by hand'
      WHERE call_id = ${CALL} AND id = ${a}`.execute(db());
    await sql`UPDATE agreements SET places = 23 WHERE call_id = ${CALL} AND id = ${b}`.execute(db());
    const chainA = (await updates(CALL, a)).length;
    const chainB = (await updates(CALL, b)).length;
    const editedA = await edit(a, 23);
    const editedB = await edit(b, 23);
    expect(editor.stats).toMatchObject({ batches: 6, known: 2, stale: 2, fallbacks: 0 });
    expect(editedA.agreement).toMatchObject({ places: 23, partner: { name: "Renamed by hand" } });
    expect(await findAgreement(db(), CALL, a)).toEqual(editedA);
    expect(await findAgreement(db(), CALL, b)).toEqual(editedB);
    const chain = await updates(CALL, a);
    expect(chain).toHaveLength(chainA + 1);
    expect(chain.at(-1)!.before.agreement.partner.name).toBe("Renamed by hand");
    expect(await updates(CALL, b)).toHaveLength(chainB);

    // What the editor keeps is what it answered: frozen, so a caller cannot change the next
    // batch's `before` behind the version's back.
    expect(() => {
      (editedA.agreement as { places: number }).places = 1;
    }).toThrow(TypeError);
    expect(() => {
      (editedA.agreement.cycles as string[]).push("master");
    }).toThrow(TypeError);

    // Known again after the long way.
    await edit(a, 24);
    await edit(b, 24);
    expect(editor.stats).toMatchObject({ batches: 8, known: 4, stale: 2 });
    expect((await findAgreement(db(), CALL, b))!.agreement.places).toBe(24);

    // From known versions too: an edit that changes nothing (no record), and another centre's
    // coordinator, for whom the agreement does not exist.
    const records = (await updates(CALL, a)).length;
    expect((await edit(a, 24)).agreement.places).toBe(24);
    expect(
      await outcome(editor.edit({ actor: etsit, callId: CALL, agreementId: a, edit: { places: 1 } })),
    ).toEqual({ code: "NOT_FOUND" });
    expect(editor.stats).toMatchObject({ batches: 10, known: 6, stale: 2 });
    expect(await updates(CALL, a)).toHaveLength(records);
    expect((await findAgreement(db(), CALL, a))!.agreement.places).toBe(24);
  });

  // PGlite has one connection: a transaction holding a row would hold the editor's statement too.
  it.skipIf(testDatabaseKind === "pglite")(
    "checks the version after waiting for a writer that holds the row, and keeps that writer's change",
    async () => {
      const editor = agreementEditor({ db: db(), clock });
      const id = ofEtsii[21]!.id;
      const edit = (places: number) =>
        editor.edit({ actor: etsii, callId: CALL, agreementId: id, edit: { places } });
      await edit(31);
      await edit(32);
      expect(editor.stats).toMatchObject({ known: 1, stale: 0 });

      let holding!: () => void;
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = db()
        .transaction()
        .execute(async (tx) => {
          await sql`UPDATE agreements SET partner_name = 'Held' WHERE call_id = ${CALL} AND id = ${id}`.execute(
            tx,
          );
          holding();
          await released;
        });
      await held;
      const pending = edit(33);
      // The edit's statement is waiting for the row.
      const waiting = async () =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db())
        ).rows[0]!.n;
      for (let tries = 0; (await waiting()) === 0; tries++) {
        expect(tries).toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      release();
      await holder;
      const result = await pending;
      expect(editor.stats).toMatchObject({ known: 1, stale: 1, fallbacks: 0 });
      expect(result.agreement).toMatchObject({ places: 33, partner: { name: "Held" } });
      expect(await findAgreement(db(), CALL, id)).toEqual(result);
      expect((await updates(CALL, id)).at(-1)!.before.agreement.partner.name).toBe("Held");
    },
  );

  it("never deadlocks: two editors over overlapping agreements, each in any order", async () => {
    const editors = [agreementEditor({ db: db(), clock }), agreementEditor({ db: db(), clock })];
    const targets = ofEtsii.slice(15, 21).map((a) => a.id);
    const counts = await Promise.all(targets.map(async (id) => (await updates(CALL, id)).length));
    // Editor 0 edits the first four, editor 1 the last four: two are edited by both. Rounds of
    // 40 edits each, at once; each editor's batches lock several rows, known or not.
    const planned: { id: string; places: number; editor: 0 | 1 }[][] = Array.from({ length: 6 }, (_, round) =>
      Array.from({ length: 80 }, (_, i) => {
        const editor = (i % 2) as 0 | 1;
        return {
          id: targets[editor * 2 + ((i * 7 + round * 3 + (i >> 3)) % 4)]!,
          places: 500 + round * 80 + i,
          editor,
        };
      }),
    );
    for (const round of planned) {
      const done = await Promise.all(
        round.map(({ id, places, editor }) =>
          editors[editor]!.edit({ actor: etsii, callId: CALL, agreementId: id, edit: { places } }),
        ),
      );
      expect(done.map((s) => s.agreement.places)).toEqual(round.map((p) => p.places));
    }
    for (const editor of editors) expect(editor.stats.fallbacks).toBe(0);
    // Both paths ran: batches from known versions, and batches refused because the other editor
    // had written one of their agreements since.
    expect(editors[0]!.stats.known + editors[1]!.stats.known).toBeGreaterThan(0);
    expect(editors[0]!.stats.stale + editors[1]!.stats.stale).toBeGreaterThan(0);
    for (const [k, id] of targets.entries()) {
      const chain = await updates(CALL, id);
      expect(chain).toHaveLength(counts[k]! + planned.flat().filter((p) => p.id === id).length);
      for (let j = counts[k]! + 1; j < chain.length; j++)
        expect(chain[j]!.before).toEqual(chain[j - 1]!.after);
      expect(await findAgreement(db(), CALL, id)).toEqual(chain.at(-1)!.after);
    }
  });
});
