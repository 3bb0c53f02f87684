// The first start of the real server: with ADMIN_EMAIL/ADMIN_PASSWORD the administrator exists at
// once; without them the log carries a one-time setup token (and only then, and only once).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, signIn } from "../support/auth.ts";
import { createProcessDatabase, type ProcessDatabase, testDatabaseKind } from "../support/database.ts";
import { type RunningServer, startServer } from "../support/http.ts";

async function stop(server: RunningServer): Promise<void> {
  server.child.kill("SIGTERM");
  expect((await server.done).status).toBe(0);
}

/** Waits until the server has logged what it says after listening. */
async function settled(server: RunningServer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(server.logs.some((l) => l.level >= 50)).toBe(false);
}

describe(`the server's first start on ${testDatabaseKind}`, () => {
  let places: ProcessDatabase[] = [];
  beforeAll(() => {
    places = [];
  });
  afterAll(async () => {
    for (const place of places) await place.dispose();
  });
  const place = async () => {
    const created = await createProcessDatabase();
    places.push(created);
    return created;
  };

  it("logs a setup token when no administrator exists; the token creates one; the next start logs none", async () => {
    const { env } = await place();
    const first = await startServer({ ...env, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
    await settled(first);
    const notice = first.logs.find((l) => typeof l.setupUrl === "string");
    expect(notice?.msg).toMatch(
      /no administrator yet: open http:\/\/127\.0\.0\.1:\d+\/setup\?token=\S+ or POST \/api\/setup/,
    );
    const token = new URL(String(notice?.setupUrl)).searchParams.get("token")!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(first.logs).split(token).length - 1).toBe(2); // in the message and its setupUrl field, once

    const response = await client(first.url).post("/api/setup", {
      token,
      email: "sri@upct.es",
      displayName: "SRI",
      password: "a long enough password",
    });
    expect(response.status).toBe(201);
    expect(
      (await signIn(first.url, { email: "sri@upct.es", password: "a long enough password" })).user.role,
    ).toBe("admin");
    await stop(first);

    const second = await startServer({ ...env, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
    await settled(second);
    expect(second.logs.some((l) => /setup/i.test(l.msg))).toBe(false);
    await stop(second);
  });

  it("creates the administrator from ADMIN_EMAIL and ADMIN_PASSWORD, logging no password and no token", async () => {
    const { env } = await place();
    const server = await startServer({
      ...env,
      ADMIN_EMAIL: "jefa@upct.es",
      ADMIN_PASSWORD: "correct horse battery",
    });
    await settled(server);
    expect(server.logs.find((l) => /first administrator created/.test(l.msg))).toMatchObject({
      email: "jefa@upct.es",
    });
    expect(JSON.stringify(server.logs)).not.toMatch(/correct horse|setupUrl/);
    expect(
      (await signIn(server.url, { email: "jefa@upct.es", password: "correct horse battery" })).user.role,
    ).toBe("admin");
    await stop(server);
  });
});
