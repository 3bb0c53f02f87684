// The scoring and award engine (SPEC 13): one pure function from a call's data to its outcome.
// The web application, the lists the office publishes and `simulate` all go through it.

import { deferredAcceptance, type Proposer } from "./award.ts";
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
  awardedMonths,
  type CallRules,
  choiceReasons,
  countedChoices,
  generalExclusions,
  meetsLanguageRequirement,
  monthsLeft,
  readCallRules,
} from "./eligibility.ts";
import { compareInstants, type Instant, parseInstant } from "./instant.ts";
import type { ApplicationResult, Award, ChoiceResult, ExclusionCode, Outcome } from "./outcome.ts";
import {
  activityUnits,
  bestLevel,
  type CreditShare,
  compareCreditShares,
  creditShare,
  destinationLanguageUnits,
  languagePointUnits,
  type ScoreUnits,
  studentLevels,
  weightedGradeUnits,
} from "./scoring.ts";

/** One application as the engine works on it. */
interface Entry {
  application: Application;
  student: Student | undefined;
  validatedAt: Instant | null;
  monthsLeft: Decimal;
  choices: ChoiceResult[];
  /** Agreement index per counted choice (-1 when unknown). */
  agreementIndexes: number[];
  exclusions: ExclusionCode[];
  score: ScoreUnits | null;
  share: CreditShare;
  /** Language units per counted choice: the destination's own under `languageScope: destination`. */
  choiceLanguage: number[];
  /** Position in the last links of the tie-break chain (credits share, validation time, id). */
  tail: number;
  /** Index into `choices` of the award, or -1. */
  awardedChoice: number;
}

export function scoreAndAward(dataset: Dataset): Outcome {
  const rules = readCallRules(dataset.call);
  const { agreements } = dataset;
  const agreementIndex = new Map<string, number>();
  agreements.forEach((a, i) => {
    if (!agreementIndex.has(a.id)) agreementIndex.set(a.id, i);
  });
  const studentsById = new Map<string, Student>();
  for (const s of dataset.students) if (!studentsById.has(s.id)) studentsById.set(s.id, s);

  const pointUnits = languagePointUnits(dataset.call);
  const entries = dataset.applications.map((application) =>
    assess(
      rules,
      pointUnits,
      application,
      studentsById.get(application.studentId),
      agreements,
      agreementIndex,
    ),
  );
  const active = entries.filter((e) => e.exclusions.length === 0);
  orderTieBreakTail(active);
  const ranks = rankWithinCentres(active);
  const held = award(active, agreements);
  const substitutes = substitutesOf(active, agreements);

  const results = entries.map((entry) => present(rules, entry, ranks.get(entry) ?? null, agreements));
  return {
    formatVersion: 1,
    callId: dataset.call.id,
    results,
    agreements: agreements.map((agreement, i) => ({
      agreementId: agreement.id,
      places: agreement.places,
      awarded: inDestinationOrder(held[i]!.map((entry): Placed => [entry, entry.awardedChoice])),
      substitutes: inDestinationOrder(substitutes[i]!),
    })),
  };
}

