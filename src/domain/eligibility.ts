// Who may take part, and which destinations each may choose (Bases §2, SPEC 5, 12.9–12.11, 13).

import type { Agreement, Application, Call, Student } from "./dataset.ts";
import {
  compareDecimal,
  type Decimal,
  decimal,
  minDecimal,
  scaledInteger,
  subtractDecimal,
} from "./decimal.ts";
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
  /** The call's month limits as integers at a common scale, for the fast path of `shortOfMonths`. */
  monthScale: { scale: number; maxPerCycle: number; min: number } | null;
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
    monthScale: monthScale(call.eligibility.maxMonthsPerCycle, call.duration.minMonths),
  };
}

const MONTH_SCALE = 6;
function monthScale(maxPerCycle: number, min: number): CallRules["monthScale"] {
  const max = scaledInteger(maxPerCycle, MONTH_SCALE);
  const least = scaledInteger(min, MONTH_SCALE);
  return max === null || least === null ? null : { scale: MONTH_SCALE, maxPerCycle: max, min: least };
}

/** SPEC 12.9: months left in the cycle = the call's maximum per cycle − earlier Erasmus months. */
export function monthsLeft(rules: CallRules, student: Student): Decimal {
  return subtractDecimal(rules.maxMonthsPerCycle, decimal(student.previousErasmusMonths));
}

/**
 * SPEC 12.9: fewer months left than the call's minimum stay. On safe integers when the three figures
 * fit at a common scale (the usual whole or tenth months), exactly on BigInt otherwise.
 */
export function shortOfMonths(rules: CallRules, student: Student): boolean {
  const fast = rules.monthScale;
  if (fast !== null) {
    const previous = scaledInteger(student.previousErasmusMonths, fast.scale);
    if (previous !== null) return fast.maxPerCycle - previous < fast.min;
  }
  return compareDecimal(monthsLeft(rules, student), rules.minMonths) < 0;
}

/** SPEC 12.5: the agreement's months, reduced to the months left and to the call's maximum. */
export function awardedMonths(rules: CallRules, agreement: Agreement, left: Decimal): Decimal {
  return minDecimal(decimal(agreement.months), left, rules.maxMonths);
}

/** No exclusion: one shared, frozen list (most applications have none). */
const NONE = Object.freeze([]) as unknown as ExclusionCode[];
function add(codes: ExclusionCode[], code: ExclusionCode): ExclusionCode[] {
  if (codes === NONE) return [code];
  codes.push(code);
  return codes;
}

/**
 * Exclusions of a known student's application, every one that applies, in the outcome's order
 * (NO_ELIGIBLE_CHOICE is decided once the choices are known). A draft reports NOT_VALIDATED alone.
 */
export function generalExclusions(
  rules: CallRules,
  student: Student,
  validatedAt: Instant | null,
  noMonthsLeft: boolean,
): ExclusionCode[] {
  if (validatedAt === null) return ["NOT_VALIDATED"];
  const { eligibility } = rules.call;
  let codes: ExclusionCode[] = NONE;
  if (compareInstants(validatedAt, rules.deadline) > 0) codes = add(codes, "LATE");
  if (!student.enrolled) codes = add(codes, "NOT_ENROLLED");
  if (!rules.programmeCountries.has(student.nationality) && !student.residencePermit)
    codes = add(codes, "NATIONALITY");
  // Bases §2a: grado students need the 2nd year and 60 % of the first-year credits.
  if (student.cycle === "grado" && student.yearOfStudy < eligibility.minYearOfStudy)
    codes = add(codes, "YEAR_OF_STUDY");
  if (student.cycle === "grado" && student.firstYearCreditsPct < eligibility.minFirstYearCreditsPct) {
    codes = add(codes, "FIRST_YEAR_CREDITS");
  }
  if (student.inOtherMobilityProgramme) codes = add(codes, "OTHER_PROGRAMME");
  if (student.hasDebts) codes = add(codes, "DEBTS");
  if (noMonthsLeft) codes = add(codes, "NO_MONTHS_LEFT");
  return codes;
}

/** The student's best verified level per language (from `studentLevels`). */
export type LevelsByLanguage = ReadonlyMap<string, LevelIndex>;

/** What the rules need to know of an agreement, worked out once per call. */
export interface AgreementFacts {
  agreement: Agreement;
  inProgramme: boolean;
  hasPlaces: boolean;
  /** min(agreement months, call maximum) is below the call's minimum, whoever goes. */
  tooShort: boolean;
  /** The partner's working languages with their minimum levels ([] when it names none). */
  options: readonly { language: string; minLevel: LevelIndex }[];
  languageRequiredAtApplication: boolean;
  cycles: readonly string[];
}

export function agreementFacts(rules: CallRules, agreement: Agreement): AgreementFacts {
  const months = minDecimal(decimal(agreement.months), rules.maxMonths);
  const requirement = agreement.languageRequirement;
  return {
    agreement,
    inProgramme: rules.fundingGroupOf.has(agreement.partner.country),
    hasPlaces: agreement.places > 0,
    tooShort: compareDecimal(months, rules.minMonths) < 0,
    options: (requirement?.options ?? []).map((o) => ({
      language: o.language,
      minLevel: levelIndex(o.minLevel),
    })),
    languageRequiredAtApplication: requirement?.requiredAtApplication === true,
    cycles: agreement.cycles,
  };
}

/** Whether the student accredits one of the agreement's language options at its minimum level. */
export function meetsLanguageRequirement(facts: AgreementFacts, levels: LevelsByLanguage): boolean {
  for (const option of facts.options) {
    const held = levels.get(option.language);
    if (held !== undefined && held >= option.minLevel) return true;
  }
  return false;
}

/**
 * The reasons of every eligible choice: one shared, frozen empty list (a million applications have
 * ten million choices). Outcomes are read, never changed in place.
 */
const ELIGIBLE = Object.freeze([]) as unknown as ChoiceReasonCode[];

/**
 * Why a known student may not take a known, first-listed agreement: every reason that applies.
 * `shortOfMonths`: the student has fewer months left than the call's minimum, so no stay is long
 * enough (SPEC 12.5: awarded months = min(agreement, months left, call maximum)).
 */
export function choiceReasons(
  facts: AgreementFacts,
  student: Student,
  levels: LevelsByLanguage,
  shortOfMonths: boolean,
): ChoiceReasonCode[] {
  const wrongCentre = facts.agreement.centre !== student.centre;
  const wrongCycle = !facts.cycles.includes(student.cycle);
  const language = facts.languageRequiredAtApplication && !meetsLanguageRequirement(facts, levels);
  const duration = facts.tooShort || shortOfMonths;
  if (!wrongCentre && !wrongCycle && facts.inProgramme && facts.hasPlaces && !language && !duration)
    return ELIGIBLE;
  const reasons: ChoiceReasonCode[] = [];
  if (wrongCentre) reasons.push("WRONG_CENTRE");
  if (wrongCycle) reasons.push("CYCLE");
  if (!facts.inProgramme) reasons.push("COUNTRY_NOT_IN_PROGRAMME");
  if (!facts.hasPlaces) reasons.push("NO_PLACES");
  if (language) reasons.push("LANGUAGE_REQUIRED");
  if (duration) reasons.push("DURATION");
  return reasons;
}

/** The choices that count: those beyond the call's `maxChoices` are dropped (SPEC 13). */
export function countedChoices(call: Call, application: Application): string[] {
  return call.maxChoices === undefined ? application.choices : application.choices.slice(0, call.maxChoices);
}
