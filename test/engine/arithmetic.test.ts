// Exact decimal arithmetic (SPEC 12.3, 13): rounding half up to 4 decimals, capped credit shares,
// totals from rounded parts, awarded months and grant estimates without binary floating-point
// artefacts; and the exact comparisons of the tie-break chain (SPEC 12.4).
import { describe, expect, it } from "vitest";
import type { Agreement, Application, Call, Student } from "../../src/domain/dataset.ts";
import type { Award, Score } from "../../src/domain/outcome.ts";
import {
  cert,
  makeAgreement,
  makeApplication,
  makeCall,
  makeDataset,
  makeStudent,
  onlyResult,
  resultOf,
  run,
} from "./factories.ts";

function scoreOf(student: Partial<Student>, call: Call = makeCall()): Score {
  const score = onlyResult(run(makeDataset({ call, students: [makeStudent(student)] }))).score;
  if (score === null) throw new Error("the application was excluded");
  return score;
}

function awardOf(
  agreement: Partial<Agreement>,
  student: Partial<Student> = {},
  call: Call = makeCall(),
): Award {
  const outcome = run(
    makeDataset({ call, agreements: [makeAgreement(agreement)], students: [makeStudent(student)] }),
  );
  const award = onlyResult(outcome).award;
  if (award === null) throw new Error(`not awarded: ${JSON.stringify(onlyResult(outcome))}`);
  return award;
}

describe("weighted grade = averageGrade × min(creditsPassed / degreeCredits, 1), half up to 4 decimals", () => {
  it.each<[number, number, number, number]>([
    // grade, credits passed, degree credits, expected
    [8.123, 180, 240, 6.0923], // 6.09225: half up (binary floating point gives 6.092249999…)
    [1.001, 60, 240, 0.2503], // 0.25025
    [1.111, 108, 240, 0.5], // 0.49995
    [0.003, 12, 240, 0.0002], // 0.00015
    [6.67, 180, 240, 5.0025], // exactly 4 decimals (floating point gives 5.00249999…)
    [2.345, 120, 240, 1.1725],
    [9.999, 30, 240, 1.2499], // 1.249875
    [4.321, 3, 240, 0.054], // 0.0540125
    [7.5, 100.5, 240, 3.1406], // 3.140625
    [8.123, 180.5, 240, 6.1092], // 6.109172916…
    [7, 100, 300, 2.3333],
    [1, 200, 300, 0.6667],
    [8.123, 100, 300, 2.7077],
    [3.003, 99.9, 300, 1], // 0.999999
    [0.3, 100, 300, 0.1],
    [10, 240, 240, 10],
    [7.5, 0, 240, 0],
    [0, 240, 240, 0],
    [9.999, 60, 60, 9.999],
  ])("%s × %s/%s = %s", (averageGrade, creditsPassed, degreeCredits, expected) => {
    expect(scoreOf({ averageGrade, creditsPassed, degreeCredits }).weightedGrade).toBe(expected);
  });

  it.each<[number, number, number, number]>([
    [4, 250.5, 240, 4],
    [4, 260, 240, 4],
    [8.123, 480, 240, 8.123],
    [7.777, 90.5, 90, 7.777],
  ])(
    "credits passed above the degree's count as 1: %s × min(%s/%s, 1) = %s",
    (averageGrade, creditsPassed, degreeCredits, expected) => {
      expect(scoreOf({ averageGrade, creditsPassed, degreeCredits }).weightedGrade).toBe(expected);
    },
  );
});

