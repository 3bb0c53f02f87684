import { describe, expect, it } from "vitest";
import { scoreAndAward } from "../domain/engine.ts";
import { validateDataset } from "../schemas/validate-dataset.ts";
import { buildDemoUniversity, DEMO_CENTRES, DEMO_NOW } from "./university.ts";

describe("the demo university", () => {
  const demo = buildDemoUniversity();

  it("is a valid dataset of the size the demo promises", () => {
    const validation = validateDataset(demo.dataset);
    expect(validation.ok ? [] : validation.errors).toEqual([]);
    expect(demo.dataset.agreements.length).toBeGreaterThanOrEqual(90);
    expect(demo.dataset.students).toHaveLength(400);
    expect(new Set(demo.dataset.agreements.map((a) => a.centre))).toEqual(
      new Set(DEMO_CENTRES.map((c) => c.code)),
    );
  });

  it("is the same on every run", () => {
    expect(buildDemoUniversity()).toStrictEqual(demo);
  });

  it("has Swiss partners, which the engine refuses", () => {
    const outcome = scoreAndAward(demo.dataset);
    const swiss = new Set(demo.dataset.agreements.filter((a) => a.partner.country === "CH").map((a) => a.id));
    expect(swiss.size).toBeGreaterThan(0);
    const swissChoices = outcome.results.flatMap((r) => r.choices).filter((c) => swiss.has(c.agreementId));
    expect(swissChoices.length).toBeGreaterThan(0);
    for (const choice of swissChoices) expect(choice.reasons).toContain("COUNTRY_NOT_IN_PROGRAMME");
    expect(outcome.results.some((r) => r.status === "awarded")).toBe(true);
  });

  it("has validations only before the demo's now, and the demo student without an application", () => {
    const now = Date.parse(DEMO_NOW);
    for (const application of demo.dataset.applications) {
      if (application.validatedAt !== null) expect(Date.parse(application.validatedAt)).toBeLessThan(now);
    }
    expect(demo.dataset.applications.some((a) => a.studentId === "S0001")).toBe(false);
    expect(demo.dataset.applications.some((a) => a.validatedAt === null)).toBe(true);
  });

  it("lets the demo student apply: not excluded, with destinations open to them and others not", () => {
    const me = demo.dataset.students[0]!;
    const own = demo.dataset.agreements.filter((a) => a.centre === me.centre);
    const outcome = scoreAndAward({
      ...demo.dataset,
      applications: [
        {
          id: "TRY",
          studentId: me.id,
          validatedAt: "2018-05-02T10:00:00+02:00",
          choices: own.map((a) => a.id),
        },
      ],
    });
    const mine = outcome.results.find((r) => r.studentId === me.id)!;
    expect(mine.exclusions).toEqual([]);
    expect(mine.choices.some((c) => c.eligible)).toBe(true);
    expect(mine.choices.some((c) => !c.eligible)).toBe(true);
  });
});
