// The first administrator: from ADMIN_EMAIL/ADMIN_PASSWORD, or with the one-time setup token
// (single use, one hour, refused once an administrator exists). Never a default password.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { bootstrapAdmin, SETUP_TOKEN_TTL_MS } from "../../src/use-cases/bootstrap-admin.ts";
import { client, createUser, signIn } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind, truncateAll } from "../support/database.ts";
import { listen } from "../support/http.ts";

describe(`the first administrator on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-05-02T10:00:00+02:00");

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });
  // A fresh app per test: each has its own rate-limit counters (setup allows 10 tries per 15 min).
  beforeEach(async () => {
    await truncateAll(database.db);
    ({ app, base } = await listen({ database, clock }));
  });
  afterEach(() => app.close());

  const admin = { email: "Jefa.SRI@upct.es", password: "a long enough password" };
  const setUp = (body: Record<string, unknown>) => client(base).post("/api/setup", body);
  const firstAdmin = (token: string, email = "primera@upct.es") => ({
    token,
    email,
    displayName: "Primera Administradora",
    password: "another long password",
  });
  const tokenOf = async () => {
    const result = await bootstrapAdmin({ db: database.db, clock });
    if (result.kind !== "setup-token") throw new Error(`expected a setup token, got ${result.kind}`);
    return result;
  };
  const admins = () =>
    database.db.selectFrom("users").select(["email", "role", "active"]).where("role", "=", "admin").execute();

  it("creates the administrator named by the environment, once, and it signs in", async () => {
    const created = await bootstrapAdmin({ db: database.db, clock, admin });
    expect(created).toMatchObject({
      kind: "admin-created",
      user: { email: "jefa.sri@upct.es", role: "admin" },
    });
    expect(
      await bootstrapAdmin({ db: database.db, clock, admin: { ...admin, email: "other@upct.es" } }),
    ).toEqual({
      kind: "admin-exists",
    });
    expect(await admins()).toEqual([{ email: "jefa.sri@upct.es", role: "admin", active: true }]);
    const session = await signIn(base, admin);
    expect(session.user.role).toBe("admin");
    const audit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.created")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: "setup", actor_user_id: null });
    expect(JSON.stringify(audit)).not.toMatch(/argon2|a long enough password/);
    // No setup is pending any more.
    expect(await (await client(base).get("/api/setup")).json()).toEqual({ pending: false });
  });

  it("does not turn an existing account into an administrator from the environment", async () => {
    await createUser(database, { role: "student", centre: "ETSII", email: admin.email });
    await expect(bootstrapAdmin({ db: database.db, clock, admin })).rejects.toThrow(
      /belongs to an existing user/,
    );
    expect(await admins()).toEqual([]);
  });

  it("issues a setup token valid for an hour, stored only as its digest, that creates the first administrator", async () => {
    expect(await (await client(base).get("/api/setup")).json()).toEqual({ pending: true });
    const { token, expiresAt } = await tokenOf();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(SETUP_TOKEN_TTL_MS);
    const stored = await database.db.selectFrom("setup_tokens").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const response = await setUp(firstAdmin(token));
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toMatch(/argon2|another long password/);
    expect(JSON.parse(text)).toMatchObject({
      user: { email: "primera@upct.es", role: "admin", active: true },
    });
    expect(
      (await signIn(base, { email: "primera@upct.es", password: "another long password" })).user.role,
    ).toBe("admin");
    const audit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.created")
      .execute();
    expect(audit).toMatchObject([{ actor_label: "setup", entity_type: "user" }]);
  });

  it("refuses every setup once an administrator exists, even with a fresh token", async () => {
    const { token } = await tokenOf();
    await bootstrapAdmin({ db: database.db, clock, admin });
    const response = await setUp(firstAdmin(token));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "CONFLICT" } });
    expect(await admins()).toHaveLength(1);
  });

  it("takes a token once: used again (even with no active administrator left) it is refused", async () => {
    const { token } = await tokenOf();
    expect((await setUp(firstAdmin(token))).status).toBe(201);
    await database.db.updateTable("users").set({ active: false }).execute();
    const again = await setUp(firstAdmin(token, "segunda@upct.es"));
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({
      error: { code: "FORBIDDEN", message: expect.stringMatching(/used/) },
    });
  });

  it("refuses an expired token and an unknown one", async () => {
    const { token } = await tokenOf();
    clock.advance(SETUP_TOKEN_TTL_MS);
    expect((await setUp(firstAdmin(token))).status).toBe(403);
    expect((await setUp(firstAdmin("x".repeat(43)))).status).toBe(403);
    expect(await admins()).toEqual([]);
    // A fresh start gives a fresh token that works.
    const fresh = await tokenOf();
    expect((await setUp(firstAdmin(fresh.token))).status).toBe(201);
  });

  it("lets exactly one of two simultaneous setups with the same token through", async () => {
    const { token } = await tokenOf();
    const responses = await Promise.all([
      setUp(firstAdmin(token, "una@upct.es")),
      setUp(firstAdmin(token, "otra@upct.es")),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await admins()).toHaveLength(1);
  });

  it("keeps the token when the request is refused for another reason, and names bad fields", async () => {
    const { token } = await tokenOf();
    const short = await setUp({ ...firstAdmin(token), password: "too short" });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { issues: [{ path: "body/password" }] } });
    // An e-mail taken by another (non-admin) account: refused, the token still usable.
    await createUser(database, { role: "office", email: "taken@upct.es" });
    expect((await setUp(firstAdmin(token, "taken@upct.es"))).status).toBe(409);
    expect((await setUp(firstAdmin(token))).status).toBe(201);
  });

  it("limits setup attempts to 10 per client address in 15 minutes", async () => {
    const { token } = await tokenOf();
    for (let i = 0; i < 10; i++)
      expect((await setUp(firstAdmin(`wrong-${i}`.padEnd(43, "x")))).status).toBe(403);
    const limited = await setUp(firstAdmin(token));
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(await admins()).toEqual([]);
  });
});
