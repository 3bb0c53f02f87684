import { describe, expect, it } from "vitest";
import { canonicalJson, diffOutcomes, initialsOf, maskId } from "./lists.ts";
import type { ApplicationResult, Outcome } from "./outcome.ts";

describe("pseudonyms on published lists (SPEC 12.8)", () => {
  it.each([
    ["12345678Z", "***5678*"],
    ["S0042", "***S004*"],
    ["X1", "***X*"],
  ])("masks %s as %s", (id, masked) => expect(maskId(id)).toBe(masked));

  it.each([
    ["Ana María López Ruiz", "A. M. L. R."],
    ["  élodie   durand ", "É. D."],
    [undefined, ""],
  ])("gives the initials of %s", (name, initials) => expect(initialsOf(name)).toBe(initials));
});

describe("canonical JSON", () => {
  it("is the same text whatever the order of keys", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 1, z: 0 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});

const result = (over: Partial<ApplicationResult>): ApplicationResult => ({
  applicationId: "A1",
  studentId: "S1",
  status: "awarded",
  exclusions: [],
  score: { weightedGrade: 7, language: 1, activities: 0, total: 8 },
  rank: 1,
  award: null,
  choices: [{ agreementId: "AG1", eligible: true, reasons: [], total: 8 }],
  languageCourseRequired: false,
  ...over,
});
const outcome = (results: ApplicationResult[]): Outcome => ({
  formatVersion: 1,
  callId: "c",
  results,
  agreements: [],
});

describe("what changed between two runs", () => {
  it("names each change from → to, with the reasons on both sides", () => {
    const before = outcome([
      result({}),
      result({ applicationId: "A2", studentId: "S2", rank: 2 }),
      result({ applicationId: "A3", studentId: "S3", rank: 3 }),
    ]);
    const after = outcome([
      result({}),
      result({
        applicationId: "A2",
        studentId: "S2",
        status: "excluded",
        exclusions: ["DEBTS"],
        rank: null,
        score: null,
        choices: [{ agreementId: "AG1", eligible: false, reasons: ["NO_PLACES"], total: null }],
      }),
      result({ applicationId: "A3", studentId: "S3", rank: 2 }),
    ]);
    const changes = diffOutcomes(before, after);
    expect(changes.map((c) => c.applicationId)).toEqual(["A2", "A3"]);
    expect(changes[0]).toMatchObject({
      status: { from: "awarded", to: "excluded" },
      rank: { from: 2, to: null },
      exclusions: { from: [], to: ["DEBTS"] },
      total: { from: 8, to: null },
      why: { to: { exclusions: ["DEBTS"], choices: [{ reasons: ["NO_PLACES"] }] } },
    });
    expect(changes[1]).toEqual(expect.objectContaining({ rank: { from: 3, to: 2 } }));
    expect(changes[1]!.status).toBeUndefined();
  });

  it("reports applications present in one run only", () => {
    const changes = diffOutcomes(outcome([]), outcome([result({})]));
    expect(changes).toEqual([
      expect.objectContaining({ applicationId: "A1", status: { from: null, to: "awarded" } }),
    ]);
    expect(diffOutcomes(outcome([result({})]), outcome([result({})]))).toEqual([]);
  });
});
