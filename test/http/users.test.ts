// People and roles, by administrators only: create (with a one-time initial password), list a
// page at a time, change role/centre/name/active (deactivating ends sessions), every change
// audited before → after, and no response ever carrying a password hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { ROLES } from "../../src/policies/policies.ts";
import { type Client, client, createUser, signIn, signInAs, type TestSession } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";

interface UserBody {
  id: string;
  email: string;
  role: string;
  centre: string | null;
  studentId: string | null;
  active: boolean;
  displayName: string;
}

describe(`users on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let admin: Client;
  let adminSession: TestSession;
  const clock = new TestClock("2018-05-02T10:00:00+02:00");
  /** Every response body seen in this file, checked for hashes at the end. */
  const seen: string[] = [];

  /** Reads a response's body once, keeping it for the final check. */
  async function body<T>(response: Response): Promise<T> {
    const text = await response.text();
    seen.push(text);
    return JSON.parse(text) as T;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, base } = await listen({ database, clock }));
    for (const code of ["ETSII", "ETSIT"]) {
      await database.db.insertInto("centres").values({ code, name: code }).execute();
    }
    const signedIn = await signInAs(base, database, { role: "admin", email: "admin@upct.es" });
    admin = signedIn.api;
    adminSession = signedIn.session;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const auditOf = (id: string) =>
    database.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id", "before", "after", "centre_code"])
      .where("entity_type", "=", "user")
      .where("entity_id", "=", id)
      .where("action", "like", "user.%")
      .orderBy("id")
      .execute();

  it("creates a person with a generated one-time password, which signs them in; audited without it", async () => {
    const response = await admin.post("/api/users", {
      email: "Coordinadora.ETSII@UPCT.es",
      displayName: "Coordinadora ETSII",
      role: "coordinator",
      centre: "ETSII",
    });
    expect(response.status).toBe(201);
    const created = await body<{ user: UserBody; initialPassword: string }>(response);
    expect(created.user).toMatchObject({
      email: "coordinadora.etsii@upct.es",
      role: "coordinator",
      centre: "ETSII",
      studentId: null,
      active: true,
    });
    expect(created.initialPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    const session = await signIn(base, { email: created.user.email, password: created.initialPassword });
    expect(session.user).toMatchObject({ role: "coordinator", centre: "ETSII" });

    const audit = await auditOf(created.user.id);
    expect(audit).toEqual([
      {
        action: "user.created",
        actor_user_id: adminSession.user.id,
        centre_code: "ETSII",
        before: null,
        after: {
          email: "coordinadora.etsii@upct.es",
          displayName: "Coordinadora ETSII",
          role: "coordinator",
          centre: "ETSII",
          studentId: null,
          active: true,
        },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(created.initialPassword);
  });

  it("creates every role, with the centre and student id each needs; a given password is not echoed", async () => {
    const cases = [
      { role: "student", centre: "ETSII", studentId: "S-1" },
      { role: "incoming", studentId: "IN-1" },
      { role: "office" },
      { role: "language-service" },
      { role: "mentor" },
      { role: "admin" },
    ];
    for (const c of cases) {
      const response = await admin.post("/api/users", {
        email: `new.${c.role}@upct.es`,
        displayName: c.role,
        password: "chosen by the admin",
        ...c,
      });
      expect(response.status, c.role).toBe(201);
      const created = await body<{ user: UserBody; initialPassword?: string }>(response);
      expect(created.initialPassword).toBeUndefined();
      expect(created.user).toMatchObject({
        role: c.role,
        centre: c.centre ?? null,
        studentId: c.studentId ?? null,
      });
      await signIn(base, { email: `new.${c.role}@upct.es`, password: "chosen by the admin" });
    }
  });

  it.each([
    [{ role: "coordinator" }, 400, ["body/centre"]],
    [{ role: "student", centre: "ETSII" }, 400, ["body/studentId"]],
    [{ role: "student" }, 400, ["body/centre", "body/studentId"]],
    [{ role: "incoming" }, 400, ["body/studentId"]],
    [{ role: "coordinator", centre: "NOWHERE" }, 400, ["body/centre"]],
    [{ role: "superuser" }, 400, ["body/role"]],
    [{ role: "office", password: "short" }, 400, ["body/password"]],
    [{ role: "office", email: "not an e-mail" }, 400, ["body/email"]],
    [{ role: "office", email: "coordinadora.etsii@upct.es" }, 409, []],
    [{ role: "student", centre: "ETSII", studentId: "S-1" }, 409, []],
  ])("refuses %j with %i naming %j", async (fields, status, paths) => {
    const response = await admin.post("/api/users", {
      email: "new.person@upct.es",
      displayName: "New",
      ...fields,
    });
    expect(response.status).toBe(status);
    const refused = await body<{ error: { code: string; issues?: { path: string }[] } }>(response);
    expect(refused.error.code).toBe(status === 409 ? "CONFLICT" : "VALIDATION_FAILED");
    expect((refused.error.issues ?? []).map((i) => i.path).sort()).toEqual(paths);
    const stored = await database.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "new.person@upct.es")
      .execute();
    expect(stored).toEqual([]);
  });

  it("lists people in e-mail order, a page at a time, filtered by role or centre", async () => {
    const emails: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = after === null ? "" : `&after=${encodeURIComponent(after)}`;
      const response = await admin.get(`/api/users?limit=3${query}`);
      expect(response.status).toBe(200);
      const page = await body<{ items: UserBody[]; next: string | null }>(response);
      expect(page.items.length).toBeLessThanOrEqual(3);
      emails.push(...page.items.map((u) => u.email));
      after = page.next;
      pages++;
    } while (after !== null && pages < 20);
    const all = await database.db.selectFrom("users").select("email").orderBy("email").execute();
    expect(emails).toEqual(all.map((u) => u.email));
    expect(pages).toBe(Math.ceil(all.length / 3));

    const coordinators = await body<{ items: UserBody[] }>(await admin.get("/api/users?role=coordinator"));
    expect(coordinators.items.map((u) => u.email)).toEqual(["coordinadora.etsii@upct.es"]);
    const etsii = await body<{ items: UserBody[] }>(await admin.get("/api/users?centre=ETSII"));
    expect(etsii.items.map((u) => u.role).sort()).toEqual(["coordinator", "student"]);
  });

  it("changes role, centre and name, audited before → after; a role that cannot carry a centre drops it", async () => {
    const person = await createUser(database, { role: "coordinator", centre: "ETSII" });
    const moved = await admin.patch(`/api/users/${person.userId}`, { centre: "ETSIT", displayName: "Moved" });
    expect(moved.status).toBe(200);
    expect((await body<{ user: UserBody }>(moved)).user).toMatchObject({
      centre: "ETSIT",
      displayName: "Moved",
    });

    const promoted = await admin.patch(`/api/users/${person.userId}`, { role: "office" });
    expect((await body<{ user: UserBody }>(promoted)).user).toMatchObject({ role: "office", centre: null });

    const audit = await auditOf(person.userId);
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      [
        "user.updated",
        expect.objectContaining({ centre: "ETSII", role: "coordinator" }),
        expect.objectContaining({ centre: "ETSIT", displayName: "Moved", role: "coordinator" }),
      ],
      [
        "user.updated",
        expect.objectContaining({ role: "coordinator", centre: "ETSIT" }),
        expect.objectContaining({ role: "office", centre: null }),
      ],
    ]);
    expect(audit.every((a) => a.actor_user_id === adminSession.user.id)).toBe(true);

    // A coordinator needs a centre; unknown users and fields are refused.
    const noCentre = await admin.patch(`/api/users/${person.userId}`, { role: "coordinator" });
    expect(noCentre.status).toBe(400);
    expect((await admin.patch("/api/users/nobody", { displayName: "X" })).status).toBe(404);
    const extra = await admin.patch(`/api/users/${person.userId}`, { passwordHash: "x" });
    expect(extra.status).toBe(400);
  });

  it("deactivating ends the person's sessions and stops sign-in; reactivating lets them back", async () => {
    const person = await createUser(database, { role: "office" });
    const session = await signIn(base, person);
    const personApi = client(base, session);
    expect((await body<{ user: unknown }>(await personApi.get("/api/auth/session"))).user).not.toBeNull();

    const response = await admin.patch(`/api/users/${person.userId}`, { active: false });
    expect((await body<{ user: UserBody }>(response)).user.active).toBe(false);
    expect(
      await database.db.selectFrom("sessions").selectAll().where("user_id", "=", person.userId).execute(),
    ).toEqual([]);
    expect((await body<{ user: unknown }>(await personApi.get("/api/auth/session"))).user).toBeNull();
    await expect(signIn(base, person)).rejects.toThrow(/401/);

    await admin.patch(`/api/users/${person.userId}`, { active: true });
    expect((await signIn(base, person)).user.id).toBe(person.userId);
    const audit = await auditOf(person.userId);
    expect(audit.map((a) => [(a.before as UserBody).active, (a.after as UserBody).active])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it("keeps one active administrator: the last one cannot be deactivated or demoted", async () => {
    const others = await database.db
      .updateTable("users")
      .set({ active: false })
      .where("role", "=", "admin")
      .where("id", "<>", adminSession.user.id)
      .returning("id")
      .execute();
    try {
      for (const change of [{ active: false }, { role: "office" }]) {
        const response = await admin.patch(`/api/users/${adminSession.user.id}`, change);
        expect(response.status).toBe(409);
        expect(await body(response)).toMatchObject({ error: { code: "CONFLICT" } });
      }
    } finally {
      for (const { id } of others) {
        await database.db.updateTable("users").set({ active: true }).where("id", "=", id).execute();
      }
    }
  });

  it("is for administrators only: 401 for the public, 403 for every other role", async () => {
    const person = await createUser(database, { role: "office" });
    const attempts = (api: Client) => [
      api.get("/api/users"),
      api.post("/api/users", { email: "x@upct.es", displayName: "X", role: "admin" }),
      api.patch(`/api/users/${person.userId}`, { role: "admin" }),
    ];
    for (const response of await Promise.all(attempts(client(base)))) {
      expect(response.status).toBe(401);
      await body(response);
    }
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const centre = role === "coordinator" || role === "student" ? "ETSII" : undefined;
      const { api } = await signInAs(base, database, { role, ...(centre ? { centre } : {}) });
      for (const response of await Promise.all(attempts(api))) {
        expect(response.status, role).toBe(403);
        await body(response);
      }
    }
    const row = await database.db
      .selectFrom("users")
      .select("role")
      .where("id", "=", person.userId)
      .executeTakeFirst();
    expect(row?.role).toBe("office");
    expect(
      await database.db.selectFrom("users").select("id").where("email", "=", "x@upct.es").execute(),
    ).toEqual([]);
  });

  it("never sends a password hash, in any response of this file", async () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const text of seen) {
      expect(text).not.toMatch(/\$argon2|password_?hash/i);
    }
    const hashes = await database.db.selectFrom("users").select("password_hash").execute();
    for (const { password_hash } of hashes) {
      if (password_hash !== null) expect(seen.join("\n")).not.toContain(password_hash.split("$").pop());
    }
  });
});
