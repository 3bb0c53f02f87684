// Why an application or a choice is out (SPEC 5, 12.9-12.11, 13), one table row per rule, plus the
// maxChoices cut, substitutes per destination (12.6) and the language-course obligation (12.12).
import { describe, expect, it } from "vitest";
import type { Agreement, Application, Student } from "../../src/domain/dataset.ts";
import type { ChoiceReasonCode, ExclusionCode } from "../../src/domain/outcome.ts";
import {
  agreementOutcome,
  cert,
  choiceSummary,
  makeAgreement,
  makeApplication,
  makeCall,
  makeDataset,
  makeStudent,
  onlyResult,
  resultOf,
  run,
} from "./factories.ts";

/** The one application's exclusions, for a student and application changed from the defaults. */
function exclusionsFor(student: Partial<Student>, application: Partial<Application> = {}): ExclusionCode[] {
  const outcome = run(
    makeDataset({ students: [makeStudent(student)], applications: [makeApplication(application)] }),
  );
  return onlyResult(outcome).exclusions;
}

/** The reasons of the one choice of the default student for one agreement. */
function reasonsFor(agreement: Partial<Agreement>, student: Partial<Student> = {}): ChoiceReasonCode[] {
  const outcome = run(
    makeDataset({ agreements: [makeAgreement(agreement)], students: [makeStudent(student)] }),
  );
  const choice = onlyResult(outcome).choices[0];
  if (choice === undefined) throw new Error("no choice result");
  return choice.reasons;
}

describe("the default dataset", () => {
  it("awards the one eligible applicant (baseline for every row below)", () => {
    const r = onlyResult(run(makeDataset()));
    expect(r.status).toBe("awarded");
    expect(r.exclusions).toEqual([]);
    expect(r.rank).toBe(1);
    // 7 × 120/240 = 3.5, no language, no activity
    expect(r.score).toEqual({ weightedGrade: 3.5, language: 0, activities: 0, total: 3.5 });
    expect(r.choices).toEqual([{ agreementId: "AG-DE", eligible: true, reasons: [], total: 3.5 }]);
    expect(r.award).toEqual({
      agreementId: "AG-DE",
      choice: 1,
      months: 5,
      group: 2,
      monthlyEur: 250,
      fundedMonths: 5,
      grantEstimateEur: 1250,
    });
  });
});

