// Who may take part, and which destinations each may choose (Bases §2, SPEC 5, 12.9–12.11, 13).

import type { Agreement, Application, Call, Student } from "./dataset.ts";
import { compareDecimal, type Decimal, decimal, minDecimal, subtractDecimal } from "./decimal.ts";
import { compareInstants, type Instant, parseInstant } from "./instant.ts";
import type { LevelIndex } from "./language-certificates.ts";
import { levelIndex } from "./language-certificates.ts";
import type { ChoiceReasonCode, ExclusionCode } from "./outcome.ts";

/** What the rules need to know of a call, read once. */
export interface CallRules {
  call: Call;
  deadline: Instant;
  programmeCountries: ReadonlySet<string>;
  /** Country → its funding group (the first group that lists it). */
  fundingGroupOf: ReadonlyMap<string, { group: number; monthlyEur: number }>;
  minMonths: Decimal;
  maxMonths: Decimal;
  maxMonthsPerCycle: Decimal;
}

export function readCallRules(call: Call): CallRules {
  const fundingGroupOf = new Map<string, { group: number; monthlyEur: number }>();
  for (const g of call.funding.groups) {
    for (const country of g.countries) {
      if (!fundingGroupOf.has(country))
        fundingGroupOf.set(country, { group: g.group, monthlyEur: g.monthlyEur });
    }
  }
  return {
    call,
    deadline: parseInstant(call.applicationDeadline),
    programmeCountries: new Set(call.eligibility.programmeCountries),
    fundingGroupOf,
    minMonths: decimal(call.duration.minMonths),
    maxMonths: decimal(call.duration.maxMonths),
    maxMonthsPerCycle: decimal(call.eligibility.maxMonthsPerCycle),
  };
}

/** SPEC 12.9: months left in the cycle = the call's maximum per cycle − earlier Erasmus months. */
export function monthsLeft(rules: CallRules, student: Student): Decimal {
  return subtractDecimal(rules.maxMonthsPerCycle, decimal(student.previousErasmusMonths));
}

/** SPEC 12.5: the agreement's months, reduced to the months left and to the call's maximum. */
export function awardedMonths(rules: CallRules, agreement: Agreement, left: Decimal): Decimal {
  return minDecimal(decimal(agreement.months), left, rules.maxMonths);
}

/**
 * Exclusions of a known student's application, every one that applies, in the outcome's order
 * (NO_ELIGIBLE_CHOICE is decided once the choices are known). A draft reports NOT_VALIDATED alone.
 */
export function generalExclusions(
  rules: CallRules,
  student: Student,
  validatedAt: Instant | null,
  left: Decimal,
): ExclusionCode[] {
  if (validatedAt === null) return ["NOT_VALIDATED"];
  const { eligibility } = rules.call;
  const codes: ExclusionCode[] = [];
  if (compareInstants(validatedAt, rules.deadline) > 0) codes.push("LATE");
  if (!student.enrolled) codes.push("NOT_ENROLLED");
  if (!rules.programmeCountries.has(student.nationality) && !student.residencePermit)
    codes.push("NATIONALITY");
  // Bases §2a: grado students need the 2nd year and 60 % of the first-year credits.
  if (student.cycle === "grado" && student.yearOfStudy < eligibility.minYearOfStudy)
    codes.push("YEAR_OF_STUDY");
  if (student.cycle === "grado" && student.firstYearCreditsPct < eligibility.minFirstYearCreditsPct) {
    codes.push("FIRST_YEAR_CREDITS");
  }
  if (student.inOtherMobilityProgramme) codes.push("OTHER_PROGRAMME");
  if (student.hasDebts) codes.push("DEBTS");
  if (compareDecimal(left, rules.minMonths) < 0) codes.push("NO_MONTHS_LEFT");
  return codes;
}

/** The student's best verified level per language (from `studentLevels`). */
export type LevelsByLanguage = ReadonlyMap<string, LevelIndex>;

/** Whether the student accredits one of the agreement's language options at its minimum level. */
export function meetsLanguageRequirement(agreement: Agreement, levels: LevelsByLanguage): boolean {
  const options = agreement.languageRequirement?.options ?? [];
  return options.some((option) => {
    const held = levels.get(option.language);
    return held !== undefined && held >= levelIndex(option.minLevel);
  });
}

/** Why a known student may not take a known, first-listed agreement: every reason that applies. */
export function choiceReasons(
  rules: CallRules,
  student: Student,
  agreement: Agreement,
  levels: LevelsByLanguage,
  left: Decimal,
): ChoiceReasonCode[] {
  const reasons: ChoiceReasonCode[] = [];
  if (agreement.centre !== student.centre) reasons.push("WRONG_CENTRE");
  if (!agreement.cycles.includes(student.cycle)) reasons.push("CYCLE");
  if (!rules.fundingGroupOf.has(agreement.partner.country)) reasons.push("COUNTRY_NOT_IN_PROGRAMME");
  if (agreement.places <= 0) reasons.push("NO_PLACES");
  if (agreement.languageRequirement?.requiredAtApplication && !meetsLanguageRequirement(agreement, levels)) {
    reasons.push("LANGUAGE_REQUIRED");
  }
  if (compareDecimal(awardedMonths(rules, agreement, left), rules.minMonths) < 0) reasons.push("DURATION");
  return reasons;
}

/** The choices that count: those beyond the call's `maxChoices` are dropped (SPEC 13). */
export function countedChoices(call: Call, application: Application): string[] {
  return call.maxChoices === undefined ? application.choices : application.choices.slice(0, call.maxChoices);
}
