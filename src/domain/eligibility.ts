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
import {
  CHOICE_REASON_CODES,
  type ChoiceReasonCode,
  EXCLUSION_CODES,
  type ExclusionCode,
} from "./outcome.ts";

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

/** Bit of each exclusion in a mask: bit k is `EXCLUSION_CODES[k]`, so a mask lists them in order. */
export const EXCLUDED = Object.fromEntries(EXCLUSION_CODES.map((code, k) => [code, 1 << k])) as Readonly<
  Record<ExclusionCode, number>
>;

/**
 * Exclusions of a known student's application as a mask of `EXCLUDED` bits, every one that applies
 * (NO_ELIGIBLE_CHOICE is decided once the choices are known). A draft reports NOT_VALIDATED alone.
 */
export function exclusionMask(
  rules: CallRules,
  student: Student,
  validatedAt: Instant | null,
  noMonthsLeft: boolean,
): number {
  if (validatedAt === null) return EXCLUDED.NOT_VALIDATED;
  const { eligibility } = rules.call;
  let mask = 0;
  if (compareInstants(validatedAt, rules.deadline) > 0) mask |= EXCLUDED.LATE;
  if (!student.enrolled) mask |= EXCLUDED.NOT_ENROLLED;
  if (!rules.programmeCountries.has(student.nationality) && !student.residencePermit)
    mask |= EXCLUDED.NATIONALITY;
  // Bases §2a: grado students need the 2nd year and 60 % of the first-year credits.
  if (student.cycle === "grado" && student.yearOfStudy < eligibility.minYearOfStudy)
    mask |= EXCLUDED.YEAR_OF_STUDY;
  if (student.cycle === "grado" && student.firstYearCreditsPct < eligibility.minFirstYearCreditsPct) {
    mask |= EXCLUDED.FIRST_YEAR_CREDITS;
  }
  if (student.inOtherMobilityProgramme) mask |= EXCLUDED.OTHER_PROGRAMME;
  if (student.hasDebts) mask |= EXCLUDED.DEBTS;
  if (noMonthsLeft) mask |= EXCLUDED.NO_MONTHS_LEFT;
  return mask;
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

/** Bit of each choice reason in a mask: bit k is `CHOICE_REASON_CODES[k]` (0: eligible). */
export const REASON = Object.fromEntries(CHOICE_REASON_CODES.map((code, k) => [code, 1 << k])) as Readonly<
  Record<ChoiceReasonCode, number>
>;

/**
 * What the choice rules need of every agreement, in flat arrays indexed by agreement (ten million
 * choices are checked against them): centres and cycles as small integers, and the reasons that
 * do not depend on the student as a mask.
 */
export class AgreementRules {
  private readonly centreIds = new Map<string, number>();
  private readonly cycleBits = new Map<string, number>();
  private readonly languageIds = new Map<string, number>();
  /**
   * Agreement i's language options, flat: options[optionFrom[i] … optionFrom[i + 1] − 1], each
   * languageId × 8 + minimum level (a student's levels come as an array by language id, so the
   * checks touch no object and no map).
   */
  private readonly optionFrom: Int32Array;
  private readonly options: Int32Array;
  private readonly centre: Int32Array;
  private readonly cycles: Int32Array;
  /** COUNTRY_NOT_IN_PROGRAMME, NO_PLACES and DURATION (too short whoever goes). */
  private readonly fixed: Uint8Array;
  private readonly languageRequired: Uint8Array;

  constructor(facts: readonly AgreementFacts[]) {
    const count = facts.length;
    this.centre = new Int32Array(count);
    this.cycles = new Int32Array(count);
    this.fixed = new Uint8Array(count);
    this.languageRequired = new Uint8Array(count);
    facts.forEach((f, i) => {
      this.centre[i] = this.centreId(f.agreement.centre);
      for (const cycle of f.cycles) this.cycles[i]! |= this.cycleBit(cycle);
      this.fixed[i] =
        (f.inProgramme ? 0 : REASON.COUNTRY_NOT_IN_PROGRAMME) |
        (f.hasPlaces ? 0 : REASON.NO_PLACES) |
        (f.tooShort ? REASON.DURATION : 0);
      this.languageRequired[i] = f.languageRequiredAtApplication ? 1 : 0;
    });
    this.optionFrom = new Int32Array(count + 1);
    facts.forEach((f, i) => {
      this.optionFrom[i + 1] = this.optionFrom[i]! + f.options.length;
    });
    this.options = new Int32Array(this.optionFrom[count]!);
    let k = 0;
    for (const f of facts) {
      for (const option of f.options) {
        let id = this.languageIds.get(option.language);
        if (id === undefined) {
          id = this.languageIds.size;
          this.languageIds.set(option.language, id);
        }
        this.options[k++] = id * 8 + option.minLevel;
      }
    }
  }

  /** How many languages the agreements name (ids 0 … languageCount − 1). */
  get languageCount(): number {
    return this.languageIds.size;
  }

  /** The id of a language some agreement names, or -1 (a level in any other meets no option). */
  languageId(language: string): number {
    return this.languageIds.get(language) ?? -1;
  }

  /**
   * The best of a student's levels in the agreement's languages, or -1 when none (SPEC 12.1,
   * `languageScope: destination`). `levels`: the student's best level by language id, -1 where none.
   */
  bestOptionLevel(index: number, levels: Int8Array): number {
    let best = -1;
    const end = this.optionFrom[index + 1]!;
    for (let k = this.optionFrom[index]!; k < end; k++) {
      const level = levels[this.options[k]! >> 3]!;
      if (level > best) best = level;
    }
    return best;
  }

  /** Whether the student accredits one of the agreement's languages at its minimum level. */
  meetsLanguageRequirement(index: number, levels: Int8Array): boolean {
    const end = this.optionFrom[index + 1]!;
    for (let k = this.optionFrom[index]!; k < end; k++) {
      const option = this.options[k]!;
      if (levels[option >> 3]! >= (option & 7)) return true;
    }
    return false;
  }

  /** A small integer per centre name (the same for a student's and an agreement's centre). */
  centreId(centre: string): number {
    let id = this.centreIds.get(centre);
    if (id === undefined) {
      id = this.centreIds.size;
      this.centreIds.set(centre, id);
    }
    return id;
  }

  /** One bit per cycle name (0 for a cycle past the 31st, which then matches no agreement). */
  cycleBit(cycle: string): number {
    let bit = this.cycleBits.get(cycle);
    if (bit === undefined) {
      bit = this.cycleBits.size < 31 ? 1 << this.cycleBits.size : 0;
      this.cycleBits.set(cycle, bit);
    }
    return bit;
  }

  /**
   * Why a known student may not take a known, first-listed agreement: a mask of every `REASON`
   * that applies (0 when eligible). The student is given by `centreId(student.centre)`,
   * `cycleBit(student.cycle)` and their best level by language id (-1 where none). `shortOfMonths`: the student has fewer months left
   * than the call's minimum, so no stay is long enough (SPEC 12.5: awarded months = min(agreement,
   * months left, call maximum)).
   */
  reasonMask(
    index: number,
    centre: number,
    cycle: number,
    levels: Int8Array,
    shortOfMonths: boolean,
  ): number {
    let mask = this.fixed[index]!;
    if (this.centre[index] !== centre) mask |= REASON.WRONG_CENTRE;
    if ((this.cycles[index]! & cycle) === 0) mask |= REASON.CYCLE;
    if (shortOfMonths) mask |= REASON.DURATION;
    if (this.languageRequired[index] === 1 && !this.meetsLanguageRequirement(index, levels))
      mask |= REASON.LANGUAGE_REQUIRED;
    return mask;
  }
}

/**
 * The codes a mask stands for, in their order: one shared, frozen list per mask (a million
 * applications have ten million choices, and most share a handful of lists). Outcomes are read,
 * never changed in place.
 */
export function codeLists<Code extends string>(codes: readonly Code[]): (mask: number) => Code[] {
  const lists: (Code[] | undefined)[] = new Array(1 << codes.length).fill(undefined);
  return (mask) => {
    let list = lists[mask];
    if (list === undefined) {
      list = Object.freeze(codes.filter((_, k) => (mask & (1 << k)) !== 0)) as Code[];
      lists[mask] = list;
    }
    return list;
  };
}

/** How many choices count: those beyond the call's `maxChoices` are dropped (SPEC 13). */
export function countedChoices(call: Call, application: Application): number {
  const listed = application.choices.length;
  return call.maxChoices === undefined ? listed : Math.min(listed, call.maxChoices);
}
