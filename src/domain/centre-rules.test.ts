import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { callForCentre, scoreAndAwardWithCentreRules } from "./centre-rules.ts";
import type { Dataset } from "./dataset.ts";
import { scoreAndAward } from "./engine.ts";

const load = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../examples/${name}.dataset.json`, import.meta.url), "utf8"),
  ) as Dataset;

describe("per-centre rules", () => {
  it("without rules, or with rules equal to the call's, gives exactly the engine's outcome", () => {
    for (const name of ["walkthrough", "random-best", "random-destination", "ties"]) {
      const dataset = load(name);
      const expected = scoreAndAward(dataset);
      expect(scoreAndAwardWithCentreRules(dataset, {})).toStrictEqual(expected);
      const centres = [...new Set(dataset.agreements.map((a) => a.centre))];
      const same = Object.fromEntries(centres.map((c) => [c, { eligibility: {}, scoring: {} }]));
      expect(scoreAndAwardWithCentreRules(dataset, same)).toStrictEqual(expected);
    }
  });

  it("applies a centre's own eligibility to its students only", () => {
    const dataset = load("walkthrough");
    // S3 (ETSII, 55 % of first-year credits) is out under the call's 60 %, in under ETSII's 50 %.
    const base = scoreAndAward(dataset);
    expect(base.results.find((r) => r.applicationId === "A3")?.exclusions).toEqual(["FIRST_YEAR_CREDITS"]);
    const outcome = scoreAndAwardWithCentreRules(dataset, {
      ETSII: { eligibility: { minFirstYearCreditsPct: 50 } },
    });
    const a3 = outcome.results.find((r) => r.applicationId === "A3");
    expect(a3?.exclusions).toEqual([]);
    expect(a3?.status).toBe("awarded");
    expect(outcome.agreements.find((a) => a.agreementId === "ETSII-PL-WARSZAW")?.awarded).toContain("A3");
    // ETSIT's late application is untouched.
    expect(outcome.results.find((r) => r.applicationId === "A5")).toStrictEqual(
      base.results.find((r) => r.applicationId === "A5"),
    );
    expect(outcome.results.map((r) => r.applicationId)).toEqual(dataset.applications.map((a) => a.id));
  });

  it("applies a centre's own scoring: ETSII counting only the destination's language", () => {
    const dataset = load("walkthrough");
    const outcome = scoreAndAwardWithCentreRules(dataset, {
      ETSII: { scoring: { languageScope: "destination" } },
    });
    // A1 holds English B2 only: it counts at Munich (de/en) but not at Turin (it) nor Warsaw (none).
    const a1 = outcome.results.find((r) => r.applicationId === "A1");
    expect(a1?.choices.map((c) => c.total)).toEqual([5.9375, 4.9375, 4.9375]);
  });

  it("merges settings field by field", () => {
    const call = load("walkthrough").call;
    const merged = callForCentre(call, { maxChoices: 3, duration: { minMonths: 4 } });
    expect(merged.maxChoices).toBe(3);
    expect(merged.duration).toEqual({ minMonths: 4, maxMonths: 12 });
    expect(merged.scoring).toEqual(call.scoring);
    expect(callForCentre(call, undefined)).toBe(call);
  });
});