describe("language and activity points, and the total from rounded parts", () => {
  const call = (languagePoints: Call["scoring"]["languagePoints"], activityBonus: number) =>
    makeCall({ scoring: { languagePoints, activityBonus, languageScope: "best" } });
  const withC1AndEvent: Partial<Student> = {
    averageGrade: 8.123,
    creditsPassed: 180,
    degreeCredits: 240,
    languageCertificates: [cert("level-test", "en", { level: "C1" })],
    activities: [{ kind: "international-event", verified: true }],
  };

  it("rounds each part, then adds the rounded parts", () => {
    // 6.09225 → 6.0923; 0.33335 → 0.3334; 0.12345 → 0.1235; 6.0923 + 0.3334 + 0.1235 = 6.5492
    // (rounding the unrounded sum 6.54905 would give 6.5491)
    expect(scoreOf(withC1AndEvent, call({ C1: 0.33335 }, 0.12345))).toEqual({
      weightedGrade: 6.0923,
      language: 0.3334,
      activities: 0.1235,
      total: 6.5492,
    });
  });

  it.each<[number, number]>([
    [1.23456789, 1.2346],
    [0.99999, 1],
    [0.00005, 0.0001],
    [0.00004999, 0],
    [2.5, 2.5],
    [0.1, 0.1],
  ])("language points %s count as %s", (points, expected) => {
    expect(scoreOf(withC1AndEvent, call({ C1: points }, 0)).language).toBe(expected);
  });

  it.each<[number, number]>([
    [0.33335, 0.3334],
    [0.99995, 1],
    [0.1, 0.1],
    [0, 0],
  ])("an activity bonus of %s counts as %s", (bonus, expected) => {
    expect(scoreOf(withC1AndEvent, call({ C1: 1.25 }, bonus)).activities).toBe(expected);
  });

  it("totals without floating-point artefacts", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point
    const student: Partial<Student> = { ...withC1AndEvent, averageGrade: 0.4, creditsPassed: 60 };
    expect(scoreOf(student, call({ C1: 0.2 }, 0)).total).toBe(0.3);
    // 3.5 + 0.2 + 0.25 = 3.95; 6.0923 + 0.3334 + 0.1235 = 6.5492
    expect(scoreOf({ ...withC1AndEvent, averageGrade: 7 }, call({ C1: 0.2 }, 0.25))).toEqual({
      weightedGrade: 5.25,
      language: 0.2,
      activities: 0.25,
      total: 5.7,
    });
    expect(
      scoreOf({ ...withC1AndEvent, averageGrade: 7, creditsPassed: 120 }, call({ C1: 0.2 }, 0.25)).total,
    ).toBe(3.95);
  });

  it("gives the activity bonus once, for verified events or verified mentoring with a positive evaluation", () => {
    const bonus = (activities: Student["activities"]) => scoreOf({ activities }).activities;
    expect(bonus([])).toBe(0);
    expect(bonus([{ kind: "international-event", verified: true }])).toBe(0.25);
    expect(
      bonus([
        { kind: "international-event", verified: true },
        { kind: "mentor-programme", positiveEvaluation: true, verified: true },
        { kind: "international-event", verified: true },
      ]),
    ).toBe(0.25);
    expect(bonus([{ kind: "international-event", verified: false }])).toBe(0);
    // positiveEvaluation matters for the mentor programme only
    expect(bonus([{ kind: "international-event", positiveEvaluation: false, verified: true }])).toBe(0.25);
    expect(bonus([{ kind: "mentor-programme", positiveEvaluation: true, verified: true }])).toBe(0.25);
    expect(bonus([{ kind: "mentor-programme", positiveEvaluation: false, verified: true }])).toBe(0);
    expect(bonus([{ kind: "mentor-programme", verified: true }])).toBe(0);
    expect(bonus([{ kind: "mentor-programme", positiveEvaluation: true, verified: false }])).toBe(0);
  });
});

describe("grants 2018/2019 (SPEC 8, 12.7): rate of the partner's group × min(months, 7)", () => {
  it.each<[string, number, number, number, number, number]>([
    // country, agreement months, group, rate, funded months, estimate
    ["GB", 10, 1, 300, 7, 2100],
    ["SE", 4, 1, 300, 4, 1200],
    ["NO", 9, 1, 300, 7, 2100],
    ["DE", 5, 2, 250, 5, 1250],
    ["IT", 9, 2, 250, 7, 1750],
    ["GR", 6, 2, 250, 6, 1500],
    ["PL", 10, 3, 200, 7, 1400],
    ["MK", 3, 3, 200, 3, 600],
    ["TR", 12, 3, 200, 7, 1400],
  ])(
    "%s, %s months: group %s at %s €/month, %s funded months, %s €",
    (country, months, group, rate, funded, estimate) => {
      expect(awardOf({ partner: { name: "Partner", country }, months })).toEqual({
        agreementId: "AG-DE",
        choice: 1,
        months,
        group,
        monthlyEur: rate,
        fundedMonths: funded,
        grantEstimateEur: estimate,
      });
    },
  );

  it("Switzerland is not in the programme in 2018/2019", () => {
    const r = onlyResult(
      run(makeDataset({ agreements: [makeAgreement({ partner: { name: "ETH", country: "CH" } })] })),
    );
    expect(r.choices[0]?.reasons).toEqual(["COUNTRY_NOT_IN_PROGRAMME"]);
    expect(r.exclusions).toEqual(["NO_ELIGIBLE_CHOICE"]);
    expect(r.award).toBeNull();
  });
});

