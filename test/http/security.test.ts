// Policies on every route, 401 for the public and 403 for a user without the right (on every route
// of the OpenAPI document, whoever wrote it), security headers, and the audit log: append-only in
// the database itself, readable by the office and administrators only.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { recordAudit } from "../../src/db/repositories/audit-log.ts";
import { type App, buildApp } from "../../src/http/app.ts";
import {
  ACTIONS,
  type Action,
  type Actor,
  can,
  PUBLIC,
  ROLES,
  type Role,
} from "../../src/policies/policies.ts";
import { type Client, client, signInAs } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";

interface Operation {
  method: string;
  path: string;
  policy: Action;
}

describe(`security on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-05-02T10:00:00+02:00");
  const as: Partial<Record<Role, Client>> = {};
  const roleActor = (role: Role): Actor => ({
    kind: "user",
    userId: "u",
    role,
    centre: role === "coordinator" || role === "student" ? "ETSII" : null,
    studentId: role === "student" || role === "incoming" ? "S-SEC" : null,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, base } = await listen({ database, clock }));
    for (const role of ROLES) {
      const centre = role === "coordinator" || role === "student" ? "ETSII" : undefined;
      as[role] = (await signInAs(base, database, { role, ...(centre ? { centre } : {}) })).api;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  describe("every /api route declares a policy", () => {
    it("refuses to add a route under /api without one, or with an action that does not exist", async () => {
      const bare = await buildApp({ database, clock });
      try {
        expect(() => bare.get("/api/unguarded", async () => ({}))).toThrow(
          /GET \/api\/unguarded declares no policy/,
        );
        expect(() =>
          bare.post("/api/typo", { config: { policy: "call:mange" as Action } }, async () => ({})),
        ).toThrow(/declares no policy.*got "call:mange"/);
        // Outside /api (the web app's files) no policy is needed.
        expect(() => bare.get("/index.html", async () => "ok")).not.toThrow();
      } finally {
        await bare.close();
      }
    });

    it("stops the app from starting when a plugin adds such a route", async () => {
      const bare = await buildApp({ database, clock });
      const starting = (async () => {
        await bare.register(
          async (scope) => {
            scope.delete("/things/:id", async () => ({}));
          },
          { prefix: "/api" },
        );
        await bare.ready();
      })();
      await expect(starting).rejects.toThrow(/DELETE \/api\/things\/:id declares no policy/);
      await bare.close().catch(() => {});
    });

    it("names each operation's policy in the OpenAPI document, and every one is a declared action", async () => {
      const operations = await documentedOperations();
      expect(operations.length).toBeGreaterThanOrEqual(9);
      for (const { method, path, policy } of operations) {
        expect(ACTIONS, `${method} ${path}`).toContain(policy);
      }
      expect(operations).toEqual(
        expect.arrayContaining([
          { method: "POST", path: "/api/auth/sign-in", policy: "session:use" },
          { method: "GET", path: "/api/users", policy: "user:manage" },
          { method: "GET", path: "/api/audit", policy: "audit:read" },
          { method: "GET", path: "/api/health", policy: "health:read" },
        ]),
      );
    });
  });

  async function documentedOperations(): Promise<Operation[]> {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { "x-policy"?: Action }>>;
    };
    return Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        policy: operation["x-policy"] as Action,
      })),
    );
  }

  const request = (api: Client, { method, path }: Operation) =>
    api.fetch(path.replaceAll(/\{[^}]+\}/g, "x"), {
      method,
      ...(["POST", "PUT", "PATCH"].includes(method) ? { body: {} } : {}),
    });

  it("answers the public 401 UNAUTHENTICATED on every route it may not use, before reading the body", async () => {
    let refused = 0;
    for (const operation of await documentedOperations()) {
      if (can(PUBLIC, operation.policy)) continue;
      const response = await request(client(base), operation);
      expect(response.status, `${operation.method} ${operation.path}`).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
      refused++;
    }
    expect(refused).toBeGreaterThanOrEqual(4);
  });

  it("answers a signed-in user 403 FORBIDDEN on every route their role may not use", async () => {
    let refused = 0;
    for (const operation of await documentedOperations()) {
      for (const role of ROLES) {
        if (can(roleActor(role), operation.policy)) continue;
        const response = await request(as[role]!, operation);
        expect(response.status, `${role} ${operation.method} ${operation.path}`).toBe(403);
        expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
        refused++;
      }
    }
    // users (3 routes) × 6 roles, audit × 5 roles, and whatever routes others add
    expect(refused).toBeGreaterThanOrEqual(3 * 6 + 5);
  });

  it("sends a strict Content-Security-Policy and the other security headers, on every answer", async () => {
    for (const path of ["/api/health", "/api/users", "/api/nowhere", "/index.html"]) {
      const response = await fetch(`${base}${path}`);
      const csp = response.headers.get("content-security-policy");
      expect(csp?.split(";").sort()).toEqual(
        [
          "base-uri 'self'",
          "connect-src 'self'",
          "default-src 'self'",
          "font-src 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "img-src 'self' data:",
          "object-src 'none'",
          "script-src 'self'",
          "script-src-attr 'none'",
          "style-src 'self'",
        ].sort(),
      );
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(response.headers.get("x-powered-by")).toBeNull();
      // No cross-origin reads of the API: no CORS headers at all.
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      if (path.startsWith("/api/")) expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  describe("the audit log", () => {
    it("refuses UPDATE and DELETE in the database itself", async () => {
      await recordAudit(database.db, clock.now(), {
        actor: { kind: "system" },
        action: "test.recorded",
        entityType: "test",
        entityId: "append-only",
      });
      await expect(
        sql`UPDATE audit_log SET action = 'rewritten' WHERE entity_id = 'append-only'`.execute(database.db),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql`DELETE FROM audit_log WHERE entity_id = 'append-only'`.execute(database.db),
      ).rejects.toThrow(/append-only/);
      const rows = await database.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", "append-only")
        .execute();
      expect(rows).toEqual([{ action: "test.recorded" }]);
    });

    it("is read by the office and administrators, newest first, a page at a time, filtered", async () => {
      for (let i = 1; i <= 5; i++) {
        await recordAudit(database.db, clock.now(), {
          actor: { kind: "cli" },
          action: "agreement.updated",
          entityType: "agreement",
          entityId: `A-${i}`,
          callId: i % 2 === 0 ? "2018-19-2" : "2018-19-1",
          before: { places: i },
          after: { places: i + 1 },
        });
      }
      for (const role of ["office", "admin"] as const) {
        const first = await as[role]!.get("/api/audit?entityType=agreement&limit=3");
        expect(first.status).toBe(200);
        const page1 = (await first.json()) as {
          items: { id: number; entityId: string }[];
          next: number | null;
        };
        expect(page1.items.map((r) => r.entityId)).toEqual(["A-5", "A-4", "A-3"]);
        expect(page1.next).toBe(page1.items[2]!.id);
        const page2 = (await (
          await as[role]!.get(`/api/audit?entityType=agreement&limit=3&before=${page1.next}`)
        ).json()) as typeof page1;
        expect(page2.items.map((r) => r.entityId)).toEqual(["A-2", "A-1"]);
        expect(page2.next).toBeNull();
      }
      const byCall = (await (await as.office!.get("/api/audit?callId=2018-19-2")).json()) as {
        items: { entityId: string; before: unknown; after: unknown; actor: { label: string } }[];
      };
      expect(byCall.items.map((r) => r.entityId)).toEqual(["A-4", "A-2"]);
      expect(byCall.items[0]).toMatchObject({
        before: { places: 4 },
        after: { places: 5 },
        actor: { label: "cli" },
      });
      const one = (await (await as.office!.get("/api/audit?entityType=agreement&entityId=A-3")).json()) as {
        items: unknown[];
      };
      expect(one.items).toHaveLength(1);
    });

    it("is refused to everyone else: 401 for the public, 403 for the other roles", async () => {
      expect((await client(base).get("/api/audit")).status).toBe(401);
      for (const role of ["student", "coordinator", "language-service", "mentor", "incoming"] as const) {
        const response = await as[role]!.get("/api/audit");
        expect(response.status, role).toBe(403);
      }
    });

    it("names a bad query parameter with 400", async () => {
      const response = await as.office!.get("/api/audit?limit=0&before=abc");
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { issues: { path: string }[] } };
      expect(body.error.issues.map((i) => i.path).sort()).toEqual([
        "querystring/before",
        "querystring/limit",
      ]);
    });
  });
});