function assess(
  rules: CallRules,
  pointUnits: readonly number[],
  application: Application,
  student: Student | undefined,
  agreements: readonly Agreement[],
  agreementIndex: ReadonlyMap<string, number>,
): Entry {
  const counted = countedChoices(rules.call, application);
  const validatedAt = application.validatedAt === null ? null : parseInstant(application.validatedAt);
  const entry: Entry = {
    application,
    student,
    validatedAt,
    monthsLeft: decimal(0),
    choices: [],
    agreementIndexes: counted.map((id) => agreementIndex.get(id) ?? -1),
    exclusions: [],
    score: null,
    share: { numerator: 0n, denominator: 1n },
    choiceLanguage: [],
    tail: 0,
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
  const levels = studentLevels(student);
  entry.monthsLeft = monthsLeft(rules, student);
  const seen = new Set<number>();
  entry.choices = counted.map((agreementId, position) => {
    const index = entry.agreementIndexes[position]!;
    if (index < 0) return { agreementId, eligible: false, reasons: ["UNKNOWN_AGREEMENT"], total: null };
    if (seen.has(index)) return { agreementId, eligible: false, reasons: ["DUPLICATE"], total: null };
    seen.add(index);
    const reasons = choiceReasons(rules, student, agreements[index]!, levels, entry.monthsLeft);
    return { agreementId, eligible: reasons.length === 0, reasons, total: null };
  });
  entry.exclusions = generalExclusions(rules, student, validatedAt, entry.monthsLeft);
  if (validatedAt !== null && !entry.choices.some((c) => c.eligible))
    entry.exclusions.push("NO_ELIGIBLE_CHOICE");
  if (entry.exclusions.length > 0) return entry;

  const call = rules.call;
  entry.share = creditShare(student);
  const weightedGrade = weightedGradeUnits(student, entry.share);
  const activities = activityUnits(call, student);
  const best = bestLevel(levels);
  const language = best === null ? 0 : (pointUnits[best] ?? 0);
  entry.score = { weightedGrade, language, activities, total: weightedGrade + language + activities };
  const perDestination = call.scoring.languageScope === "destination";
  entry.choiceLanguage = entry.choices.map((choice, position) => {
    if (!choice.eligible) return 0;
    return perDestination
      ? destinationLanguageUnits(agreements[entry.agreementIndexes[position]!]!, levels, pointUnits)
      : language;
  });
  return entry;
}

/** SPEC 12.4, last links: higher share of credits passed, earlier validation, then id (UTF-16 order). */
function orderTieBreakTail(active: Entry[]): void {
  const sorted = [...active].sort(
    (a, b) =>
      compareCreditShares(b.share, a.share) ||
      compareInstants(a.validatedAt!, b.validatedAt!) ||
      (a.application.id < b.application.id ? -1 : a.application.id > b.application.id ? 1 : 0),
  );
  sorted.forEach((entry, i) => {
    entry.tail = i;
  });
}

/** Higher total, then higher weighted grade, then higher language points, then the tail. */
function compareKeys(
  aTotal: number,
  aLanguage: number,
  a: Entry,
  bTotal: number,
  bLanguage: number,
  b: Entry,
): number {
  return (
    bTotal - aTotal ||
    b.score!.weightedGrade - a.score!.weightedGrade ||
    bLanguage - aLanguage ||
    a.tail - b.tail
  );
}

function compareOverall(a: Entry, b: Entry): number {
  return compareKeys(a.score!.total, a.score!.language, a, b.score!.total, b.score!.language, b);
}

/** The destination's ranking of two applicants who chose it, at their positions in their lists. */
function compareForDestination(a: Entry, aPosition: number, b: Entry, bPosition: number): number {
  const aLanguage = a.choiceLanguage[aPosition]!;
  const bLanguage = b.choiceLanguage[bPosition]!;
  return compareKeys(choiceTotal(a, aPosition), aLanguage, a, choiceTotal(b, bPosition), bLanguage, b);
}

function choiceTotal(entry: Entry, position: number): number {
  const score = entry.score!;
  return score.weightedGrade + entry.choiceLanguage[position]! + score.activities;
}

function rankWithinCentres(active: Entry[]): Map<Entry, number> {
  const byCentre = new Map<string, Entry[]>();
  for (const entry of active) {
    const centre = entry.student!.centre;
    const list = byCentre.get(centre);
    if (list) list.push(entry);
    else byCentre.set(centre, [entry]);
  }
  const ranks = new Map<Entry, number>();
  for (const list of byCentre.values()) {
    list.sort(compareOverall);
    for (const [i, entry] of list.entries()) ranks.set(entry, i + 1);
  }
  return ranks;
}

/** Runs the matching; returns, per agreement, the entries holding it. */
function award(active: Entry[], agreements: readonly Agreement[]): Entry[][] {
  const proposers: Proposer[] = active.map((entry) => ({
    preferences: entry.agreementIndexes.filter((_, position) => entry.choices[position]!.eligible),
  }));
  const positionOf = (entry: Entry, destination: number) => entry.agreementIndexes.indexOf(destination);
  const held = deferredAcceptance(
    proposers,
    agreements.map((a) => a.places),
    (destination, a, b) => {
      const x = active[a]!;
      const y = active[b]!;
      return compareForDestination(x, positionOf(x, destination), y, positionOf(y, destination));
    },
  );
  const holders: Entry[][] = agreements.map(() => []);
  held.forEach((preference, p) => {
    if (preference < 0) return;
    const entry = active[p]!;
    const destination = proposers[p]!.preferences[preference]!;
    entry.awardedChoice = positionOf(entry, destination);
    holders[destination]!.push(entry);
  });
  return holders;
}

/** An entry with the position in its list of the destination in question. */
type Placed = [Entry, number];

/** SPEC 12.6: eligible applicants who chose it and got neither it nor a destination they ranked above it. */
function substitutesOf(active: Entry[], agreements: readonly Agreement[]): Placed[][] {
  const lists: Placed[][] = agreements.map(() => []);
  for (const entry of active) {
    const until = entry.awardedChoice >= 0 ? entry.awardedChoice : entry.choices.length;
    for (let position = 0; position < until; position++) {
      if (entry.choices[position]!.eligible)
        lists[entry.agreementIndexes[position]!]!.push([entry, position]);
    }
  }
  return lists;
}

function inDestinationOrder(placed: Placed[]): string[] {
  placed.sort((a, b) => compareForDestination(a[0], a[1], b[0], b[1]));
  return placed.map(([entry]) => entry.application.id);
}

function present(
  rules: CallRules,
  entry: Entry,
  rank: number | null,
  agreements: readonly Agreement[],
): ApplicationResult {
  const excluded = entry.exclusions.length > 0;
  const score = entry.score;
  const choices = excluded
    ? entry.choices
    : entry.choices.map((choice, position) =>
        choice.eligible ? { ...choice, total: scoreUnitsToNumber(choiceTotal(entry, position)) } : choice,
      );
  let award: Award | null = null;
  let languageCourseRequired = false;
  if (entry.awardedChoice >= 0) {
    const agreement = agreements[entry.agreementIndexes[entry.awardedChoice]!]!;
    award = grantOf(rules, agreement, entry.awardedChoice, entry.monthsLeft);
    // SPEC 12.12: courses when the destination names languages and none is accredited at its minimum.
    languageCourseRequired =
      agreement.languageRequirement !== undefined &&
      agreement.languageRequirement.options.length > 0 &&
      !meetsLanguageRequirement(agreement, studentLevels(entry.student!));
  }
  return {
    applicationId: entry.application.id,
    studentId: entry.application.studentId,
    status: excluded ? "excluded" : award ? "awarded" : "substitute",
    exclusions: entry.exclusions,
    score: score
      ? {
          weightedGrade: scoreUnitsToNumber(score.weightedGrade),
          language: scoreUnitsToNumber(score.language),
          activities: scoreUnitsToNumber(score.activities),
          total: scoreUnitsToNumber(score.total),
        }
      : null,
    rank,
    award,
    choices,
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