describe("other call settings: rates, groups, funded months", () => {
  const callWith = (groups: Call["funding"]["groups"], maxFundedMonths = 7) =>
    makeCall({ funding: { maxFundedMonths, groups } });

  it("4.5 months × 212.35 € = 955.575 € exactly", () => {
    const call = callWith([{ group: 1, monthlyEur: 212.35, countries: ["DE"] }]);
    expect(awardOf({ months: 4.5 }, {}, call)).toMatchObject({
      months: 4.5,
      group: 1,
      monthlyEur: 212.35,
      fundedMonths: 4.5,
      grantEstimateEur: 955.575,
    });
  });

  it.each<[number, number, number]>([
    [0.1, 3, 0.3],
    [1.1, 3, 3.3],
    [33.33, 3, 99.99],
    [0.07, 7, 0.49],
    [199.99, 7, 1399.93],
  ])("%s €/month × %s months = %s €", (monthlyEur, months, estimate) => {
    const call = callWith([{ group: 9, monthlyEur, countries: ["DE"] }]);
    expect(awardOf({ months }, {}, call).grantEstimateEur).toBe(estimate);
  });

  it("funds at most the call's maxFundedMonths, which may be fractional", () => {
    const groups = [{ group: 2, monthlyEur: 250, countries: ["DE"] }];
    expect(awardOf({ months: 9 }, {}, callWith(groups, 4.5))).toMatchObject({
      months: 9,
      fundedMonths: 4.5,
      grantEstimateEur: 1125,
    });
    expect(awardOf({ months: 12 }, {}, callWith(groups, 12))).toMatchObject({
      months: 12,
      fundedMonths: 12,
      grantEstimateEur: 3000,
    });
    expect(awardOf({ months: 3 }, {}, callWith(groups, 0))).toMatchObject({
      fundedMonths: 0,
      grantEstimateEur: 0,
    });
  });

  it("takes the first group that lists the country", () => {
    const call = callWith([
      { group: 5, monthlyEur: 100, countries: ["DE"] },
      { group: 6, monthlyEur: 999, countries: ["IT", "DE"] },
    ]);
    expect(awardOf({}, {}, call)).toMatchObject({ group: 5, monthlyEur: 100, grantEstimateEur: 500 });
    expect(awardOf({ partner: { name: "PoliTo", country: "IT" } }, {}, call)).toMatchObject({
      group: 6,
      monthlyEur: 999,
      grantEstimateEur: 4995,
    });
  });

  it("a country in none of the call's groups is not in the programme", () => {
    const call = callWith([{ group: 1, monthlyEur: 300, countries: ["GB"] }]);
    const r = onlyResult(run(makeDataset({ call })));
    expect(r.choices[0]?.reasons).toEqual(["COUNTRY_NOT_IN_PROGRAMME"]);
  });
});

describe("awarded months = min(agreement months, months left in the cycle, call maximum) (SPEC 12.5)", () => {
  it.each<[string, Partial<Agreement>, Partial<Student>, Partial<Call["duration"]>, number, number, number]>([
    // case, agreement, student, call duration, months, funded months, estimate (DE, 250 €)
    ["the agreement's months", { months: 10 }, {}, {}, 10, 7, 1750],
    ["reduced to the months left", { months: 10 }, { previousErasmusMonths: 5 }, {}, 7, 7, 1750],
    ["half months left", { months: 10 }, { previousErasmusMonths: 4.5 }, {}, 7.5, 7, 1750],
    ["fractional months left", { months: 9 }, { previousErasmusMonths: 6.5 }, {}, 5.5, 5.5, 1375],
    ["12 − 8.7 = 3.3 exactly", { months: 9 }, { previousErasmusMonths: 8.7 }, {}, 3.3, 3.3, 825],
    ["12 − 8.9 = 3.1 exactly", { months: 9 }, { previousErasmusMonths: 8.9 }, {}, 3.1, 3.1, 775],
    ["reduced to the call's maximum", { months: 12 }, {}, { maxMonths: 9 }, 9, 7, 1750],
    ["fractional agreement months", { months: 5.5 }, {}, {}, 5.5, 5.5, 1375],
    ["exactly the minimum left", { months: 10 }, { previousErasmusMonths: 9 }, {}, 3, 3, 750],
  ])("%s", (_, agreement, student, duration, months, fundedMonths, grantEstimateEur) => {
    const call = makeCall({ duration: { minMonths: 3, maxMonths: 12, ...duration } });
    expect(awardOf(agreement, student, call)).toMatchObject({ months, fundedMonths, grantEstimateEur });
  });

  it("uses the call's months per cycle", () => {
    const call = makeCall({ eligibility: { maxMonthsPerCycle: 24 } });
    expect(awardOf({ months: 12 }, { previousErasmusMonths: 14 }, call)).toMatchObject({ months: 10 });
    expect(awardOf({ months: 12 }, { previousErasmusMonths: 10 }, call)).toMatchObject({ months: 12 });
  });
});