describe("general exclusions (SPEC 5, 13)", () => {
  it("NOT_VALIDATED alone for a draft, whose choices are still checked", () => {
    const outcome = run(
      makeDataset({
        agreements: [
          makeAgreement(),
          makeAgreement({ id: "AG-CH", partner: { name: "ETH", country: "CH" } }),
        ],
        // a debtor from outside the programme countries: a draft still reports NOT_VALIDATED only
        students: [makeStudent({ hasDebts: true, nationality: "RU", enrolled: false })],
        applications: [makeApplication({ validatedAt: null, choices: ["AG-DE", "AG-CH"] })],
      }),
    );
    const r = onlyResult(outcome);
    expect(r.status).toBe("excluded");
    expect(r.exclusions).toEqual(["NOT_VALIDATED"]);
    expect(r.score).toBeNull();
    expect(r.rank).toBeNull();
    expect(r.award).toBeNull();
    expect(r.languageCourseRequired).toBe(false);
    expect(r.choices).toEqual([
      { agreementId: "AG-DE", eligible: true, reasons: [], total: null },
      { agreementId: "AG-CH", eligible: false, reasons: ["COUNTRY_NOT_IN_PROGRAMME"], total: null },
    ]);
    expect(agreementOutcome(outcome, "AG-DE")).toEqual({
      agreementId: "AG-DE",
      places: 1,
      awarded: [],
      substitutes: [],
    });
  });

  it("NOT_VALIDATED alone for a draft with no eligible choice (not NO_ELIGIBLE_CHOICE)", () => {
    expect(exclusionsFor({ previousErasmusMonths: 12 }, { validatedAt: null, choices: ["NOPE"] })).toEqual([
      "NOT_VALIDATED",
    ]);
    expect(exclusionsFor({}, { validatedAt: null, choices: [] })).toEqual(["NOT_VALIDATED"]);
  });

  // deadline 2018-05-07T14:00:00+02:00 = 12:00:00Z; "validations after this instant are late"
  it.each([
    ["2018-05-07T13:59:59+02:00", false],
    ["2018-05-07T14:00:00+02:00", false],
    ["2018-05-07T14:00:01+02:00", true],
    ["2018-05-07T11:59:59Z", false],
    ["2018-05-07T12:00:00Z", false],
    ["2018-05-07T12:00:01Z", true],
    ["2018-05-07T12:00:00+00:00", false],
    ["2018-05-07T13:00:00+00:00", true],
    ["2018-05-07T17:30:00+05:30", false],
    ["2018-05-07T17:30:01+05:30", true],
    ["2018-05-07T08:00:00-04:00", false],
    ["2018-05-07T08:00:01-04:00", true],
    ["2018-05-08T00:00:00+12:00", false],
    ["2018-05-07T12:00:00.001Z", true],
    ["2018-05-07T11:59:59.999Z", false],
    ["2018-05-06T23:59:59-12:00", false],
    ["2018-05-07T00:00:00-12:00", false],
    ["2018-05-07T00:00:01-12:00", true],
    ["2018-04-23T00:00:00+02:00", false],
    ["2018-05-08T14:00:00+02:00", true],
  ])("validated at %s: late = %s", (validatedAt, late) => {
    expect(exclusionsFor({}, { validatedAt })).toEqual(late ? ["LATE"] : []);
  });

  it("compares the deadline as an instant whatever offset the call writes it in", () => {
    const call = makeCall({ applicationDeadline: "2018-05-07T12:00:00Z" });
    const at = (validatedAt: string) =>
      onlyResult(run(makeDataset({ call, applications: [makeApplication({ validatedAt })] }))).exclusions;
    expect(at("2018-05-07T14:00:00+02:00")).toEqual([]);
    expect(at("2018-05-07T14:00:01+02:00")).toEqual(["LATE"]);
  });

  it("LATE is reported together with the other failed rules", () => {
    expect(exclusionsFor({ hasDebts: true }, { validatedAt: "2018-05-07T14:00:01+02:00" })).toEqual([
      "LATE",
      "DEBTS",
    ]);
  });

  it("UNKNOWN_STUDENT alone; its choices are listed not eligible with no reasons", () => {
    const outcome = run(
      makeDataset({
        agreements: [makeAgreement(), makeAgreement({ id: "AG-ZERO", places: 0 })],
        applications: [
          makeApplication({
            id: "A1",
            studentId: "S-NOBODY",
            choices: ["AG-DE", "NOPE", "AG-DE", "AG-ZERO"],
          }),
          makeApplication({ id: "A2", studentId: "S-DRAFT", validatedAt: null, choices: ["AG-DE"] }),
          makeApplication({ id: "A3", studentId: "S-LATE", validatedAt: "2018-05-09T10:00:00+02:00" }),
        ],
      }),
    );
    for (const id of ["A1", "A2", "A3"]) {
      const r = resultOf(outcome, id);
      expect(r.status).toBe("excluded");
      expect(r.exclusions).toEqual(["UNKNOWN_STUDENT"]);
      expect(r.score).toBeNull();
      expect(r.rank).toBeNull();
      expect(r.award).toBeNull();
      expect(r.languageCourseRequired).toBe(false);
    }
    expect(resultOf(outcome, "A1").studentId).toBe("S-NOBODY");
    expect(resultOf(outcome, "A1").choices).toEqual(
      ["AG-DE", "NOPE", "AG-DE", "AG-ZERO"].map((agreementId) => ({
        agreementId,
        eligible: false,
        reasons: [],
        total: null,
      })),
    );
    // the known student S1 has no application: nobody is awarded
    expect(agreementOutcome(outcome, "AG-DE").awarded).toEqual([]);
  });

  it.each<[string, Partial<Student>, ExclusionCode[]]>([
    ["not enrolled", { enrolled: false }, ["NOT_ENROLLED"]],
    ["a non-programme national without a residence permit", { nationality: "RU" }, ["NATIONALITY"]],
    ["a non-programme national with a residence permit", { nationality: "RU", residencePermit: true }, []],
    ["a Swiss national (Switzerland does not take part)", { nationality: "CH" }, ["NATIONALITY"]],
    ["a Turkish national (programme country)", { nationality: "TR" }, []],
    ["a Macedonian national (programme country)", { nationality: "MK" }, []],
    ["a British national", { nationality: "GB" }, []],
    ["a grado student in 1st year", { yearOfStudy: 1 }, ["YEAR_OF_STUDY"]],
    ["a grado student in 2nd year", { yearOfStudy: 2 }, []],
    ["a master student in 1st year", { cycle: "master", yearOfStudy: 1 }, []],
    ["a doctorado student in 1st year", { cycle: "doctorado", yearOfStudy: 1 }, []],
    [
      "a grado student with 59.9 % of 1st-year credits",
      { firstYearCreditsPct: 59.9 },
      ["FIRST_YEAR_CREDITS"],
    ],
    ["a grado student with exactly 60 %", { firstYearCreditsPct: 60 }, []],
    ["a master student with 10 % (rule is for grado)", { cycle: "master", firstYearCreditsPct: 10 }, []],
    ["a doctorado student with 0 %", { cycle: "doctorado", firstYearCreditsPct: 0 }, []],
    ["on another mobility programme", { inOtherMobilityProgramme: true }, ["OTHER_PROGRAMME"]],
    ["with pending debts", { hasDebts: true }, ["DEBTS"]],
    ["with 9 earlier months (3 left = the minimum)", { previousErasmusMonths: 9 }, []],
    [
      "with 9.5 earlier months (2.5 left)",
      { previousErasmusMonths: 9.5 },
      ["NO_MONTHS_LEFT", "NO_ELIGIBLE_CHOICE"],
    ],
    ["with 12 earlier months", { previousErasmusMonths: 12 }, ["NO_MONTHS_LEFT", "NO_ELIGIBLE_CHOICE"]],
    ["with 14 earlier months", { previousErasmusMonths: 14 }, ["NO_MONTHS_LEFT", "NO_ELIGIBLE_CHOICE"]],
  ])("%s", (_, student, expected) => {
    expect(exclusionsFor(student)).toEqual(expected);
  });

  it("YEAR_OF_STUDY and FIRST_YEAR_CREDITS follow the call's thresholds", () => {
    const call = makeCall({ eligibility: { minYearOfStudy: 3, minFirstYearCreditsPct: 75 } });
    const exclusions = (student: Partial<Student>) =>
      onlyResult(run(makeDataset({ call, students: [makeStudent(student)] }))).exclusions;
    expect(exclusions({ yearOfStudy: 2, firstYearCreditsPct: 74.9 })).toEqual([
      "YEAR_OF_STUDY",
      "FIRST_YEAR_CREDITS",
    ]);
    expect(exclusions({ yearOfStudy: 3, firstYearCreditsPct: 75 })).toEqual([]);
    expect(exclusions({ cycle: "master", yearOfStudy: 2, firstYearCreditsPct: 74.9 })).toEqual([]);
  });

  it("NO_MONTHS_LEFT uses the call's months per cycle and minimum duration", () => {
    const call = makeCall({
      eligibility: { maxMonthsPerCycle: 24 },
      duration: { minMonths: 2, maxMonths: 12 },
    });
    const exclusions = (previousErasmusMonths: number) =>
      onlyResult(run(makeDataset({ call, students: [makeStudent({ previousErasmusMonths })] }))).exclusions;
    expect(exclusions(12)).toEqual([]);
    expect(exclusions(22)).toEqual([]);
    expect(exclusions(22.5)).toEqual(["NO_MONTHS_LEFT", "NO_ELIGIBLE_CHOICE"]);
  });

  it("a student with no months left sees every choice as DURATION", () => {
    const r = onlyResult(run(makeDataset({ students: [makeStudent({ previousErasmusMonths: 10 })] })));
    expect(choiceSummary(r.choices)).toEqual([
      { agreementId: "AG-DE", eligible: false, reasons: ["DURATION"] },
    ]);
  });

  it("NO_ELIGIBLE_CHOICE when every choice fails, and for a validated application with no choices", () => {
    const outcome = run(
      makeDataset({
        agreements: [makeAgreement(), makeAgreement({ id: "AG-ZERO", places: 0 })],
        students: [makeStudent({ id: "S1" }), makeStudent({ id: "S2" })],
        applications: [
          makeApplication({ id: "A1", studentId: "S1", choices: ["AG-ZERO", "NOPE"] }),
          makeApplication({ id: "A2", studentId: "S2", choices: [] }),
        ],
      }),
    );
    const a1 = resultOf(outcome, "A1");
    expect(a1.exclusions).toEqual(["NO_ELIGIBLE_CHOICE"]);
    expect(a1.status).toBe("excluded");
    expect(choiceSummary(a1.choices)).toEqual([
      { agreementId: "AG-ZERO", eligible: false, reasons: ["NO_PLACES"] },
      { agreementId: "NOPE", eligible: false, reasons: ["UNKNOWN_AGREEMENT"] },
    ]);
    const a2 = resultOf(outcome, "A2");
    expect(a2.exclusions).toEqual(["NO_ELIGIBLE_CHOICE"]);
    expect(a2.choices).toEqual([]);
    expect(a2.score).toBeNull();
  });

  it("reports every failed rule, in the schema's order", () => {
    const outcome = run(
      makeDataset({
        agreements: [makeAgreement({ id: "AG-CH", partner: { name: "ETH", country: "CH" } })],
        students: [
          makeStudent({
            enrolled: false,
            nationality: "RU",
            yearOfStudy: 1,
            firstYearCreditsPct: 50,
            inOtherMobilityProgramme: true,
            hasDebts: true,
            previousErasmusMonths: 10,
          }),
        ],
        applications: [makeApplication({ validatedAt: "2018-05-08T09:00:00+02:00", choices: ["AG-CH"] })],
      }),
    );
    const r = onlyResult(outcome);
    expect(r.exclusions).toEqual([
      "LATE",
      "NOT_ENROLLED",
      "NATIONALITY",
      "YEAR_OF_STUDY",
      "FIRST_YEAR_CREDITS",
      "OTHER_PROGRAMME",
      "DEBTS",
      "NO_MONTHS_LEFT",
      "NO_ELIGIBLE_CHOICE",
    ]);
    expect(choiceSummary(r.choices)).toEqual([
      { agreementId: "AG-CH", eligible: false, reasons: ["COUNTRY_NOT_IN_PROGRAMME", "DURATION"] },
    ]);
  });

  it("an excluded application's choices are still checked, with no totals", () => {
    const outcome = run(
      makeDataset({
        agreements: [makeAgreement(), makeAgreement({ id: "AG-M", cycles: ["master"] })],
        students: [makeStudent({ hasDebts: true })],
        applications: [makeApplication({ choices: ["AG-DE", "AG-M"] })],
      }),
    );
    expect(onlyResult(outcome).choices).toEqual([
      { agreementId: "AG-DE", eligible: true, reasons: [], total: null },
      { agreementId: "AG-M", eligible: false, reasons: ["CYCLE"], total: null },
    ]);
    expect(agreementOutcome(outcome, "AG-DE").substitutes).toEqual([]);
  });
});

