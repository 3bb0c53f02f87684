// GET /api/language-certificates: Annex II for the upload form, public, as codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";

interface Family {
  id: string;
  name: string;
  languages: string[];
  anyLanguage: boolean;
  grading: string;
  levels: string[];
  components: string[];
}

describe(`Annex II over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, base } = await listen({ database, clock: new TestClock("2018-05-02T10:00:00+02:00") }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("lists every family with its languages, grading and levels, without signing in", async () => {
    const response = await fetch(`${base}/api/language-certificates`);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Family[] };
    expect(items.length).toBeGreaterThan(40);
    expect(new Set(items.map((f) => f.id)).size).toBe(items.length);
    expect(items.find((f) => f.id === "en-cambridge-general")).toMatchObject({
      languages: ["en"],
      anyLanguage: false,
      grading: "named-levels",
      levels: ["A2", "B1", "B2", "C1", "C2"],
      components: [],
    });
    expect(items.find((f) => f.id === "en-ielts")).toMatchObject({ grading: "score-ranges" });
    expect(items.find((f) => f.id === "en-toeic")).toMatchObject({
      grading: "components",
      components: ["listening", "reading", "speaking", "writing"],
    });
    const acles = items.find((f) => f.id === "any-certacles");
    expect(acles?.anyLanguage).toBe(true);
    expect(acles?.languages).toContain("de");
    // The university's own level test is recorded by the language service, never uploaded.
    expect(items.some((f) => f.id === "level-test")).toBe(false);
  });

  it("refuses an unknown query parameter with a code", async () => {
    const response = await fetch(`${base}/api/language-certificates?x=1`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
  });
});
