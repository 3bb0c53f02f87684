// The agreements' hot paths as docs/decisions/0007-http-performance.md shapes them, on a real
// database: the list in one query (the call's existence, the page, the count past the page, the
// language options), and edits under the call's lock in shared mode plus the agreement's row lock:
// edits of one agreement wait for each other (every audit record's before is the previous after),
// edits of different agreements do not, and none overlaps a holder of the exclusive lock.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { findAgreement, findAgreementForEdit } from "../../src/db/repositories/agreements.ts";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import { lockCall } from "../../src/db/repositories/call-datasets.ts";
import { AppError } from "../../src/errors.ts";
import { createCall } from "../../src/use-cases/create-call.ts";
import { importAgreements } from "../../src/use-cases/import-agreements.ts";
import { listAgreements } from "../../src/use-cases/list-agreements.ts";
import { updateAgreement } from "../../src/use-cases/update-agreement.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { actorOf, agreementsCsv, callInput, demo, loadCentresAndDegrees } from "../support/office.ts";

const clock = new TestClock("2018-04-02T09:00:00+02:00");
const office = actorOf("office");
const coordinator = actorOf("coordinator", { centre: "ETSII" });
const CALL = "c-hot";
const ordered = demo.dataset.agreements;
const ofEtsii = ordered.filter((a) => a.centre === "ETSII");

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** Whether the promise is still pending after `ms`. */
async function stillPending(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol("pending");
  const first = await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise((resolve) => setTimeout(() => resolve(pending), ms)),
  ]);
  return first === pending;
}

describe(`agreements' hot paths on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    await createCall({ db: database.db, clock, actor: office, input: callInput(CALL) });
    await importAgreements({
      db: database.db,
      clock,
      actor: office,
      callId: CALL,
      csv: agreementsCsv(ordered),
    });
  });
  afterAll(() => database?.dispose());
  const db = () => database.db;
  const list = (
    actor: typeof office,
    query: { limit: number; offset: number; centre?: string },
    callId = CALL,
  ) => listAgreements({ db: db(), actor, callId, query });

  it("pages in the call's order with the total of all matches, also past the last page", async () => {
    const whole = await list(office, { limit: 1000, offset: 0 });
    expect(whole.items.map((s) => s.agreement)).toEqual(ordered);
    expect(whole.total).toBe(ordered.length);
    const middle = await list(office, { limit: 7, offset: 10 });
    expect(middle.items.map((s) => s.agreement)).toEqual(ordered.slice(10, 17));
    expect(middle.total).toBe(ordered.length);
    expect(await list(office, { limit: 5, offset: ordered.length + 3 })).toEqual({
      items: [],
      total: ordered.length,
    });
    const scoped = await list(coordinator, { limit: 3, offset: 1 });
    expect(scoped.items.map((s) => s.agreement)).toEqual(ofEtsii.slice(1, 4));
    expect(scoped.total).toBe(ofEtsii.length);
    // Nothing to see (another centre's filter): empty, yet an unknown call is still absent.
    expect(await list(coordinator, { limit: 5, offset: 0, centre: "ETSIT" })).toEqual({
      items: [],
      total: 0,
    });
    for (const query of [
      { limit: 5, offset: 0 },
      { limit: 5, offset: 0, centre: "ETSIT" },
    ])
      expect((await refusal(list(coordinator, query, "no-such-call"))).code).toBe("NOT_FOUND");
    // A call without agreements: found, empty.
    await createCall({ db: db(), clock, actor: office, input: callInput("c-empty") });
    expect(await list(office, { limit: 5, offset: 0 }, "c-empty")).toEqual({ items: [], total: 0 });
  });

  it("serialises concurrent edits of one agreement: each audit record's before is the previous after", async () => {
    const id = ofEtsii[0]!.id;
    const edits = Array.from({ length: 12 }, (_, i) =>
      updateAgreement({
        db: db(),
        clock,
        actor: coordinator,
        callId: CALL,
        agreementId: id,
        edit: { places: 100 + i },
      }),
    );
    await Promise.all(edits);
    const records = (
      await listAudit(db(), { callId: CALL, entityType: "agreement", entityId: id, limit: 100 })
    ).filter((r) => r.action === "agreement.updated");
    expect(records).toHaveLength(12);
    const chain = records.reverse().map((r) => ({
      before: (r.before as { agreement: { places: number } }).agreement.places,
      after: (r.after as { agreement: { places: number } }).agreement.places,
    }));
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.before).toBe(chain[i - 1]!.after);
    expect(new Set(chain.map((c) => c.after)).size).toBe(12);
    const stored = await findAgreement(db(), CALL, id);
    expect(stored?.agreement.places).toBe(chain.at(-1)!.after);
  });

  it("keeps an edit waiting while the call's lock is held exclusively (an import, the award)", async () => {
    const id = ofEtsii[1]!.id;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db()
      .transaction()
      .execute(async (tx) => {
        await lockCall(tx, CALL);
        locked();
        await held;
      });
    await lockTaken;
    const edit = updateAgreement({
      db: db(),
      clock,
      actor: office,
      callId: CALL,
      agreementId: id,
      edit: { places: 42 },
    });
    expect(await stillPending(edit, 300)).toBe(true);
    release();
    await holder;
    expect((await edit).agreement.places).toBe(42);
  });

  it.runIf(testDatabaseKind === "postgresql")(
    "lets edits of different agreements run side by side; an edit of the locked one waits",
    async () => {
      const [first, second] = [ofEtsii[2]!.id, ofEtsii[3]!.id];
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const rowLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // An edit of `first` in progress: the call's lock shared and its row, as updateAgreement holds them.
      const holder = db()
        .transaction()
        .execute(async (tx) => {
          await findAgreementForEdit(tx, CALL, first);
          locked();
          await held;
        });
      await rowLocked;
      const other = updateAgreement({
        db: db(),
        clock,
        actor: office,
        callId: CALL,
        agreementId: second,
        edit: { places: 7 },
      });
      expect(await stillPending(other, 2000)).toBe(false);
      expect((await other).agreement.places).toBe(7);
      const same = updateAgreement({
        db: db(),
        clock,
        actor: office,
        callId: CALL,
        agreementId: first,
        edit: { places: 8 },
      });
      expect(await stillPending(same, 300)).toBe(true);
      // The call's lock is held (shared): an import or the award waits for the edit to end.
      const exclusive = db()
        .transaction()
        .execute((tx) => lockCall(tx, CALL));
      expect(await stillPending(exclusive, 300)).toBe(true);
      release();
      await holder;
      await exclusive;
      expect((await same).agreement.places).toBe(8);
      // No advisory lock of this database outlives its transaction.
      const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(
        db(),
      );
      expect(left.rows[0]?.n).toBe(0);
    },
  );
});