describe("choice reasons (SPEC 5, 12.9, 12.10, 13)", () => {
  it("UNKNOWN_AGREEMENT alone, every time the unknown id appears", () => {
    const r = onlyResult(
      run(makeDataset({ applications: [makeApplication({ choices: ["NOPE", "AG-DE", "NOPE"] })] })),
    );
    expect(choiceSummary(r.choices)).toEqual([
      { agreementId: "NOPE", eligible: false, reasons: ["UNKNOWN_AGREEMENT"] },
      { agreementId: "AG-DE", eligible: true, reasons: [] },
      { agreementId: "NOPE", eligible: false, reasons: ["UNKNOWN_AGREEMENT"] },
    ]);
    expect(r.status).toBe("awarded");
    expect(r.award?.choice).toBe(2);
  });

  it("DUPLICATE alone for a known id already listed, even when that agreement fails other rules", () => {
    const outcome = run(
      makeDataset({
        agreements: [makeAgreement(), makeAgreement({ id: "AG-BAD", centre: "ETSIT", places: 0 })],
        applications: [makeApplication({ choices: ["AG-BAD", "AG-DE", "AG-BAD", "AG-DE"] })],
      }),
    );
    const r = onlyResult(outcome);
    expect(choiceSummary(r.choices)).toEqual([
      { agreementId: "AG-BAD", eligible: false, reasons: ["WRONG_CENTRE", "NO_PLACES"] },
      { agreementId: "AG-DE", eligible: true, reasons: [] },
      { agreementId: "AG-BAD", eligible: false, reasons: ["DUPLICATE"] },
      { agreementId: "AG-DE", eligible: false, reasons: ["DUPLICATE"] },
    ]);
    expect(r.award?.agreementId).toBe("AG-DE");
    expect(r.award?.choice).toBe(2);
    expect(r.choices[3]?.total).toBeNull();
  });

  it.each<[string, Partial<Agreement>, Partial<Student>, ChoiceReasonCode[]]>([
    ["an agreement of another centre", { centre: "ETSIT" }, {}, ["WRONG_CENTRE"]],
    ["an agreement not covering grado", { cycles: ["master", "doctorado"] }, {}, ["CYCLE"]],
    ["an agreement not covering master", { cycles: ["grado"] }, { cycle: "master" }, ["CYCLE"]],
    ["an agreement covering doctorado", { cycles: ["doctorado"] }, { cycle: "doctorado" }, []],
    [
      "Switzerland in 2018/2019",
      { partner: { name: "ETH", country: "CH" } },
      {},
      ["COUNTRY_NOT_IN_PROGRAMME"],
    ],
    [
      "a country in no group (Morocco)",
      { partner: { name: "UM5", country: "MA" } },
      {},
      ["COUNTRY_NOT_IN_PROGRAMME"],
    ],
    ["the United Kingdom (group 1)", { partner: { name: "UCL", country: "GB" } }, {}, []],
    ["Turkey (group 3)", { partner: { name: "METU", country: "TR" } }, {}, []],
    ["no places", { places: 0 }, {}, ["NO_PLACES"]],
    ["2 months (below the 3-month minimum)", { months: 2 }, {}, ["DURATION"]],
    ["2.5 months", { months: 2.5 }, {}, ["DURATION"]],
    ["3 months (the minimum)", { months: 3 }, {}, []],
    ["12 months", { months: 12 }, {}, []],
    ["5 months for a student with 4 left", { months: 5 }, { previousErasmusMonths: 8 }, []],
    ["5 months for a student with 3.5 left", { months: 5 }, { previousErasmusMonths: 8.5 }, []],
  ])("%s", (_, agreement, student, expected) => {
    expect(reasonsFor(agreement, student)).toEqual(expected);
  });

  describe("LANGUAGE_REQUIRED: an official certificate demanded at application", () => {
    const demanding: Partial<Agreement> = {
      languageRequirement: {
        requiredAtApplication: true,
        options: [
          { language: "de", minLevel: "B1" },
          { language: "en", minLevel: "B2" },
        ],
      },
    };
    it.each<[string, Student["languageCertificates"], ChoiceReasonCode[]]>([
      ["no certificate", [], ["LANGUAGE_REQUIRED"]],
      ["English B1 (below B2)", [cert("en-cambridge-general", "en", { level: "B1" })], ["LANGUAGE_REQUIRED"]],
      ["English B2", [cert("en-cambridge-general", "en", { level: "B2" })], []],
      ["English C2", [cert("en-cambridge-general", "en", { level: "C2" })], []],
      ["German B1 from the level test", [cert("level-test", "de", { level: "B1" })], []],
      ["German A2", [cert("de-goethe", "de", { level: "A2" })], ["LANGUAGE_REQUIRED"]],
      [
        "English C1, not verified",
        [cert("en-cambridge-general", "en", { level: "C1", verified: false })],
        ["LANGUAGE_REQUIRED"],
      ],
      ["French C2 (not an option)", [cert("fr-delf-dalf", "fr", { level: "C2" })], ["LANGUAGE_REQUIRED"]],
      ["IELTS 5.5 (B2 by score)", [cert("en-ielts", "en", { result: 5.5 })], []],
      ["IELTS 5.0 (B1 by score)", [cert("en-ielts", "en", { result: 5 })], ["LANGUAGE_REQUIRED"]],
      [
        "an unknown certificate naming C2",
        [cert("xx-unknown", "en", { level: "C2" })],
        ["LANGUAGE_REQUIRED"],
      ],
    ])("%s", (_, languageCertificates, expected) => {
      expect(reasonsFor(demanding, { languageCertificates })).toEqual(expected);
    });

    it("does not apply when the partner does not demand the certificate at application", () => {
      const lenient: Partial<Agreement> = {
        languageRequirement: { requiredAtApplication: false, options: [{ language: "de", minLevel: "C1" }] },
      };
      expect(reasonsFor(lenient)).toEqual([]);
    });
  });

  it("reports every failed rule, in the schema's order", () => {
    expect(
      reasonsFor({
        centre: "ETSIT",
        cycles: ["master"],
        partner: { name: "ETH", country: "CH" },
        places: 0,
        months: 2,
        languageRequirement: { requiredAtApplication: true, options: [{ language: "de", minLevel: "B2" }] },
      }),
    ).toEqual([
      "WRONG_CENTRE",
      "CYCLE",
      "COUNTRY_NOT_IN_PROGRAMME",
      "NO_PLACES",
      "LANGUAGE_REQUIRED",
      "DURATION",
    ]);
  });

  it("DURATION follows the call's minimum: 2 months are enough when the call allows 2", () => {
    const call = makeCall({ kind: "traineeship", duration: { minMonths: 2, maxMonths: 12 } });
    const outcome = run(makeDataset({ call, agreements: [makeAgreement({ months: 2 })] }));
    expect(onlyResult(outcome).choices[0]?.reasons).toEqual([]);
    expect(onlyResult(outcome).award?.months).toBe(2);
  });
});

