// The engine keeps its state in flat typed arrays and builds the outcome one result at a time
// (src/domain/engine.ts); `simulate` streams that outcome (src/domain/outcome-json.ts). These check
// what that design adds: the streamed text is scoreAndAward's, shared lists and choice objects are
// frozen or never mixed up, and the exact paths of the credit-share and sub-millisecond tie-breaks.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/domain/dataset.ts";
import { runEngine, scoreAndAward } from "../../src/domain/engine.ts";
import { FirstIndex } from "../../src/domain/flat.ts";
import { outcomeJsonPieces } from "../../src/domain/outcome-json.ts";
import { CROWDED, datasetArb, VARIED } from "./arbitraries.ts";
import {
  agreementOutcome,
  makeAgreement,
  makeApplication,
  makeCall,
  makeDataset,
  makeStudent,
  ON_TIME,
  resultOf,
} from "./factories.ts";

const EXAMPLES = new URL("../../examples/", import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith(".dataset.json"))
  .map((file) => JSON.parse(readFileSync(new URL(file, EXAMPLES), "utf8")) as Dataset);

const streamed = (dataset: Dataset): string => [...outcomeJsonPieces(runEngine(dataset))].join("");

describe("the streamed outcome", () => {
  it("is exactly JSON.stringify(scoreAndAward) on the shared examples", () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const dataset of examples) expect(streamed(dataset)).toBe(JSON.stringify(scoreAndAward(dataset)));
  });

  it("is exactly JSON.stringify(scoreAndAward) on random datasets", () => {
    fc.assert(
      fc.property(fc.oneof(datasetArb(VARIED), datasetArb(CROWDED)), (dataset) => {
        expect(streamed(dataset)).toBe(JSON.stringify(scoreAndAward(dataset)));
      }),
      { numRuns: 150 },
    );
  });

  it("builds each result afresh: asking twice gives equal, separate results", () => {
    const run = runEngine(examples[0]!);
    for (let i = 0; i < run.count; i++) {
      const a = run.result(i);
      const b = run.result(i);
      expect(a).not.toBe(b);
      expect(a).toStrictEqual(b);
    }
  });
});

describe("shared parts of the outcome", () => {
  const agreements = [
    makeAgreement({ id: "AG-1", places: 1 }),
    makeAgreement({ id: "AG-2", places: 0 }),
    makeAgreement({ id: "AG-3", centre: "OTHER" }),
  ];
  const students = [
    makeStudent({ id: "S1" }),
    makeStudent({ id: "S2", hasDebts: true }),
    makeStudent({ id: "S3", hasDebts: true }),
  ];
  const applications = [
    makeApplication({ id: "A1", studentId: "S1", choices: ["AG-2", "AG-3", "AG-1", "AG-9"] }),
    makeApplication({ id: "A2", studentId: "S2", choices: ["AG-2", "AG-3", "AG-1", "AG-2"] }),
    makeApplication({ id: "A3", studentId: "S3", choices: ["AG-3", "AG-2", "AG-1"] }),
    makeApplication({ id: "A4", studentId: "nobody", choices: ["AG-2", "AG-3"] }),
  ];
  const outcome = scoreAndAward(makeDataset({ agreements, students, applications }));

  it("keeps each choice's own agreement, reasons and total", () => {
    const summary = (id: string) =>
      resultOf(outcome, id).choices.map((c) => [c.agreementId, c.eligible, c.reasons, c.total]);
    expect(summary("A1")).toEqual([
      ["AG-2", false, ["NO_PLACES"], null],
      ["AG-3", false, ["WRONG_CENTRE"], null],
      ["AG-1", true, [], 3.5],
      ["AG-9", false, ["UNKNOWN_AGREEMENT"], null],
    ]);
    expect(summary("A2")).toEqual([
      ["AG-2", false, ["NO_PLACES"], null],
      ["AG-3", false, ["WRONG_CENTRE"], null],
      ["AG-1", true, [], null],
      ["AG-2", false, ["DUPLICATE"], null],
    ]);
    expect(summary("A3")).toEqual([
      ["AG-3", false, ["WRONG_CENTRE"], null],
      ["AG-2", false, ["NO_PLACES"], null],
      ["AG-1", true, [], null],
    ]);
    expect(summary("A4")).toEqual([
      ["AG-2", false, [], null],
      ["AG-3", false, [], null],
    ]);
    expect(resultOf(outcome, "A2").exclusions).toEqual(["DEBTS"]);
    expect(resultOf(outcome, "A4").exclusions).toEqual(["UNKNOWN_STUDENT"]);
  });

  it("freezes the shared lists, so no reader can change another result through them", () => {
    const a2 = resultOf(outcome, "A2");
    expect(Object.isFrozen(a2.exclusions)).toBe(true);
    expect(Object.isFrozen(a2.choices[0]!.reasons)).toBe(true);
    expect(Object.isFrozen(resultOf(outcome, "A1").exclusions)).toBe(true);
    expect(() => (a2.exclusions as string[]).push("LATE")).toThrow(TypeError);
    expect(resultOf(outcome, "A3").exclusions).toEqual(["DEBTS"]);
  });
});

