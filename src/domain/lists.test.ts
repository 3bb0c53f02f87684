import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, diffOutcomes, initialsOf, maskId, maskIds } from "./lists.ts";
import type { ApplicationResult, Outcome } from "./outcome.ts";

describe("pseudonyms on published lists (SPEC 12.8)", () => {
  // The AEPD's rule for a national id (positions 4–7 of a DNI, 5–8 of a NIE); other ids show about
  // half, at most 4, ending before the last character; the mask keeps the length.
  it.each([
    ["12345678Z", "***4567**"],
    ["X1234567L", "****4567*"],
    ["AB1234567", "****3456*"],
    ["S0042", "**04*"],
    ["X1", "X*"],
  ])("masks %s as %s", (id, masked) => expect(maskId(id)).toBe(masked));

  const row = (studentId: string, initials = "A. B.") => ({ studentId, initials });

  it("shows more of the ids of two students who would look alike, never the check letter", () => {
    const masks = maskIds([row("12345678Z"), row("92345678A"), row("55555555K")]);
    expect(masks.get("12345678Z")).toBe("1234567**");
    expect(masks.get("92345678A")).toBe("9234567**");
    expect(masks.get("55555555K")).toBe("***5555**");
    // Different initials tell them apart already: nothing more is shown.
    const apart = maskIds([row("12345678Z", "A. B."), row("92345678A", "C. D.")]);
    expect(apart.get("12345678Z")).toBe("***4567**");
  });

  it("numbers, in the list's order, ids that still look alike with all but the last character shown", () => {
    const masks = maskIds([row("S0043"), row("S0042")]);
    expect([masks.get("S0043"), masks.get("S0042")]).toEqual(["S004*#1", "S004*#2"]);
  });

  it("never gives two rows of a list the same look (random DNIs, some sharing initials)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom("A. B.", "C. D.")), {
          minLength: 2,
          maxLength: 300,
          selector: ([n]) => n,
        }),
        (drawn) => {
          const rows = drawn.map(([n, initials]) => {
            const digits = String(n).padStart(8, "0");
            return row(`${digits}${"TRWAGMYFPDXBNJZSQVHLCKE"[n % 23]}`, initials);
          });
          const masks = maskIds(rows);
          const looks = rows.map((r) => `${masks.get(r.studentId)} ${r.initials}`);
          expect(new Set(looks).size).toBe(rows.length);
          for (const r of rows) {
            const masked = masks.get(r.studentId)!;
            expect(masked.endsWith("*")).toBe(true); // the check letter stays hidden
            expect(masked).not.toContain("#"); // digits always tell two DNIs apart
          }
        },
      ),
      { numRuns: 50 },
    );
  });

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
