// The scoring and award engine (SPEC 13): one pure function from a call's data to its outcome.
// The web application, the lists the office publishes and `simulate` all go through it.
//
// It is written for calls of a million applications: agreement facts are worked out once, score
// figures are integers (ten-thousandths), the tie-break chain becomes one integer per application,
// and with `languageScope: best` every destination ranks by that one integer.

import { deferredAcceptance } from "./award.ts";
import type { Agreement, Application, Dataset, Student } from "./dataset.ts";
import {
  type Decimal,
  decimal,
  decimalToNumber,
  minDecimal,
  multiplyDecimal,
  scoreUnitsToNumber,
} from "./decimal.ts";
import {
  type AgreementFacts,
  agreementFacts,
  awardedMonths,
  type CallRules,
  choiceReasons,
  countedChoices,
  generalExclusions,
  type LevelsByLanguage,
  meetsLanguageRequirement,
  monthsLeft,
  readCallRules,
  shortOfMonths,
} from "./eligibility.ts";
import { compareInstants, type Instant, parseInstant } from "./instant.ts";
import type {
  ApplicationResult,
  Award,
  ChoiceReasonCode,
  ChoiceResult,
  ExclusionCode,
  Outcome,
} from "./outcome.ts";
import {
  activityUnits,
  bestLevel,
  type CreditShare,
  compareCreditShares,
  creditShare,
  destinationLanguageUnits,
  languagePointUnits,
  studentLevels,
  weightedGradeUnits,
} from "./scoring.ts";

/** One application as the engine works on it. */
interface Entry {
  application: Application;
  student: Student | undefined;
  validatedAt: Instant | null;
  levels: LevelsByLanguage;
  /** One per counted choice, in preference order; `total` is filled in for the outcome. */
  choices: ChoiceResult[];
  /** Agreement index per counted choice (-1 when unknown). */
  agreementIndexes: number[];
  exclusions: ExclusionCode[];
  weightedGrade: number;
  language: number;
  activities: number;
  total: number;
  share: CreditShare | null;
  /** Language units per counted choice under `languageScope: destination` (null under best). */
  choiceLanguage: number[] | null;
  /** Position in the last links of the tie-break chain (credits share, validation time, id). */
  tail: number;
  /** Position in the whole chain with the overall score: every destination's order under best. */
  order: number;
  /** 1-based rank among the centre's non-excluded applications (0 while excluded). */
  rank: number;
  /** Index into `choices` of the award, or -1. */
  awardedChoice: number;
}

const NO_LEVELS: LevelsByLanguage = new Map();
const NO_EXCLUSIONS: ExclusionCode[] = [];

export function scoreAndAward(dataset: Dataset): Outcome {
  const rules = readCallRules(dataset.call);
  const { agreements } = dataset;
  const facts = agreements.map((agreement) => agreementFacts(rules, agreement));
  const agreementIndex = new Map<string, number>();
  agreements.forEach((a, i) => {
    if (!agreementIndex.has(a.id)) agreementIndex.set(a.id, i);
  });
  const studentsById = new Map<string, Student>();
  for (const s of dataset.students) if (!studentsById.has(s.id)) studentsById.set(s.id, s);

  const pointUnits = languagePointUnits(dataset.call);
  const perDestination = dataset.call.scoring.languageScope === "destination";
  const entries = dataset.applications.map((application) =>
    assess(
      rules,
      facts,
      agreementIndex,
      pointUnits,
      perDestination,
      application,
      studentsById.get(application.studentId),
    ),
  );
  const active = entries.filter((e) => e.exclusions.length === 0);
  const byOrder = orderAndRank(active);
  const compare = perDestination ? compareForDestination : compareByOrder;
  const holders = perDestination
    ? awardPlaces(active, agreements, compare)
    : awardInOrder(byOrder, agreements);

  const results = entries.map((entry) => present(rules, facts, entry));
  const substitutes = substitutesOf(
    perDestination ? active : byOrder,
    agreements.length,
    compare,
    perDestination,
  );
  return {
    formatVersion: 1,
    callId: dataset.call.id,
    results,
    agreements: agreements.map((agreement, i) => ({
      agreementId: agreement.id,
      places: agreement.places,
      awarded: idsInOrder(holders[i]!, (e) => e.awardedChoice, compare),
      substitutes: substitutes[i]!,
    })),
  };
}