describe("maxChoices (SPEC 13: choices beyond it are dropped)", () => {
  const agreements = ["AG-1", "AG-2", "AG-3"].map((id) => makeAgreement({ id }));

  it("keeps only the first maxChoices choices, whatever they are", () => {
    const call = makeCall({ maxChoices: 2 });
    const r = onlyResult(
      run(
        makeDataset({
          call,
          agreements,
          applications: [makeApplication({ choices: ["NOPE", "AG-1", "AG-2", "AG-3", "NOPE"] })],
        }),
      ),
    );
    expect(choiceSummary(r.choices)).toEqual([
      { agreementId: "NOPE", eligible: false, reasons: ["UNKNOWN_AGREEMENT"] },
      { agreementId: "AG-1", eligible: true, reasons: [] },
    ]);
    expect(r.award?.agreementId).toBe("AG-1");
  });

  it("a dropped choice neither counts as eligible nor gets a place", () => {
    const call = makeCall({ maxChoices: 1 });
    const outcome = run(
      makeDataset({
        call,
        agreements: [...agreements, makeAgreement({ id: "AG-ZERO", places: 0 })],
        applications: [makeApplication({ choices: ["AG-ZERO", "AG-1"] })],
      }),
    );
    const r = onlyResult(outcome);
    expect(r.exclusions).toEqual(["NO_ELIGIBLE_CHOICE"]);
    expect(choiceSummary(r.choices)).toEqual([
      { agreementId: "AG-ZERO", eligible: false, reasons: ["NO_PLACES"] },
    ]);
    expect(agreementOutcome(outcome, "AG-1")).toEqual({
      agreementId: "AG-1",
      places: 1,
      awarded: [],
      substitutes: [],
    });
  });

  it("a repeat beyond the limit is not reported; without maxChoices nothing is dropped", () => {
    const twice = makeApplication({ choices: ["AG-1", "AG-2", "AG-1"] });
    const limited = onlyResult(
      run(makeDataset({ call: makeCall({ maxChoices: 2 }), agreements, applications: [twice] })),
    );
    expect(limited.choices.map((c) => c.agreementId)).toEqual(["AG-1", "AG-2"]);
    const unlimited = onlyResult(run(makeDataset({ agreements, applications: [twice] })));
    expect(choiceSummary(unlimited.choices)).toEqual([
      { agreementId: "AG-1", eligible: true, reasons: [] },
      { agreementId: "AG-2", eligible: true, reasons: [] },
      { agreementId: "AG-1", eligible: false, reasons: ["DUPLICATE"] },
    ]);
  });
});

