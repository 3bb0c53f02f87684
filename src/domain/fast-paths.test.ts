// The hot loops take safe-integer shortcuts where they can; each must agree with exact BigInt
// arithmetic on every input, including ones with many decimals, exponents or huge magnitudes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Student } from "./dataset.ts";
import {
  compareDecimal,
  decimal,
  pow10,
  roundRatioHalfUp,
  scaledInteger,
  smallDecimal,
  subtractDecimal,
} from "./decimal.ts";
import { readCallRules, shortOfMonths } from "./eligibility.ts";
import { creditShare, weightedGradeUnits } from "./scoring.ts";

const decimalNumber = fc.oneof(
  fc.integer({ min: 0, max: 400 }).map((n) => n / 10),
  fc.integer({ min: 0, max: 10_000 }).map((n) => n / 1000),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1e-7, 12.0000001, 2 ** 53 + 2, 1e21, 8.123, 0.1 + 0.2),
);

const student = (over: Partial<Student>): Student => ({
  id: "S",
  centre: "C",
  cycle: "grado",
  yearOfStudy: 3,
  averageGrade: 7,
  creditsPassed: 120,
  degreeCredits: 240,
  firstYearCreditsPct: 100,
  nationality: "ES",
  residencePermit: false,
  enrolled: true,
  hasDebts: false,
  inOtherMobilityProgramme: false,
  previousErasmusMonths: 0,
  languageCertificates: [],
  activities: [],
  ...over,
});

describe("fast paths agree with exact arithmetic", () => {
  it("smallDecimal and scaledInteger spell the same decimal as decimal()", () => {
    fc.assert(
      fc.property(decimalNumber, (x) => {
        const small = smallDecimal(x);
        if (small !== null)
          expect(compareDecimal({ units: BigInt(small.units), scale: small.scale }, decimal(x))).toBe(0);
        const scaled = scaledInteger(x, 6);
        if (scaled !== null) expect(compareDecimal({ units: BigInt(scaled), scale: 6 }, decimal(x))).toBe(0);
      }),
    );
  });

  it("shortOfMonths equals (max per cycle − previous months) < minimum, exactly", () => {
    fc.assert(
      fc.property(decimalNumber, decimalNumber, decimalNumber, (maxPerCycle, previous, min) => {
        const rules = readCallRules({
          id: "c",
          academicYear: "2018/2019",
          kind: "study",
          applicationDeadline: "2018-05-07T14:00:00+02:00",
          scoring: { languagePoints: {}, activityBonus: 0, languageScope: "best" },
          eligibility: {
            minYearOfStudy: 2,
            minFirstYearCreditsPct: 60,
            maxMonthsPerCycle: maxPerCycle,
            programmeCountries: [],
          },
          duration: { minMonths: min, maxMonths: 12 },
          funding: { maxFundedMonths: 7, groups: [] },
        });
        const exact =
          compareDecimal(subtractDecimal(decimal(maxPerCycle), decimal(previous)), decimal(min)) < 0;
        expect(shortOfMonths(rules, student({ previousErasmusMonths: previous }))).toBe(exact);
      }),
    );
  });

  it("weightedGradeUnits equals the BigInt rounding of averageGrade × min(passed / degree, 1)", () => {
    fc.assert(
      fc.property(decimalNumber, decimalNumber, decimalNumber, (grade, passed, degree) => {
        fc.pre(degree > 0);
        const s = student({ averageGrade: grade, creditsPassed: passed, degreeCredits: degree });
        const share = creditShare(s);
        const g = decimal(grade);
        const exact = Number(roundRatioHalfUp(g.units * share.numerator, pow10(g.scale) * share.denominator));
        expect(weightedGradeUnits(s, share)).toBe(exact);
      }),
    );
  });
});