/**
 * Ranks each centre's applications by the overall score and the whole tie-break chain, and gives
 * every entry its position in that order. Returns the entries in that order.
 */
function orderAndRank(active: Entry[]): Entry[] {
  orderTieBreakTail(active);
  const sorted = [...active].sort(compareOverall);
  const counters = new Map<string, number>();
  sorted.forEach((entry, i) => {
    entry.order = i;
    const centre = entry.student!.centre;
    entry.rank = (counters.get(centre) ?? 0) + 1;
    counters.set(centre, entry.rank);
  });
  return sorted;
}

function assess(
  rules: CallRules,
  facts: readonly AgreementFacts[],
  agreementIndex: ReadonlyMap<string, number>,
  pointUnits: readonly number[],
  perDestination: boolean,
  application: Application,
  student: Student | undefined,
): Entry {
  const counted = countedChoices(rules.call, application);
  const agreementIndexes: number[] = new Array(counted.length);
  for (let i = 0; i < counted.length; i++) agreementIndexes[i] = agreementIndex.get(counted[i]!) ?? -1;
  const validatedAt = application.validatedAt === null ? null : parseInstant(application.validatedAt);
  const entry: Entry = {
    application,
    student,
    validatedAt,
    levels: NO_LEVELS,
    choices: [],
    agreementIndexes,
    exclusions: NO_EXCLUSIONS,
    weightedGrade: 0,
    language: 0,
    activities: 0,
    total: 0,
    share: null,
    choiceLanguage: null,
    tail: 0,
    order: 0,
    rank: 0,
    awardedChoice: -1,
  };
  if (!student) {
    // SPEC 13: UNKNOWN_STUDENT alone; its choices are not eligible, with no reasons.
    entry.exclusions = ["UNKNOWN_STUDENT"];
    entry.choices = counted.map((agreementId) => ({
      agreementId,
      eligible: false,
      reasons: [],
      total: null,
    }));
    return entry;
  }
  const levels = student.languageCertificates.length > 0 ? studentLevels(student) : NO_LEVELS;
  entry.levels = levels;
  const short = shortOfMonths(rules, student);
  const reasons: ChoiceReasonCode[][] = new Array(counted.length);
  let anyEligible = false;
  for (let position = 0; position < counted.length; position++) {
    const index = agreementIndexes[position]!;
    let found: ChoiceReasonCode[] | undefined;
    if (index < 0) found = ["UNKNOWN_AGREEMENT"];
    for (let earlier = 0; found === undefined && earlier < position; earlier++) {
      if (agreementIndexes[earlier] === index) found = ["DUPLICATE"];
    }
    found ??= choiceReasons(facts[index]!, student, levels, short);
    reasons[position] = found;
    if (found.length === 0) anyEligible = true;
  }
  entry.exclusions = generalExclusions(rules, student, validatedAt, short);
  if (validatedAt !== null && !anyEligible) entry.exclusions = [...entry.exclusions, "NO_ELIGIBLE_CHOICE"];
  if (entry.exclusions.length > 0) {
    entry.choices = counted.map((agreementId, position) => {
      const r = reasons[position]!;
      return { agreementId, eligible: r.length === 0, reasons: r, total: null };
    });
    return entry;
  }

  entry.share = creditShare(student);
  entry.weightedGrade = weightedGradeUnits(student, entry.share);
  entry.activities = activityUnits(rules.call, student);
  const best = bestLevel(levels);
  entry.language = best === null ? 0 : (pointUnits[best] ?? 0);
  entry.total = entry.weightedGrade + entry.language + entry.activities;
  if (perDestination) {
    // SPEC 12.1: the best verified level in one of the agreement's languages (0 where it names none).
    entry.choiceLanguage = reasons.map((r, position) =>
      r.length === 0
        ? destinationLanguageUnits(facts[agreementIndexes[position]!]!.options, levels, pointUnits)
        : 0,
    );
  }
  // Each choice object is made once, with its final total (no field changes shape afterwards).
  entry.choices = counted.map((agreementId, position) => {
    const r = reasons[position]!;
    const eligible = r.length === 0;
    return {
      agreementId,
      eligible,
      reasons: r,
      total: eligible ? scoreUnitsToNumber(choiceTotal(entry, position)) : null,
    };
  });
  return entry;
}

