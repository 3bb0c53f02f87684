// The OpenAPI document is the contract a client (and the web front end) is written against: every
// operation names its policy, declares its success response with a schema, its parameters and, for
// a write with a JSON body, that body's schema, and the error responses share one shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { listen } from "../support/http.ts";

interface Operation {
  "x-policy"?: string;
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

// Writes that take no body at all (the URL says everything), and the one file upload, a streamed
// multipart body whose parts its description lists (a JSON schema cannot describe the stream).
const BODYLESS = new Set([
  "POST /api/auth/sign-out",
  "POST /api/calls/{callId}/students/{studentId}/application/validation",
  "POST /api/calls/{callId}/students/{studentId}/documents",
  "DELETE /api/calls/{callId}/agreements/{agreementId}",
  "DELETE /api/calls/{callId}/centre-rules/{centre}",
]);

describe("the OpenAPI document", () => {
  let database: TestDatabase;
  let app: App;
  let document: OpenApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    let base: string;
    ({ app, base } = await listen({ database, clock: new TestClock("2018-05-02T10:00:00+02:00") }));
    const response = await fetch(`${base}/api/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApi;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        path,
        method,
        operation,
      })),
    );

  it("is OpenAPI 3 and lists the API", () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(operations().length).toBeGreaterThan(30);
  });

  it("names a policy on every operation", () => {
    const missing = operations()
      .filter((o) => !o.operation["x-policy"])
      .map((o) => o.key);
    expect(missing).toEqual([]);
  });

  it("declares a success response with a schema on every operation", () => {
    const missing = operations()
      .filter(({ operation }) => {
        const success = Object.entries(operation.responses ?? {}).filter(([status]) =>
          /^2\d\d$/.test(status),
        );
        return !success.some(
          ([status, r]) => status === "204" || Object.values(r.content ?? {}).some((c) => c.schema),
        );
      })
      .map((o) => o.key);
    expect(missing).toEqual([]);
  });

  it("declares the common error shape for 4xx answers", () => {
    const missing = operations()
      .filter(
        ({ operation }) => !Object.keys(operation.responses ?? {}).some((status) => /^4\d\d$/.test(status)),
      )
      .map((o) => o.key);
    expect(missing).toEqual([]);
  });

  it("declares every path parameter", () => {
    const missing = operations().flatMap(({ key, path, operation }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1]!)
        .filter((name) => !(operation.parameters ?? []).some((p) => p.in === "path" && p.name === name))
        .map((name) => `${key}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("declares the request body of every write that takes one", () => {
    const missing = operations()
      .filter(({ key, method, operation }) => {
        if (!["post", "put", "patch"].includes(method) || BODYLESS.has(key)) return false;
        return !Object.values(operation.requestBody?.content ?? {}).some((c) => c.schema);
      })
      .map((o) => o.key);
    expect(missing).toEqual([]);
  });
});
