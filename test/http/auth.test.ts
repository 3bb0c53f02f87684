// Signing in and out over real HTTP: the cookie, the same answer for every wrong credential, the
// rate limit, idle and absolute expiry on an injected clock, CSRF on cookie-authenticated writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../src/auth/sessions.ts";
import { tokenDigest } from "../../src/auth/tokens.ts";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { SIGN_IN_ATTEMPTS } from "../../src/http/routes/auth.ts";
import { client, createUser, signIn, type TestSession } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

describe(`signing in and out on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-05-02T10:00:00+02:00");

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, base } = await listen({ database, clock }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const signInRaw = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email, password }),
    });
  const sessionOf = async (cookie: string) => {
    const response = await fetch(`${base}/api/auth/session`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return {
      response,
      body: (await response.json()) as { user: { id: string } | null; csrfToken: string | null },
    };
  };
  const sessionRow = (session: TestSession) =>
    database.db
      .selectFrom("sessions")
      .selectAll()
      .where("token_digest", "=", tokenDigest(session.cookie.slice("mobilitas_session=".length)))
      .executeTakeFirst();

  it("signs in: the user, a CSRF token, and a HttpOnly SameSite=Lax cookie holding a token stored as a digest", async () => {
    const office = await createUser(database, { role: "office", email: "Oficina@UPCT.es" });
    const response = await signInRaw(" OFICINA@upct.es ", office.password);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(/argon2|password/i);
    const body = JSON.parse(text) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({
      id: office.userId,
      email: "oficina@upct.es",
      role: "office",
      centre: null,
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0]!;
    expect(cookie).toMatch(/^mobilitas_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Max-Age=43200(;|$)/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; "auto" makes it Secure over HTTPS

    const token = cookie.slice("mobilitas_session=".length).split(";")[0]!;
    const rows = await database.db
      .selectFrom("sessions")
      .selectAll()
      .where("user_id", "=", office.userId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_digest).toBe(tokenDigest(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.csrf_digest).toBe(tokenDigest(body.csrfToken));
    expect(rows[0]!.expires_at.getTime() - clock.now().getTime()).toBe(SESSION_ABSOLUTE_MS);

    const audit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", office.userId)
      .execute();
    expect(audit.map((a) => [a.action, a.actor_user_id, a.actor_role])).toEqual([
      ["session.created", office.userId, "office"],
    ]);
    expect(JSON.stringify(audit)).not.toContain(office.password);
  });

  it("answers wrong password, unknown e-mail, deactivated account and no password alike, in similar time", async () => {
    const known = await createUser(database, { role: "coordinator", centre: "ETSII" });
    const inactive = await createUser(database, { role: "student", centre: "ETSII", active: false });
    const noPassword = await createUser(database, { role: "mentor" });
    await database.db
      .updateTable("users")
      .set({ password_hash: null })
      .where("id", "=", noPassword.userId)
      .execute();

    const attempts: [string, string][] = [
      [known.email, "wrong password, long enough"],
      ["nobody@upct.es", known.password],
      [inactive.email, inactive.password],
      [noPassword.email, noPassword.password],
    ];
    const bodies: unknown[] = [];
    const times: number[][] = attempts.map(() => []);
    for (let round = 0; round < 5; round++) {
      for (const [i, [email, password]] of attempts.entries()) {
        const started = performance.now();
        const response = await signInRaw(email, password);
        times[i]!.push(performance.now() - started);
        expect(response.status).toBe(401);
        expect(response.headers.getSetCookie()).toEqual([]);
        const body = (await response.json()) as { error: { requestId?: string } };
        delete body.error.requestId;
        bodies.push(body);
      }
    }
    for (const body of bodies) {
      expect(body).toEqual({ error: { code: "UNAUTHENTICATED", message: "wrong e-mail or password" } });
    }
    // Each costs one argon2id verification (without the decoy an unknown e-mail answers in a
    // fraction of the time): the medians stay close.
    const medians = times.map((t) => [...t].sort((a, b) => a - b)[2]!);
    const [wrong, ...others] = medians;
    for (const other of others) {
      expect(other / wrong!).toBeGreaterThan(0.4);
      expect(other / wrong!).toBeLessThan(2.5);
    }
    expect(
      await database.db
        .selectFrom("sessions")
        .selectAll()
        .where("user_id", "in", [known.userId, inactive.userId])
        .execute(),
    ).toEqual([]);
  });

  it(`limits sign-in to ${SIGN_IN_ATTEMPTS.max} attempts per address and e-mail in 15 minutes: then 429 RATE_LIMITED`, async () => {
    const target = await createUser(database, { role: "admin" });
    const bystander = await createUser(database, { role: "office" });
    for (let i = 0; i < SIGN_IN_ATTEMPTS.max; i++) {
      expect((await signInRaw(target.email, `guess number ${i} of many`)).status).toBe(401);
    }
    const limited = await signInRaw(target.email, target.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    // Also in another spelling of the same e-mail.
    expect((await signInRaw(target.email.toUpperCase(), target.password)).status).toBe(429);
    // Another e-mail from the same address is not held back.
    expect((await signInRaw(bystander.email, bystander.password)).status).toBe(200);
  });

  it("GET /api/auth/session: nulls for the public; the user and the session's CSRF token when signed in", async () => {
    const anonymous = await fetch(`${base}/api/auth/session`);
    expect(await anonymous.json()).toEqual({ user: null, csrfToken: null });

    const student = await createUser(database, { role: "student", centre: "ETSII", studentId: "S-100" });
    const session = await signIn(base, student);
    const { body } = await sessionOf(session.cookie);
    expect(body.user).toMatchObject({
      id: student.userId,
      role: "student",
      centre: "ETSII",
      studentId: "S-100",
    });
    expect(body.csrfToken).toBe(session.csrfToken);

    // The test helper signs in through app.inject too.
    const injected = await signIn(app, student);
    const viaInject = await app.inject({ url: "/api/auth/session", headers: { cookie: injected.cookie } });
    expect(viaInject.json()).toMatchObject({ user: { id: student.userId }, csrfToken: injected.csrfToken });
  });

  it("signs out after 2 hours without a request, and activity keeps the session", async () => {
    const session = await signIn(base, await createUser(database, { role: "office" }));
    clock.advance(SESSION_IDLE_MS - MINUTE);
    expect((await sessionOf(session.cookie)).body.user).not.toBeNull();
    clock.advance(SESSION_IDLE_MS - MINUTE);
    expect((await sessionOf(session.cookie)).body.user).not.toBeNull();
    clock.advance(SESSION_IDLE_MS);
    const { response, body } = await sessionOf(session.cookie);
    expect(body).toEqual({ user: null, csrfToken: null });
    // The browser is told to drop the dead cookie, and the row is gone.
    expect(response.headers.getSetCookie().join()).toMatch(
      /^mobilitas_session=; Max-Age=0;.*Expires=Thu, 01 Jan 1970/,
    );
    expect(await sessionRow(session)).toBeUndefined();
  });

  it("signs out 12 hours after signing in, however active", async () => {
    const session = await signIn(base, await createUser(database, { role: "office" }));
    for (let hour = 1; hour < 12; hour++) {
      clock.advance(HOUR);
      expect((await sessionOf(session.cookie)).body.user, `after ${hour} h`).not.toBeNull();
    }
    clock.advance(HOUR - 1000);
    expect((await sessionOf(session.cookie)).body.user).not.toBeNull();
    clock.advance(1000);
    expect((await sessionOf(session.cookie)).body.user).toBeNull();
  });

  it("writes last_seen_at at most once a minute", async () => {
    const session = await signIn(base, await createUser(database, { role: "office" }));
    const signedInAt = clock.now().getTime();
    clock.advance(30_000);
    await sessionOf(session.cookie);
    expect((await sessionRow(session))!.last_seen_at.getTime()).toBe(signedInAt);
    clock.advance(31_000);
    await sessionOf(session.cookie);
    expect((await sessionRow(session))!.last_seen_at.getTime()).toBe(signedInAt + 61_000);
  });

  it("signs out: 204, the cookie cleared, the session deleted and audited; the old cookie opens nothing", async () => {
    const office = await createUser(database, { role: "office" });
    const session = await signIn(base, office);
    const response = await client(base, session).post("/api/auth/sign-out");
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join()).toMatch(
      /^mobilitas_session=; Max-Age=0; Path=\/;.*HttpOnly; SameSite=Lax/,
    );
    expect(await sessionRow(session)).toBeUndefined();
    expect((await sessionOf(session.cookie)).body.user).toBeNull();
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("entity_id", "=", office.userId)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "session.created", actor_user_id: office.userId },
      { action: "session.ended", actor_user_id: office.userId },
    ]);
    // Signing out without a session is harmless.
    expect((await client(base).post("/api/auth/sign-out")).status).toBe(204);
  });

  it("treats the session of a deactivated user as the public, and deletes it", async () => {
    const coordinator = await createUser(database, { role: "coordinator", centre: "ETSIT" });
    const session = await signIn(base, coordinator);
    await database.db
      .updateTable("users")
      .set({ active: false })
      .where("id", "=", coordinator.userId)
      .execute();
    expect((await sessionOf(session.cookie)).body.user).toBeNull();
    expect(await sessionRow(session)).toBeUndefined();
  });

  it("replaces a session cookie sent along with a sign-in, so a planted session id is never kept", async () => {
    const office = await createUser(database, { role: "office" });
    const first = await signIn(base, office);
    const response = await signInRaw(office.email, office.password, {
      cookie: first.cookie,
      "x-csrf-token": first.csrfToken,
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).not.toContain(first.cookie);
    expect(await sessionRow(first)).toBeUndefined();
  });

  it("ignores a cookie that is not a session: garbage, or the CSRF token in its place", async () => {
    const session = await signIn(base, await createUser(database, { role: "office" }));
    for (const cookie of ["mobilitas_session=garbage", `mobilitas_session=${session.csrfToken}`]) {
      const { body } = await sessionOf(cookie);
      expect(body.user).toBeNull();
    }
  });

  describe("CSRF: a cookie-authenticated write needs the session's X-CSRF-Token", () => {
    let admin: TestSession;
    let otherSession: TestSession;
    let target: string;
    beforeAll(async () => {
      admin = await signIn(base, await createUser(database, { role: "admin" }));
      otherSession = await signIn(base, await createUser(database, { role: "admin" }));
      target = (await createUser(database, { role: "office" })).userId;
    });
    const patch = (headers: Record<string, string>) =>
      fetch(`${base}/api/users/${target}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", cookie: admin.cookie, ...headers },
        body: JSON.stringify({ displayName: "Changed" }),
      });

    it.each([
      ["missing", (): Record<string, string> => ({})],
      ["wrong", () => ({ "x-csrf-token": "A".repeat(43) })],
      ["empty", () => ({ "x-csrf-token": "" })],
      ["another session's", () => ({ "x-csrf-token": otherSession.csrfToken })],
      ["session cookie as", () => ({ "x-csrf-token": admin.cookie.slice("mobilitas_session=".length) })],
    ])("refuses a %s token with 403 CSRF_FAILED and changes nothing", async (_kind, headers) => {
      const response = await patch(headers());
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "CSRF_FAILED" } });
      const row = await database.db
        .selectFrom("users")
        .select("display_name")
        .where("id", "=", target)
        .executeTakeFirstOrThrow();
      expect(row.display_name).not.toBe("Changed");
    });

    it("accepts the session's own token", async () => {
      const response = await patch({ "x-csrf-token": admin.csrfToken });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ user: { displayName: "Changed" } });
    });

    it("guards sign-out too (no forced sign-out from another site), but not reads", async () => {
      const noToken = await fetch(`${base}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie: admin.cookie },
      });
      expect(noToken.status).toBe(403);
      expect(await noToken.json()).toMatchObject({ error: { code: "CSRF_FAILED" } });
      const read = await fetch(`${base}/api/users?limit=1`, { headers: { cookie: admin.cookie } });
      expect(read.status).toBe(200);
    });

    it("takes bodies only as JSON: text/plain and form posts, which a cross-site form can send, get 415", async () => {
      const user = await createUser(database, { role: "office" });
      for (const [type, body] of [
        ["text/plain", JSON.stringify({ email: user.email, password: user.password })],
        [
          "application/x-www-form-urlencoded",
          `email=${encodeURIComponent(user.email)}&password=${user.password}`,
        ],
      ] as const) {
        const response = await fetch(`${base}/api/auth/sign-in`, {
          method: "POST",
          headers: { "content-type": type },
          body,
        });
        expect(response.status).toBe(415);
        expect(await response.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
      }
    });
  });
});