/** SPEC 12.4, last links: higher share of credits passed, earlier validation, then id (UTF-16 order). */
function orderTieBreakTail(active: Entry[]): void {
  const sorted = [...active].sort(
    (a, b) =>
      compareCreditShares(b.share!, a.share!) ||
      compareInstants(a.validatedAt!, b.validatedAt!) ||
      (a.application.id < b.application.id ? -1 : a.application.id > b.application.id ? 1 : 0),
  );
  sorted.forEach((entry, i) => {
    entry.tail = i;
  });
}

/** Higher total, then higher weighted grade, then higher language points, then the tail. */
function compareOverall(a: Entry, b: Entry): number {
  return b.total - a.total || b.weightedGrade - a.weightedGrade || b.language - a.language || a.tail - b.tail;
}

/** How a destination ranks two applicants who chose it, at their positions in their own lists. */
type DestinationOrder = (a: Entry, aPosition: number, b: Entry, bPosition: number) => number;

/** Under `languageScope: best` every destination ranks by the overall order. */
const compareByOrder: DestinationOrder = (a, _aPosition, b) => a.order - b.order;

/** Under `languageScope: destination`: the score for this destination, then the chain with its language points. */
const compareForDestination: DestinationOrder = (a, aPosition, b, bPosition) => {
  const aLanguage = a.choiceLanguage![aPosition]!;
  const bLanguage = b.choiceLanguage![bPosition]!;
  const aTotal = a.weightedGrade + aLanguage + a.activities;
  const bTotal = b.weightedGrade + bLanguage + b.activities;
  return bTotal - aTotal || b.weightedGrade - a.weightedGrade || bLanguage - aLanguage || a.tail - b.tail;
};

function choiceTotal(entry: Entry, position: number): number {
  const language = entry.choiceLanguage ? entry.choiceLanguage[position]! : entry.language;
  return entry.weightedGrade + language + entry.activities;
}

/** Runs the matching, records each entry's awarded choice, and returns each agreement's holders. */
function awardPlaces(
  active: Entry[],
  agreements: readonly Agreement[],
  compare: DestinationOrder,
): Entry[][] {
  const preferences = active.map((entry) => {
    const positions: number[] = [];
    entry.choices.forEach((choice, position) => {
      if (choice.eligible) positions.push(position);
    });
    return positions;
  });
  const held = deferredAcceptance(
    active.length,
    (p) => preferences[p]!.length,
    (p, k) => active[p]!.agreementIndexes[preferences[p]![k]!]!,
    agreements.map((a) => a.places),
    (p, k, q, l) => compare(active[p]!, preferences[p]![k]!, active[q]!, preferences[q]![l]!),
  );
  const holders: Entry[][] = agreements.map(() => []);
  held.forEach((k, p) => {
    if (k < 0) return;
    const entry = active[p]!;
    entry.awardedChoice = preferences[p]![k]!;
    holders[entry.agreementIndexes[entry.awardedChoice]!]!.push(entry);
  });
  return holders;
}

/**
 * Under `languageScope: best` every destination ranks applicants alike, and deferred acceptance
 * is exactly serial dictatorship (SPEC 7): in order, each takes the best eligible choice with a
 * place left. O(applications × choices), no heaps.
 */
