// The read caches (docs/decisions/0014-http-read-cache.md) never answer with something stale: a list
// of agreements is the same bytes while nothing it shows has changed, and changes the moment
// anything has — through the API, or behind the server's back (SQL, as another process would); a
// client holding the current ETag gets 304; each scope keeps its own answer. A session's user
// changed or signed out is seen by the very next request.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionCache } from "../../src/auth/session-cache.ts";
import { TestClock } from "../../src/clock.ts";
import { onlyReads } from "../../src/db/database.ts";
import type { StoredSession } from "../../src/db/repositories/sessions.ts";
import type { App } from "../../src/http/app.ts";
import { type Client, signInAs } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { agreementsCsv, callInput, demo, loadCentresAndDegrees } from "../support/office.ts";

const CALL = "cache";
const A = "ETSII";
const B = "ETSIT";
const ofA = demo.dataset.agreements.filter((a) => a.centre === A);
const ofB = demo.dataset.agreements.filter((a) => a.centre === B);

interface Page {
  items: { id: string; centre: string; places: number; languageRequirement?: { options: unknown[] } }[];
  total: number;
}

describe(`the read caches on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let office: Client;
  let coordA: Client;
  let coordB: Client;
  let adminApi: Client;
  let coordAUserId: string;
  const clock = new TestClock("2018-04-02T09:00:00+02:00");
  const list = `/api/calls/${CALL}/agreements?limit=100`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    office = (await signInAs(base, database, { role: "office" })).api;
    adminApi = (await signInAs(base, database, { role: "admin" })).api;
    const a = await signInAs(base, database, { role: "coordinator", centre: A });
    coordA = a.api;
    coordAUserId = a.credentials.userId;
    coordB = (await signInAs(base, database, { role: "coordinator", centre: B })).api;
    expect((await office.post("/api/calls", callInput(CALL))).status).toBe(201);
    const imported = await office.fetch(`/api/calls/${CALL}/agreements/import`, {
      method: "POST",
      body: agreementsCsv([...ofA, ...ofB]),
      headers: { "content-type": "text/csv" },
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const read = async (api: Client, headers: Record<string, string> = {}) => {
    const response = await api.fetch(list, { headers });
    return { response, text: response.status === 200 ? await response.text() : "" };
  };

  it("answers the same bytes and ETag while nothing changed, and 304 to a client that has them", async () => {
    const first = await read(coordA);
    const second = await read(coordA);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(second.text).toBe(first.text);
    const etag = first.response.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(second.response.headers.get("etag")).toBe(etag);
    const page = JSON.parse(first.text) as Page;
    expect(page.items.map((a) => a.id).sort()).toEqual(ofA.map((a) => a.id).sort());
    expect(page.total).toBe(ofA.length);
    const notModified = await coordA.fetch(list, { headers: { "if-none-match": etag ?? "" } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    // Another query is another answer.
    const filtered = await coordA.get(`/api/calls/${CALL}/agreements?limit=1`);
    expect(((await filtered.json()) as Page).items).toHaveLength(1);
  });

  it("shows an edit made through the API at once, with a new ETag", async () => {
    const before = await read(coordA);
    const target = ofA[0]!;
    const places = target.places + 7;
    const edited = await coordA.patch(`/api/calls/${CALL}/agreements/${encodeURIComponent(target.id)}`, {
      places,
    });
    expect(edited.status).toBe(200);
    const after = await read(coordA);
    expect(after.response.headers.get("etag")).not.toBe(before.response.headers.get("etag"));
    expect((JSON.parse(after.text) as Page).items.find((a) => a.id === target.id)?.places).toBe(places);
    const stale = await coordA.fetch(list, {
      headers: { "if-none-match": before.response.headers.get("etag") ?? "" },
    });
    expect(stale.status).toBe(200);
  });

  it("shows every acknowledged change to a read begun after it, while many reads share one version query", async () => {
    const target = ofA[2]!;
    const path = `/api/calls/${CALL}/agreements/${encodeURIComponent(target.id)}`;
    const placesOf = async () =>
      (JSON.parse((await read(coordA)).text) as Page).items.find((a) => a.id === target.id)?.places;
    // Twenty readers keep the list's version query busy (decision 0015: reads arriving during one
    // wait for the next), while edits land through the API and behind the server's back.
    let reading = true;
    let reads = 0;
    const readers = Array.from({ length: 20 }, async () => {
      while (reading) {
        expect((await coordA.fetch(list)).status).toBe(200);
        reads += 1;
      }
    });
    try {
      for (let k = 1; k <= 12; k++) {
        const places = 500 + k;
        if (k % 3 === 0)
          await sql`UPDATE agreements SET places = ${places} WHERE call_id = ${CALL} AND id = ${target.id}`.execute(
            database.db,
          );
        else expect((await coordA.patch(path, { places })).status).toBe(200);
        expect(await placesOf()).toBe(places);
      }
    } finally {
      reading = false;
      await Promise.all(readers);
    }
    expect(reads).toBeGreaterThan(20);
  });

  it("shows a change made behind the server's back (another process, SQL) at once", async () => {
    await read(coordA);
    const target = ofA[1]!;
    await sql`UPDATE agreements SET places = 42 WHERE call_id = ${CALL} AND id = ${target.id}`.execute(
      database.db,
    );
    expect(
      (JSON.parse((await read(coordA)).text) as Page).items.find((a) => a.id === target.id)?.places,
    ).toBe(42);
    // A language option changed alone (the agreement's row untouched).
    const withOptions = ofA.find((a) => (a.languageRequirement?.options.length ?? 0) > 0)!;
    await sql`UPDATE agreement_language_options SET min_level = 'C2'
      WHERE call_id = ${CALL} AND agreement_id = ${withOptions.id} AND position = 0`.execute(database.db);
    const options = (JSON.parse((await read(coordA)).text) as Page).items.find((a) => a.id === withOptions.id)
      ?.languageRequirement?.options;
    expect(options?.[0]).toMatchObject({ minLevel: "C2" });
    // An agreement deleted.
    await sql`DELETE FROM agreements WHERE call_id = ${CALL} AND id = ${target.id}`.execute(database.db);
    const page = JSON.parse((await read(coordA)).text) as Page;
    expect(page.items.some((a) => a.id === target.id)).toBe(false);
    expect(page.total).toBe(ofA.length - 1);
  });

  it("keeps each scope's answer apart, also when an agreement moves between centres", async () => {
    const idsOf = async (api: Client) => (JSON.parse((await read(api)).text) as Page).items.map((a) => a.id);
    const a0 = await idsOf(coordA);
    const b0 = await idsOf(coordB);
    expect(a0.some((id) => b0.includes(id))).toBe(false);
    const moved = ofB[0]!;
    expect(b0).toContain(moved.id);
    await sql`UPDATE agreements SET centre_code = ${A} WHERE call_id = ${CALL} AND id = ${moved.id}`.execute(
      database.db,
    );
    expect(await idsOf(coordA)).toContain(moved.id);
    expect(await idsOf(coordB)).not.toContain(moved.id);
    // The office sees them all, in one answer of its own.
    const all = JSON.parse((await read(office)).text) as Page;
    expect(all.total).toBe(a0.length + b0.length);
  });

  it("a missing call is still 404, and the public still 401", async () => {
    expect((await coordA.get("/api/calls/nope/agreements")).status).toBe(404);
    expect((await fetch(`${base}${list}`)).status).toBe(401);
  });

  it("sees a person's new centre on their very next request", async () => {
    const before = JSON.parse((await read(coordA)).text) as Page;
    expect(before.items.every((a) => a.centre === A)).toBe(true);
    const moved = await adminApi.patch(`/api/users/${coordAUserId}`, { centre: B });
    expect(moved.status).toBe(200);
    const after = JSON.parse((await read(coordA)).text) as Page;
    expect(after.items.length).toBeGreaterThan(0);
    expect(after.items.every((a) => a.centre === B)).toBe(true);
    expect((await adminApi.patch(`/api/users/${coordAUserId}`, { active: false })).status).toBe(200);
    expect((await coordA.get(list)).status).toBe(401);
  });

  it("refuses a signed-out session's cookie on the very next request", async () => {
    const { api } = await signInAs(base, database, { role: "coordinator", centre: A });
    expect((await api.get(list)).status).toBe(200);
    expect((await api.post("/api/auth/sign-out", {})).status).toBeLessThan(300);
    expect((await api.get(list)).status).toBe(401);
  });
});

describe(`the embedded database's count of writes (${testDatabaseKind})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.dispose());

  it("tells reads from statements that may write", () => {
    const db = database.db;
    expect(onlyReads(db.selectFrom("calls").selectAll().compile())).toBe(true);
    expect(onlyReads(sql`SELECT 1`.compile(db))).toBe(true);
    expect(onlyReads(sql`  select count(*) from agreements`.compile(db))).toBe(true);
    expect(onlyReads(sql`begin`.compile(db))).toBe(true);
    expect(onlyReads(db.updateTable("calls").set({ round: 2 }).compile())).toBe(false);
    expect(onlyReads(db.deleteFrom("sessions").compile())).toBe(false);
    expect(onlyReads(sql`UPDATE calls SET round = 2`.compile(db))).toBe(false);
    expect(onlyReads(sql`select 1; delete from calls`.compile(db))).toBe(false);
    // A CTE may write (changeWithAudit): counted as a write.
    const cte = db
      .with("changed", (qc) => qc.updateTable("calls").set({ round: 2 }).returning("id"))
      .selectFrom("changed")
      .selectAll()
      .compile();
    expect(onlyReads(cte)).toBe(false);
  });

  it("moves with every write on PGlite, and is not there on PostgreSQL", async () => {
    if (database.kind === "postgresql") {
      expect(database.writeCount).toBeUndefined();
      return;
    }
    const count = database.writeCount!;
    const before = count();
    await database.db.selectFrom("calls").selectAll().execute();
    expect(count()).toBe(before);
    await sql`UPDATE calls SET round = round`.execute(database.db);
    expect(count()).toBe(before + 1);
  });
});