describe("the tie-break chain compares exactly (SPEC 12.4, 13)", () => {
  /** Two or more applicants for one place; returns [applicationId, rank, status] in input order. */
  function contest(
    entries: { student: Partial<Student>; application: Partial<Application> }[],
    call: Call = makeCall(),
    agreements: Agreement[] = [makeAgreement()],
  ) {
    const outcome = run(
      makeDataset({
        call,
        agreements,
        students: entries.map((e, i) => makeStudent({ id: `S${i}`, ...e.student })),
        applications: entries.map((e, i) =>
          makeApplication({ id: `A${i}`, studentId: `S${i}`, ...e.application }),
        ),
      }),
    );
    return outcome;
  }
  const EARLY = "2018-04-24T09:00:00+02:00";
  const LATER = "2018-05-02T10:00:00+02:00";
  const ranks = (outcome: ReturnType<typeof contest>) =>
    outcome.results.map((r) => [r.applicationId, r.rank, r.status]);

  it("equal totals: the higher weighted grade first", () => {
    // A0: 4 + 1.25 = 5.25 (earlier, smaller id); A1: 4.25 + 1 = 5.25
    const outcome = contest([
      {
        student: { averageGrade: 8, languageCertificates: [cert("level-test", "en", { level: "C1" })] },
        application: { validatedAt: EARLY },
      },
      {
        student: { averageGrade: 8.5, languageCertificates: [cert("level-test", "en", { level: "B2" })] },
        application: { validatedAt: LATER },
      },
    ]);
    expect(ranks(outcome)).toEqual([
      ["A0", 2, "substitute"],
      ["A1", 1, "awarded"],
    ]);
  });

  it("equal totals and grades: the higher language points first", () => {
    // A0: 4 + 1 + 0.25 = 5.25; A1: 4 + 1.25 = 5.25
    const outcome = contest([
      {
        student: {
          averageGrade: 8,
          languageCertificates: [cert("level-test", "en", { level: "B2" })],
          activities: [{ kind: "international-event", verified: true }],
        },
        application: { validatedAt: EARLY },
      },
      {
        student: { averageGrade: 8, languageCertificates: [cert("level-test", "de", { level: "C1" })] },
        application: { validatedAt: LATER },
      },
    ]);
    expect(ranks(outcome)).toEqual([
      ["A0", 2, "substitute"],
      ["A1", 1, "awarded"],
    ]);
  });

  it("then the higher share of credits passed", () => {
    // A0: 8 × 120/240 = 4 (share 0.5); A1: 5 × 192/240 = 4 (share 0.8)
    const outcome = contest([
      { student: { averageGrade: 8, creditsPassed: 120 }, application: { validatedAt: EARLY } },
      { student: { averageGrade: 5, creditsPassed: 192 }, application: { validatedAt: LATER } },
    ]);
    expect(ranks(outcome)).toEqual([
      ["A0", 2, "substitute"],
      ["A1", 1, "awarded"],
    ]);
  });

  it("the share is exact, not rounded: 1/3 beats 0.3333", () => {
    // both weighted grades round to 0.1: 0.3 × 100/300 = 0.1 and 0.3 × 333.3/1000 = 0.09999
    const outcome = contest([
      {
        student: { averageGrade: 0.3, creditsPassed: 333.3, degreeCredits: 1000 },
        application: { validatedAt: EARLY },
      },
      {
        student: { averageGrade: 0.3, creditsPassed: 100, degreeCredits: 300 },
        application: { validatedAt: LATER },
      },
    ]);
    expect(outcome.results.map((r) => r.score?.weightedGrade)).toEqual([0.1, 0.1]);
    expect(ranks(outcome)).toEqual([
      ["A0", 2, "substitute"],
      ["A1", 1, "awarded"],
    ]);
  });

  it("the share is capped at 1: more credits than the degree's do not break a tie", () => {
    const outcome = contest([
      { student: { averageGrade: 8, creditsPassed: 260 }, application: { validatedAt: LATER } },
      { student: { averageGrade: 8, creditsPassed: 240 }, application: { validatedAt: EARLY } },
    ]);
    expect(ranks(outcome)).toEqual([
      ["A0", 2, "substitute"],
      ["A1", 1, "awarded"],
    ]);
  });

  it("then the earlier validation, compared as instants", () => {
    // 10:00+02:00 is 08:00Z, before 09:00Z, although "…T09:00:00Z" sorts first as text
    const outcome = contest([
      { student: {}, application: { validatedAt: "2018-05-02T09:00:00Z" } },
      { student: {}, application: { validatedAt: "2018-05-02T10:00:00+02:00" } },
    ]);
    expect(ranks(outcome)).toEqual([
      ["A0", 2, "substitute"],
      ["A1", 1, "awarded"],
    ]);
  });

  it("then the application id in JavaScript's default string order (UTF-16 code units)", () => {
    // the same instant written twice. By UTF-16 code unit: "B1" < "a1" < "z1" < "é1" (not locale
    // order), and U+1F600 (surrogates D83D DE00) < U+FF5E, although not by code point.
    const ids = ["é1", "z1", "\uFF5E", "a1", "\u{1F600}", "B1"];
    const outcome = run(
      makeDataset({
        agreements: [makeAgreement({ places: 1 })],
        students: ids.map((_, i) => makeStudent({ id: `S${i}` })),
        applications: ids.map((id, i) =>
          makeApplication({
            id,
            studentId: `S${i}`,
            validatedAt: i % 2 === 0 ? "2018-05-02T10:00:00+02:00" : "2018-05-02T08:00:00Z",
          }),
        ),
      }),
    );
    expect(outcome.results.map((r) => [r.applicationId, r.rank])).toEqual([
      ["é1", 4],
      ["z1", 3],
      ["\uFF5E", 6],
      ["a1", 2],
      ["\u{1F600}", 5],
      ["B1", 1],
    ]);
    expect(resultOf(outcome, "B1").status).toBe("awarded");
    expect(outcome.agreements[0]?.substitutes).toEqual(["a1", "z1", "é1", "\u{1F600}", "\uFF5E"]);
  });

  it("with languageScope destination, a destination breaks ties with its own language points", () => {
    // points B1 0.25, B2 0.5, C2 1.5; D names German only.
    // A0 at D: 4 + de B2 0.5 = 4.5; A1 at D: 4 + de B1 0.25 + activity 0.25 = 4.5, equal grades;
    // D prefers A0 (German 0.5 > 0.25), although A1 ranks first in the centre (en C2: 5.75 > 4.5),
    // validated earlier and has the smaller id.
    const call = makeCall({
      scoring: {
        languagePoints: { B1: 0.25, B2: 0.5, C2: 1.5 },
        activityBonus: 0.25,
        languageScope: "destination",
      },
    });
    const d = makeAgreement({
      id: "D",
      languageRequirement: { requiredAtApplication: false, options: [{ language: "de", minLevel: "B1" }] },
    });
    const outcome = run(
      makeDataset({
        call,
        agreements: [d],
        students: [
          makeStudent({
            id: "SX",
            averageGrade: 8,
            languageCertificates: [cert("level-test", "de", { level: "B2" })],
          }),
          makeStudent({
            id: "SY",
            averageGrade: 8,
            languageCertificates: [
              cert("level-test", "de", { level: "B1" }),
              cert("level-test", "en", { level: "C2" }),
            ],
            activities: [{ kind: "international-event", verified: true }],
          }),
        ],
        applications: [
          makeApplication({ id: "B", studentId: "SX", choices: ["D"], validatedAt: LATER }),
          makeApplication({ id: "A", studentId: "SY", choices: ["D"], validatedAt: EARLY }),
        ],
      }),
    );
    expect(
      outcome.results.map((r) => [r.applicationId, r.score?.total, r.choices[0]?.total, r.rank, r.status]),
    ).toEqual([
      ["B", 4.5, 4.5, 2, "awarded"],
      ["A", 5.75, 4.5, 1, "substitute"],
    ]);
    expect(outcome.agreements).toEqual([{ agreementId: "D", places: 1, awarded: ["B"], substitutes: ["A"] }]);
  });
});
