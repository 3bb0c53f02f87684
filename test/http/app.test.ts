// The HTTP application over a real socket: health, OpenAPI, security headers, and the one error
// handler (malformed JSON → 400, oversized → 413, schema errors name the field, 5xx leak nothing).
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { TestClock } from "../../src/clock.ts";
import { readMigrations } from "../../src/db/migrate.ts";
import { AppError } from "../../src/errors.ts";
import { type App, buildApp } from "../../src/http/app.ts";
import { errorResponses } from "../../src/http/errors.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";

const BODY_LIMIT = 4096;

describe(`the HTTP app on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-05-02T10:00:00+02:00");

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp({ database, clock }, { bodyLimit: BODY_LIMIT });
    // Routes that exist only here, to reach the error handler from every side (public, like health).
    app.post(
      "/api/test/echo",
      {
        config: { policy: "health:read" },
        schema: {
          body: z.object({ name: z.string().min(1), places: z.int().nonnegative() }),
          response: { 200: z.object({ name: z.string() }), ...errorResponses },
        },
      },
      async (request) => ({ name: request.body.name }),
    );
    app.get("/api/test/crash", { config: { policy: "health:read" } }, async () => {
      throw new Error("password=hunter2 at /srv/secret.ts:12");
    });
    app.get("/api/test/conflict", { config: { policy: "health:read" } }, async () => {
      throw new AppError("CONFLICT", "call X is already stored");
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const post = (path: string, body: string, type = "application/json") =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": type }, body });

  it("GET /api/health tells the database kind, migration level and clock", async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: testDatabaseKind,
      migration: readMigrations().length,
      time: "2018-05-02T08:00:00.000Z",
    });
  });

  it("sends security headers", async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("GET /api/openapi.json documents every route with its schemas", async () => {
    const response = await fetch(`${base}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/openapi.json"]));
    const health = doc.paths["/api/health"]?.get;
    expect(health?.responses).toHaveProperty("200");
    expect(JSON.stringify(health?.responses["200"])).toContain("migration");
    expect(doc.paths["/api/test/echo"]?.post?.requestBody).toBeDefined();
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const response = await post("/api/test/echo", '{"name": "a",');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: "MALFORMED_REQUEST" } });
  });

  it("answers a body over the limit with 413", async () => {
    const response = await post(
      "/api/test/echo",
      JSON.stringify({ name: "x".repeat(BODY_LIMIT), places: 1 }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("names every field that breaks the schema", async () => {
    const response = await post("/api/test/echo", JSON.stringify({ name: "", places: -1 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(["body/name", "body/places"]);
  });

  it("answers an unsupported content type with 415", async () => {
    const response = await post("/api/test/echo", "name=a", "application/x-www-form-urlencoded");
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("answers an unknown route with 404 NOT_FOUND", async () => {
    const response = await fetch(`${base}/api/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("maps an AppError's code to its status", async () => {
    const response = await fetch(`${base}/api/test/conflict`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      error: { code: "CONFLICT", message: "call X is already stored" },
    });
  });

  it("answers an unexpected failure with 500 INTERNAL and leaks none of its details", async () => {
    const response = await fetch(`${base}/api/test/crash`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL", message: "internal error", requestId: expect.any(String) },
    });
    expect(text).not.toMatch(/hunter2|secret|\.ts/);
  });
});