describe("the session cache", () => {
  const session = (digest: string, userId = "u1"): StoredSession =>
    ({
      tokenDigest: digest,
      csrfDigest: "c",
      createdAt: new Date(0),
      lastSeenAt: new Date(0),
      expiresAt: new Date(1),
      user: { id: userId },
    }) as StoredSession;

  it("keeps an entry for its time to live only", () => {
    let now = 0;
    const cache = new SessionCache(2_000, 10, () => now);
    cache.keep(session("d1"), cache.generation);
    expect(cache.get("d1")?.tokenDigest).toBe("d1");
    now = 1_999;
    expect(cache.get("d1")).toBeDefined();
    now = 2_000;
    expect(cache.get("d1")).toBeUndefined();
  });

  it("does not keep what a lookup read while something was forgotten", () => {
    const cache = new SessionCache(2_000, 10, () => 0);
    const generation = cache.generation;
    cache.forget("other");
    cache.keep(session("d1"), generation);
    expect(cache.get("d1")).toBeUndefined();
    cache.keep(session("d1"), cache.generation);
    expect(cache.get("d1")).toBeDefined();
  });

  it("forgets one session, or every session of a user", () => {
    const cache = new SessionCache(2_000, 10, () => 0);
    for (const [d, u] of [
      ["d1", "u1"],
      ["d2", "u1"],
      ["d3", "u2"],
    ] as const)
      cache.keep(session(d, u), cache.generation);
    cache.forget("d3");
    expect(cache.get("d3")).toBeUndefined();
    cache.forgetUser("u1");
    expect(cache.get("d1")).toBeUndefined();
    expect(cache.get("d2")).toBeUndefined();
  });

  it("holds at most its capacity, the oldest going first", () => {
    const cache = new SessionCache(2_000, 2, () => 0);
    for (const d of ["d1", "d2", "d3"]) cache.keep(session(d), cache.generation);
    expect(cache.get("d1")).toBeUndefined();
    expect(cache.get("d2")).toBeDefined();
    expect(cache.get("d3")).toBeDefined();
  });
});