function awardInOrder(byOrder: Entry[], agreements: readonly Agreement[]): Entry[][] {
  const left = agreements.map((a) => a.places);
  const holders: Entry[][] = agreements.map(() => []);
  for (const entry of byOrder) {
    for (let position = 0; position < entry.choices.length; position++) {
      if (!entry.choices[position]!.eligible) continue;
      const index = entry.agreementIndexes[position]!;
      if (left[index]! <= 0) continue;
      left[index]!--;
      entry.awardedChoice = position;
      holders[index]!.push(entry);
      break;
    }
  }
  return holders;
}

/** SPEC 12.6: eligible applicants who chose it and got neither it nor a destination they ranked above it. */
function substitutesOf(
  active: Entry[],
  agreementCount: number,
  compare: DestinationOrder,
  perDestination: boolean,
): string[][] {
  const lists: Entry[][] = Array.from({ length: agreementCount }, () => []);
  const positions: number[][] = Array.from({ length: agreementCount }, () => []);
  // Under best, `active` comes in overall order, which lists every destination in its order.
  for (const entry of active) {
    const until = entry.awardedChoice >= 0 ? entry.awardedChoice : entry.choices.length;
    for (let position = 0; position < until; position++) {
      if (!entry.choices[position]!.eligible) continue;
      const index = entry.agreementIndexes[position]!;
      lists[index]!.push(entry);
      positions[index]!.push(position);
    }
  }
  if (!perDestination) return lists.map((list) => list.map((entry) => entry.application.id));
  return lists.map((list, i) => idsInOrder(list, positionFinder(list, positions[i]!), compare));
}

function positionFinder(list: Entry[], positions: number[]): (entry: Entry) => number {
  const at = new Map<Entry, number>();
  for (const [i, entry] of list.entries()) at.set(entry, positions[i]!);
  return (entry) => at.get(entry)!;
}

function idsInOrder(
  list: Entry[],
  positionOf: (entry: Entry) => number,
  compare: DestinationOrder,
): string[] {
  return [...list]
    .sort((a, b) => compare(a, positionOf(a), b, positionOf(b)))
    .map((entry) => entry.application.id);
}

function present(rules: CallRules, facts: readonly AgreementFacts[], entry: Entry): ApplicationResult {
  const excluded = entry.exclusions.length > 0;
  let award: Award | null = null;
  let languageCourseRequired = false;
  if (entry.awardedChoice >= 0) {
    const agreementFacts = facts[entry.agreementIndexes[entry.awardedChoice]!]!;
    award = grantOf(rules, agreementFacts.agreement, entry.awardedChoice, monthsLeft(rules, entry.student!));
    // SPEC 12.12: courses when the destination names languages and none is accredited at its minimum.
    languageCourseRequired =
      agreementFacts.options.length > 0 && !meetsLanguageRequirement(agreementFacts, entry.levels);
  }
  return {
    applicationId: entry.application.id,
    studentId: entry.application.studentId,
    status: excluded ? "excluded" : award ? "awarded" : "substitute",
    exclusions: entry.exclusions,
    score: excluded
      ? null
      : {
          weightedGrade: scoreUnitsToNumber(entry.weightedGrade),
          language: scoreUnitsToNumber(entry.language),
          activities: scoreUnitsToNumber(entry.activities),
          total: scoreUnitsToNumber(entry.total),
        },
    rank: excluded ? null : entry.rank,
    award,
    choices: entry.choices,
    languageCourseRequired,
  };
}

/** SPEC 12.5, 12.7: awarded months, funding group and the grant estimate, exact. */
function grantOf(rules: CallRules, agreement: Agreement, position: number, left: Decimal): Award {
  const months = awardedMonths(rules, agreement, left);
  const funding = rules.fundingGroupOf.get(agreement.partner.country);
  const monthly = decimal(funding?.monthlyEur ?? 0);
  const fundedMonths = minDecimal(months, decimal(rules.call.funding.maxFundedMonths));
  return {
    agreementId: agreement.id,
    choice: position + 1,
    months: decimalToNumber(months),
    group: funding?.group ?? null,
    monthlyEur: decimalToNumber(monthly),
    fundedMonths: decimalToNumber(fundedMonths),
    grantEstimateEur: decimalToNumber(multiplyDecimal(monthly, fundedMonths)),
  };
}