describe("awarded and substitutes per destination (SPEC 7, 12.6)", () => {
  // weighted grade = grade (all credits passed); no language, no activities: total = grade
  const student = (id: string, averageGrade: number, extra: Partial<Student> = {}) =>
    makeStudent({ id, averageGrade, creditsPassed: 240, degreeCredits: 240, ...extra });
  const outcome = run(
    makeDataset({
      agreements: [
        makeAgreement({ id: "X", places: 1, cycles: ["grado"] }),
        makeAgreement({ id: "Y", places: 1, partner: { name: "Lund", country: "SE" } }),
        makeAgreement({ id: "Z", places: 2, partner: { name: "PW", country: "PL" }, months: 10 }),
      ],
      students: [
        student("SP", 9),
        student("SQ", 8),
        student("SR", 7),
        student("SS", 6),
        student("ST", 9.5, { hasDebts: true }),
        student("SU", 9.9, { cycle: "master" }),
      ],
      applications: [
        makeApplication({ id: "R", studentId: "SR", choices: ["Y", "X", "Z"] }),
        makeApplication({ id: "Q", studentId: "SQ", choices: ["X", "Y", "Z"] }),
        makeApplication({ id: "P", studentId: "SP", choices: ["X", "Y"] }),
        makeApplication({ id: "S", studentId: "SS", choices: ["X"] }),
        makeApplication({ id: "T", studentId: "ST", choices: ["X", "Y", "Z"] }),
        makeApplication({ id: "U", studentId: "SU", choices: ["X", "Z"] }),
      ],
    }),
  );
  // rank order U 9.9, P 9, Q 8, R 7, S 6 (T excluded). U cannot take X (CYCLE) and gets Z; P gets X;
  // Q finds X full and gets Y; R finds Y and X full and gets Z; S finds X full.

  it("awards each applicant the best choice still free in rank order", () => {
    const award = (id: string) => resultOf(outcome, id).award;
    expect(award("U")).toMatchObject({ agreementId: "Z", choice: 2 });
    expect(award("P")).toMatchObject({ agreementId: "X", choice: 1 });
    expect(award("Q")).toMatchObject({ agreementId: "Y", choice: 2 });
    expect(award("R")).toMatchObject({ agreementId: "Z", choice: 3 });
    expect(award("S")).toBeNull();
    expect(outcome.results.map((r) => [r.applicationId, r.status, r.rank])).toEqual([
      ["R", "awarded", 4],
      ["Q", "awarded", 3],
      ["P", "awarded", 2],
      ["S", "substitute", 5],
      ["T", "excluded", null],
      ["U", "awarded", 1],
    ]);
  });

  it("lists as substitutes those who chose it and got neither it nor anything they ranked above it", () => {
    expect(outcome.agreements).toEqual([
      { agreementId: "X", places: 1, awarded: ["P"], substitutes: ["Q", "R", "S"] },
      { agreementId: "Y", places: 1, awarded: ["Q"], substitutes: ["R"] },
      { agreementId: "Z", places: 2, awarded: ["U", "R"], substitutes: [] },
    ]);
  });
});

