// Baremación (Bases §5, SPEC 6, 12.1–12.3, 13): weighted grade + language + activities, each
// rounded half up to four decimals, kept as whole ten-thousandths so ranking compares integers.

import type { Call, CefrLevel, Student } from "./dataset.ts";
import { CEFR_LEVELS } from "./dataset.ts";
import { decimal, pow10, roundRatioHalfUp, smallDecimal, toScoreUnits } from "./decimal.ts";
import { accreditedLevel, type LevelIndex } from "./language-certificates.ts";

/** Score figures in ten-thousandths. */
export interface ScoreUnits {
  weightedGrade: number;
  language: number;
  activities: number;
  total: number;
}

/** The student's best verified level in each language (a certificate that earns nothing is absent). */
export function studentLevels(student: Student): Map<string, LevelIndex> {
  const levels = new Map<string, LevelIndex>();
  for (const certificate of student.languageCertificates) {
    const level = accreditedLevel(certificate);
    if (level === null) continue;
    const held = levels.get(certificate.language);
    if (held === undefined || level > held) levels.set(certificate.language, level);
  }
  return levels;
}

/** Points per level index, from the call (a level the call does not list earns 0). */
export function languagePointUnits(call: Call): number[] {
  return CEFR_LEVELS.map((level: CefrLevel) => {
    const points = call.scoring.languagePoints[level];
    return points === undefined ? 0 : Number(toScoreUnits(decimal(points)));
  });
}

/** Share of the degree's credits passed, capped at 1, as an exact fraction (and its closest double). */
export interface CreditShare {
  numerator: bigint;
  denominator: bigint;
  /** numerator / denominator as a double when both are exact doubles, else NaN (compare exactly). */
  approx: number;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const ONE: CreditShare = { numerator: 1n, denominator: 1n, approx: 1 };

export function creditShare(student: Student): CreditShare {
  const passed = decimal(student.creditsPassed);
  const degree = decimal(student.degreeCredits);
  // passed.units / 10^passed.scale ÷ degree.units / 10^degree.scale
  const numerator = passed.units * pow10(degree.scale);
  const denominator = degree.units * pow10(passed.scale);
  if (numerator >= denominator) return ONE;
  const exact = numerator <= MAX_SAFE && denominator <= MAX_SAFE;
  return { numerator, denominator, approx: exact ? Number(numerator) / Number(denominator) : Number.NaN };
}

/**
 * Exact comparison. Dividing two integers below 2^53 is correctly rounded, hence monotonic: when
 * the doubles differ, they are in the order of the fractions; only equal doubles need BigInt.
 */
export function compareCreditShares(a: CreditShare, b: CreditShare): number {
  if (a.approx < b.approx) return -1;
  if (a.approx > b.approx) return 1;
  const x = a.numerator * b.denominator;
  const y = b.numerator * a.denominator;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * SPEC 13: weighted grade = averageGrade × min(creditsPassed / degreeCredits, 1), rounded half up,
 * in ten-thousandths. Exact: on safe integers when every intermediate fits (floor(n / d) of safe
 * integers is exact), on BigInt otherwise.
 */
export function weightedGradeUnits(student: Student, share: CreditShare): number {
  const grade = smallDecimal(student.averageGrade);
  if (grade !== null && share.denominator <= MAX_SAFE) {
    const numerator = 2 * 10_000 * grade.units * Number(share.numerator);
    const denominator = 2 * 10 ** grade.scale * Number(share.denominator);
    if (Number.isSafeInteger(numerator + denominator) && Number.isSafeInteger(denominator)) {
      return Math.floor((numerator + denominator / 2) / denominator);
    }
  }
  const exact = decimal(student.averageGrade);
  return Number(roundRatioHalfUp(exact.units * share.numerator, pow10(exact.scale) * share.denominator));
}

/** SPEC 12.2: the activity bonus once, for any verified event or positively evaluated mentoring. */
export function activityUnits(call: Call, student: Student): number {
  const counts = student.activities.some(
    (a) => a.verified && (a.kind === "international-event" || a.positiveEvaluation === true),
  );
  return counts ? Number(toScoreUnits(decimal(call.scoring.activityBonus))) : 0;
}

/** The best level the student accredits, in any language. */
export function bestLevel(levels: ReadonlyMap<string, LevelIndex>): LevelIndex | null {
  let best: LevelIndex | null = null;
  for (const level of levels.values()) if (best === null || level > best) best = level;
  return best;
}

/**
 * Language points for one destination under `languageScope: destination`: the best verified level
 * in one of the agreement's languages (0 where it names none).
 */
export function destinationLanguageUnits(
  options: readonly { language: string }[],
  levels: ReadonlyMap<string, LevelIndex>,
  pointUnits: readonly number[],
): number {
  let best: LevelIndex | null = null;
  for (const option of options) {
    const level = levels.get(option.language);
    if (level !== undefined && (best === null || level > best)) best = level;
  }
  return best === null ? 0 : (pointUnits[best] ?? 0);
}