describe("exact tie-breaks on the flat state", () => {
  /** Two applicants equal in everything the ranking looks at before the credits share. */
  const pair = (
    first: Partial<Parameters<typeof makeStudent>[0]>,
    second: typeof first,
    validated = [ON_TIME, ON_TIME],
  ) =>
    makeDataset({
      agreements: [makeAgreement({ places: 1 })],
      students: [makeStudent({ id: "S1", ...first }), makeStudent({ id: "S2", ...second })],
      applications: [
        makeApplication({ id: "A1", studentId: "S1", validatedAt: validated[0]! }),
        makeApplication({ id: "A2", studentId: "S2", validatedAt: validated[1]! }),
      ],
    });

  it("compares a share whose fraction is beyond safe integers exactly (0.3333333333333333 < 1/3)", () => {
    // 3333333333333333 / 10^16: the denominator is no safe integer, so the double shortcut cannot decide.
    const outcome = scoreAndAward(
      pair({ creditsPassed: 0.3333333333333333, degreeCredits: 1 }, { creditsPassed: 1, degreeCredits: 3 }),
    );
    expect(resultOf(outcome, "A1").score).toEqual(resultOf(outcome, "A2").score);
    expect(agreementOutcome(outcome, "AG-DE").awarded).toEqual(["A2"]);
    expect(resultOf(outcome, "A2").rank).toBe(1);
    expect(resultOf(outcome, "A1").rank).toBe(2);
  });

  it("treats equal fractions spelt differently as a tie, then goes on to the validation time", () => {
    const outcome = scoreAndAward(
      pair({ creditsPassed: 120, degreeCredits: 240 }, { creditsPassed: 60.5, degreeCredits: 121 }, [
        "2018-05-02T10:00:00.0001Z",
        "2018-05-02T10:00:00.00005Z",
      ]),
    );
    // Same share (1/2), same millisecond: 0.00005 s is before 0.0001 s.
    expect(agreementOutcome(outcome, "AG-DE").awarded).toEqual(["A2"]);
    expect(agreementOutcome(outcome, "AG-DE").substitutes).toEqual(["A1"]);
  });
});

describe("finding each application's student", () => {
  // The engine first tries the student listed after the last one found (students usually come in
  // the applications' order), and trusts that guess only when student ids are unique.
  it("takes the first student of a repeated id, even where the guess would find a later one", () => {
    // A1 → S2 (index 1), so A2's guess is index 2: a second "S1" (hasDebts). The first S1 is meant.
    const outcome = scoreAndAward(
      makeDataset({
        students: [
          makeStudent({ id: "S1" }),
          makeStudent({ id: "S2" }),
          makeStudent({ id: "S1", hasDebts: true }),
        ],
        applications: [
          makeApplication({ id: "A1", studentId: "S2" }),
          makeApplication({ id: "A2", studentId: "S1" }),
        ],
      }),
    );
    expect(resultOf(outcome, "A2").exclusions).toEqual([]);
    expect(resultOf(outcome, "A2").status).not.toBe("excluded");
  });

  it("finds students listed in any order, and misses none after an unknown one", () => {
    const students = ["S1", "S2", "S3", "S4"].map((id, k) =>
      makeStudent({ id, averageGrade: 5 + k, creditsPassed: 240, degreeCredits: 240, hasDebts: id === "S3" }),
    );
    const applications = ["S4", "nobody", "S1", "S2", "S3"].map((studentId, k) =>
      makeApplication({ id: `A${k}`, studentId }),
    );
    const outcome = scoreAndAward(makeDataset({ students, applications }));
    expect(outcome.results.map((r) => r.exclusions)).toEqual([[], ["UNKNOWN_STUDENT"], [], [], ["DEBTS"]]);
    expect(outcome.results.map((r) => r.score?.weightedGrade ?? null)).toEqual([8, null, 5, 6, null]);
  });
});

describe("FirstIndex (ids to the index of their first record)", () => {
  it("agrees with a Map on random ids, repeated ones and ids not listed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 50 }),
        (ids, others) => {
          const records = ids.map((id) => ({ id }));
          const reference = new Map<string, number>();
          ids.forEach((id, i) => {
            if (!reference.has(id)) reference.set(id, i);
          });
          const index = new FirstIndex(records);
          expect(index.unique).toBe(reference.size === ids.length);
          for (const id of [...ids, ...others]) expect(index.get(id)).toBe(reference.get(id) ?? -1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("applications with more choices than a record holds (28)", () => {
  // Beyond 28 counted choices the per-application records keep none and the award reads the slots.
  it.each(["best", "destination"] as const)(
    "awards down 30 choices and lists the substitutes (%s)",
    (scope) => {
      const agreements = Array.from({ length: 30 }, (_, k) => makeAgreement({ id: `AG-${k}`, places: 1 }));
      const choices = agreements.map((a) => a.id);
      const students = [9, 8, 7].map((grade, k) => makeStudent({ id: `S${k + 1}`, averageGrade: grade }));
      const applications = students.map((s, k) =>
        makeApplication({
          id: `A${k + 1}`,
          studentId: s.id,
          choices: k === 2 ? [...choices].reverse() : choices,
        }),
      );
      const call = makeCall({ scoring: { languageScope: scope } });
      const outcome = scoreAndAward(makeDataset({ call, agreements, students, applications }));
      expect(outcome.results.map((r) => [r.rank, r.award?.agreementId, r.award?.choice])).toEqual([
        [1, "AG-0", 1],
        [2, "AG-1", 2],
        [3, "AG-29", 1],
      ]);
      expect(agreementOutcome(outcome, "AG-0")).toMatchObject({ awarded: ["A1"], substitutes: ["A2"] });
      expect(agreementOutcome(outcome, "AG-1")).toMatchObject({ awarded: ["A2"], substitutes: [] });
      expect(agreementOutcome(outcome, "AG-29")).toMatchObject({ awarded: ["A3"], substitutes: [] });
    },
  );
});