describe("languageCourseRequired (SPEC 5, 12.12)", () => {
  const course = (
    languageRequirement: Agreement["languageRequirement"],
    languageCertificates: Student["languageCertificates"],
  ) => {
    const agreement =
      languageRequirement === undefined ? makeAgreement() : makeAgreement({ languageRequirement });
    const r = onlyResult(
      run(makeDataset({ agreements: [agreement], students: [makeStudent({ languageCertificates })] })),
    );
    expect(r.status).toBe("awarded");
    return r.languageCourseRequired;
  };
  const italianB1 = { requiredAtApplication: false, options: [{ language: "it", minLevel: "B1" as const }] };
  const germanOrEnglish = {
    requiredAtApplication: false,
    options: [
      { language: "de", minLevel: "B2" as const },
      { language: "en", minLevel: "B1" as const },
    ],
  };

  it.each<[string, Agreement["languageRequirement"], Student["languageCertificates"], boolean]>([
    ["no language named by the destination", undefined, [], false],
    ["no certificate at all", italianB1, [], true],
    ["Italian B1 from the level test", italianB1, [cert("level-test", "it", { level: "B1" })], false],
    ["Italian C2 (above the minimum)", italianB1, [cert("it-celi", "it", { level: "C2" })], false],
    ["Italian A2 (below the minimum)", italianB1, [cert("it-celi", "it", { level: "A2" })], true],
    ["Italian B2 not verified", italianB1, [cert("it-celi", "it", { level: "B2", verified: false })], true],
    ["French C2 only", italianB1, [cert("fr-delf-dalf", "fr", { level: "C2" })], true],
    ["English B1 meets one of two options", germanOrEnglish, [cert("en-ielts", "en", { result: 4 })], false],
    ["German B1 meets neither option", germanOrEnglish, [cert("de-goethe", "de", { level: "B1" })], true],
  ])("%s: %s", (_, requirement, certificates, expected) => {
    expect(course(requirement, certificates)).toBe(expected);
  });

  it("is false for substitutes and excluded applicants even without the language", () => {
    const outcome = run(
      makeDataset({
        agreements: [makeAgreement({ languageRequirement: italianB1 })],
        students: [
          makeStudent({ id: "S1", averageGrade: 9 }),
          makeStudent({ id: "S2", averageGrade: 5 }),
          makeStudent({ id: "S3", hasDebts: true }),
        ],
        applications: [
          makeApplication({ id: "A1", studentId: "S1" }),
          makeApplication({ id: "A2", studentId: "S2" }),
          makeApplication({ id: "A3", studentId: "S3" }),
        ],
      }),
    );
    expect(outcome.results.map((r) => [r.status, r.languageCourseRequired])).toEqual([
      ["awarded", true],
      ["substitute", false],
      ["excluded", false],
    ]);
  });
});
