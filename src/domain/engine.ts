// The scoring and award engine (SPEC 13): one pure function from a call's data to its outcome.
// The web application, the lists the office publishes and `simulate` all go through it.
//
// It is written for calls of a million applications: agreement facts are worked out once, score
// figures are integers (ten-thousandths), the tie-break chain becomes one integer per application,
// and with `languageScope: best` every destination ranks by that one integer.
//
// Memory: the engine keeps its working state in flat typed arrays (one cell per application, or
// per counted choice, the choices of application i in slots start[i] … start[i+1]−1), not in an
// object per application and per choice: a million applications are then ~200 MB off the V8 heap
// instead of ~1.8 GB of objects the garbage collector walks again at every major collection.
// The ranking sorts one packed number per application, natively; the ranking and the award, which
// visit applications in rank order (random memory order), read and write one 64-byte record per
// application (`record`), so each application costs them one cache miss, not one per array.
// The outcome's objects are built at the end, one application at a time (`EngineRun.result`),
// so `simulate` can write them out without ever holding them all.

import { deferredAcceptance } from "./award.ts";
import type { Agreement, Dataset, Student } from "./dataset.ts";
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
  AgreementRules,
  agreementFacts,
  awardedMonths,
  type CallRules,
  codeLists,
  countedChoices,
  EXCLUDED,
  exclusionMask,
  type LevelsByLanguage,
  meetsLanguageRequirement,
  monthsLeft,
  REASON,
  readCallRules,
  shortOfMonths,
} from "./eligibility.ts";
import { FirstIndex, float64s, int32s, uint8s, uint16s } from "./flat.ts";
import { parseInstant } from "./instant.ts";
import { accreditedLevel } from "./language-certificates.ts";
import {
  type AgreementOutcome,
  type ApplicationResult,
  type Award,
  CHOICE_REASON_CODES,
  type ChoiceReasonCode,
  type ChoiceResult,
  EXCLUSION_CODES,
  type ExclusionCode,
  type Outcome,
} from "./outcome.ts";
import {
  activityUnits,
  type CreditShare,
  compareCreditShares,
  creditShare,
  languagePointUnits,
  studentLevels,
  weightedGradeUnits,
} from "./scoring.ts";

/** A scored and awarded call, from which the outcome is built one application at a time. */
export interface EngineRun {
  readonly callId: string;
  /** How many results: one per application, in the input's order. */
  readonly count: number;
  /** The result of the application at `index` in the input (a new object at each call). */
  result(index: number): ApplicationResult;
  /** One per agreement, in the input's order. */
  readonly agreements: AgreementOutcome[];
}

export function scoreAndAward(dataset: Dataset): Outcome {
  const run = runEngine(dataset);
  const results: ApplicationResult[] = [];
  for (let i = 0; i < run.count; i++) results.push(run.result(i));
  return { formatVersion: 1, callId: run.callId, results, agreements: run.agreements };
}

/** Scores and awards the call; the outcome's results are then built on demand. */
export function runEngine(dataset: Dataset): EngineRun {
  return new CallRun(dataset);
}

const NO_LEVELS: LevelsByLanguage = new Map();
const exclusionList = codeLists<ExclusionCode>(EXCLUSION_CODES);
const reasonList = codeLists<ChoiceReasonCode>(CHOICE_REASON_CODES);
// The masks' widths: reasons in a Uint8Array, exclusions in a Uint16Array.
if (CHOICE_REASON_CODES.length > 8 || EXCLUSION_CODES.length > 16)
  throw new Error("engine: widen the reason or exclusion masks for the outcome's codes");
/** An unknown student's choices are not eligible, with no reasons (SPEC 13): not a reason mask. */
const NOT_ASSESSED = 1 << CHOICE_REASON_CODES.length;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** The most counted choices the records hold (two 64-byte lines per application at most). */
const MOST_INLINE_CHOICES = 28;
/** Cells of an application's record (CallRun.record). */
const RECORD = {
  /** AgreementRules.centreId of the student's centre. */
  CENTRE: 0,
  /** 1-based rank among the centre's non-excluded applications. */
  RANK: 1,
  /** Index of the awarded agreement, or -1. */
  AWARDED: 2,
  /** How many eligible choices; their agreement indices follow, in the applicant's order. */
  COUNT: 3,
  CHOICES: 4,
} as const;

class CallRun implements EngineRun {
  readonly callId: string;
  readonly count: number;
  readonly agreements: AgreementOutcome[];

  private readonly dataset: Dataset;
  private readonly rules: CallRules;
  private readonly facts: readonly AgreementFacts[];
  private readonly perDestination: boolean;

  // Per application i.
  /** Index into dataset.students, or -1 for an unknown student. */
  private readonly studentOf: Int32Array;
  /** Mask of `EXCLUDED` bits (0: takes part). */
  private readonly exclusions: Uint16Array;
  /** Score figures in ten-thousandths (exact integers; total = the three summed). */
  private readonly weightedGrade: Float64Array;
  private readonly language: Float64Array;
  private readonly activities: Float64Array;
  private readonly total: Float64Array;
  /** Share of credits passed: its closest double, and numerator/denominator when both are safe integers. */
  private readonly shareApprox: Float64Array;
  private readonly shareNumerator: Float64Array;
  private readonly shareDenominator: Float64Array;
  /** The shares whose numerator or denominator are not safe integers (rare). */
  private readonly largeShares = new Map<number, CreditShare>();
  /** Validation instant: whole milliseconds, and the digits below them where there are any. */
  private readonly validatedMs: Float64Array;
  private readonly validatedSubMs = new Map<number, string>();
  /**
   * Position in the last links of the tie-break chain (credits share, validation time, id), under
   * `languageScope: destination` only (each destination compares applicants with it).
   */
  private readonly tail: Int32Array;
  /**
   * What the ranking and the award read and write of application i, in one cache line at
   * i × stride (see RECORD): they visit applications in rank order, i.e. in random memory order,
   * and at 1,000,000 applications one line per application instead of one per array is most of
   * their time.
   */
  private readonly record: Int32Array;
  private readonly stride: number;
  /** Whether the records hold the eligible choices (see the constructor). */
  private readonly inline: boolean;
  /** Centre ids (AgreementRules.centreId) run from 0 to centreCount − 1. */
  private centreCount = 0;

  // Per counted choice: application i's are the slots start[i] … start[i + 1] − 1.
  private readonly start: Int32Array;
  /** Agreement index, or -1 when the id names none. */
  private readonly agreementOf: Int32Array;
  /** Mask of `REASON` bits (0: eligible). */
  private readonly reasons: Uint8Array;
  /** Language units under `languageScope: destination` (empty under best). */
  private readonly choiceLanguage: Float64Array;

  /** Shared choice objects of choices with no total, by reasons (mask) and agreement. */
  private readonly untotalled: (ChoiceResult | undefined)[][] = [];

  constructor(dataset: Dataset) {
    const { call, agreements, applications } = dataset;
    this.dataset = dataset;
    this.callId = call.id;
    const rules = readCallRules(call);
    this.rules = rules;
    this.facts = agreements.map((agreement) => agreementFacts(rules, agreement));
    this.perDestination = call.scoring.languageScope === "destination";
    const n = applications.length;
    this.count = n;

    const start = int32s(n + 1);
    let mostChoices = 0;
    for (let i = 0; i < n; i++) {
      const counted = countedChoices(call, applications[i]!);
      if (counted > mostChoices) mostChoices = counted;
      start[i + 1] = start[i]! + counted;
    }
    const slots = start[n]!;
    this.start = start;
    this.agreementOf = int32s(slots);
    this.reasons = uint8s(slots);
    this.choiceLanguage = float64s(this.perDestination ? slots : 0);
    this.studentOf = int32s(n);
    this.exclusions = uint16s(n);
    this.weightedGrade = float64s(n);
    this.language = float64s(n);
    this.activities = float64s(n);
    this.total = float64s(n);
    this.shareApprox = float64s(n);
    this.shareNumerator = float64s(n);
    this.shareDenominator = float64s(n);
    this.validatedMs = float64s(n);
    this.tail = int32s(this.perDestination ? n : 0);
    // Whole 64-byte lines (16 cells) per application: 12 choices fit in one. A call without
    // maxChoices may list hundreds in one application: beyond 28 the record keeps no choices (the
    // award reads the slots), so one long list cannot multiply the memory of every record.
    this.inline = mostChoices <= MOST_INLINE_CHOICES;
    this.stride = this.inline ? (RECORD.CHOICES + mostChoices + 15) & ~15 : RECORD.CHOICES;
    this.record = int32s(n * this.stride);

    this.assessAll();
    let activeCount = 0;
    for (let i = 0; i < n; i++) if (this.exclusions[i] === 0) activeCount++;
    const active = int32s(activeCount);
    for (let i = 0, p = 0; i < n; i++) if (this.exclusions[i] === 0) active[p++] = i;
    const order = this.rankOrder(active);
    const byTail = this.perDestination ? this.chainOrder(active) : null;
    if (this.perDestination) {
      this.rankByCentre(order);
      this.agreements = this.awardPlaces(active, byTail!);
    } else this.agreements = this.awardInOrder(order);
  }

  // -------------------------------------------------------------------------------------------
  // Eligibility and scores (SPEC 5, 6, 12.1–12.3, 12.9–12.11, 13).

  private assessAll(): void {
    const { dataset, rules, facts, start, agreementOf, reasons } = this;
    const { agreements, applications, students } = dataset;
    // Ten million lookups among tens of thousands of ids: a prototype-less object (a hash table of
    // V8's own, whose keys the parsed ids already are) answers them about twice as fast as a Map.
    const agreementIndex: Record<string, number> = Object.create(null);
    agreements.forEach((a, i) => {
      if (agreementIndex[a.id] === undefined) agreementIndex[a.id] = i;
    });
    const studentIndex = new FirstIndex(students);
    // Students are usually listed in the applications' order: try the one after the last found
    // before the index (a million lookups in a million-id table are a million cache misses).
    // Only when ids are unique, else the index says which of them is meant (the first).
    const uniqueStudents = studentIndex.unique;
    let nextStudent = 0;
    const { record, stride } = this;
    const pointUnits = languagePointUnits(dataset.call);
    const choiceRules = new AgreementRules(facts);
    const levels = new Int8Array(choiceRules.languageCount).fill(-1);

    for (let i = 0; i < applications.length; i++) {
      const application = applications[i]!;
      const first = start[i]!;
      const end = start[i + 1]!;
      for (let slot = first; slot < end; slot++)
        agreementOf[slot] = agreementIndex[application.choices[slot - first]!] ?? -1;
      const validatedAt = application.validatedAt === null ? null : parseInstant(application.validatedAt);
      if (validatedAt !== null) {
        this.validatedMs[i] = validatedAt.epochMs;
        if (validatedAt.subMs !== "") this.validatedSubMs.set(i, validatedAt.subMs);
      }
      const r = i * stride;
      record[r + RECORD.AWARDED] = -1;
      const s =
        uniqueStudents && nextStudent < students.length && students[nextStudent]!.id === application.studentId
          ? nextStudent
          : studentIndex.get(application.studentId);
      this.studentOf[i] = s;
      if (s < 0) {
        // SPEC 13: UNKNOWN_STUDENT alone; its choices are not eligible, with no reasons.
        this.exclusions[i] = EXCLUDED.UNKNOWN_STUDENT;
        continue;
      }
      const student = students[s]!;
      // The student's best level by language id (AgreementRules.languageId), cleared again below,
      // and the best in any language.
      let best = -1;
      for (const certificate of student.languageCertificates) {
        const level = accreditedLevel(certificate);
        if (level === null) continue;
        if (level > best) best = level;
        const id = choiceRules.languageId(certificate.language);
        if (id >= 0 && level > levels[id]!) levels[id] = level;
      }
      const short = shortOfMonths(rules, student);
      nextStudent = s + 1;
      const centre = choiceRules.centreId(student.centre);
      if (centre >= this.centreCount) this.centreCount = centre + 1;
      record[r + RECORD.CENTRE] = centre;
      const cycle = choiceRules.cycleBit(student.cycle);
      let eligibleCount = 0;
      for (let slot = first; slot < end; slot++) {
        const index = agreementOf[slot]!;
        let mask: number;
        if (index < 0) mask = REASON.UNKNOWN_AGREEMENT;
        else {
          let earlier = first;
          while (earlier < slot && agreementOf[earlier] !== index) earlier++;
          mask =
            earlier < slot ? REASON.DUPLICATE : choiceRules.reasonMask(index, centre, cycle, levels, short);
        }
        reasons[slot] = mask;
        if (mask === 0) {
          if (this.inline) record[r + RECORD.CHOICES + eligibleCount] = index;
          eligibleCount++;
          // SPEC 12.1: the best verified level in one of the agreement's languages (0 where it names none).
          if (this.perDestination) {
            const level = choiceRules.bestOptionLevel(index, levels);
            this.choiceLanguage[slot] = level < 0 ? 0 : (pointUnits[level] ?? 0);
          }
        }
      }
      for (const certificate of student.languageCertificates) {
        const id = choiceRules.languageId(certificate.language);
        if (id >= 0) levels[id] = -1;
      }
      record[r + RECORD.COUNT] = eligibleCount;
      let excluded = exclusionMask(rules, student, validatedAt, short);
      if (validatedAt !== null && eligibleCount === 0) excluded |= EXCLUDED.NO_ELIGIBLE_CHOICE;
      this.exclusions[i] = excluded;
      if (excluded !== 0) continue;

      const share = creditShare(student);
      this.shareApprox[i] = share.approx;
      if (share.numerator <= MAX_SAFE_BIG && share.denominator <= MAX_SAFE_BIG) {
        this.shareNumerator[i] = Number(share.numerator);
        this.shareDenominator[i] = Number(share.denominator);
      } else {
        this.shareNumerator[i] = Number.NaN;
        this.shareDenominator[i] = Number.NaN;
        this.largeShares.set(i, share);
      }
      const weightedGrade = weightedGradeUnits(student, share);
      const activities = activityUnits(rules.call, student);
      const language = best < 0 ? 0 : (pointUnits[best] ?? 0);
      this.weightedGrade[i] = weightedGrade;
      this.activities[i] = activities;
      this.language[i] = language;
      this.total[i] = weightedGrade + language + activities;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Ranking (SPEC 12.4).

  /**
   * The non-excluded applications in rank order (SPEC 12.4): higher total, then higher weighted
   * grade, then higher language points, then the last links of the tie-break chain (`compareChain`).
   *
   * Scores are whole ten-thousandths, and total = weighted grade + language + activities, where
   * language and activities take a handful of values (a figure per CEFR level under best, and 0 or
   * the call's bonus). So among equal totals "higher weighted grade, then higher language" is
   * "lower language + activities, then higher language": a small code per (language, activities)
   * pair. One number per application, ((highest total − total) × codes + code) × n + i, sorted as
   * numbers (natively, no comparison callback), puts the applications in order up to the chain and
   * says which application each is; only runs of equal (total, code) are then sorted by the chain.
   * When that number would not be an exact double (totals spread over more than 2^53 / (codes × n)),
   * one comparison sort does the whole order instead (see ScoreKeys).
   */
  private rankOrder(active: Int32Array): Int32Array {
    const { total, weightedGrade, language } = this;
    const m = active.length;
    const n = this.count;
    const scores = new ScoreKeys();
    const pairOf = uint8s(m);
    for (let p = 0; p < m && !scores.overflow; p++) {
      const i = active[p]!;
      pairOf[p] = scores.pair(total[i]!, weightedGrade[i]!, language[i]!);
    }
    if (!scores.pack(n)) {
      const fallback = Array.from(active).sort(
        (a, b) =>
          total[b]! - total[a]! ||
          weightedGrade[b]! - weightedGrade[a]! ||
          language[b]! - language[a]! ||
          this.compareChain(a, b),
      );
      return Int32Array.from(fallback);
    }
    const keys = float64s(m);
    for (let p = 0; p < m; p++) {
      const i = active[p]!;
      keys[p] = scores.key(total[i]!, pairOf[p]!) * n + i;
    }
    keys.sort();
    const order = int32s(m);
    let runStart = 0;
    let runKey = -1;
    for (let p = 0; p < m; p++) {
      const key = keys[p]!;
      const i = key % n;
      order[p] = i;
      const scoreKey = (key - i) / n;
      if (scoreKey !== runKey) {
        if (p - runStart > 1) this.sortByChain(order, runStart, p);
        runStart = p;
        runKey = scoreKey;
      }
    }
    if (m - runStart > 1) this.sortByChain(order, runStart, m);
    return order;
  }

  /**
   * Under `languageScope: destination`: the applications in the order of the chain's last links
   * alone, each one's position kept as `tail`, which every destination's comparison ends with.
   */
  private chainOrder(active: Int32Array): Int32Array {
    const byTail = Int32Array.from(Array.from(active).sort((a, b) => this.compareChain(a, b)));
    for (let k = 0; k < byTail.length; k++) this.tail[byTail[k]!] = k;
    return byTail;
  }

  /** Sorts order[from … to − 1] by the tie-break chain's last links. */
  private sortByChain(order: Int32Array, from: number, to: number): void {
    if (to - from <= 16) {
      for (let p = from + 1; p < to; p++) {
        const i = order[p]!;
        let q = p;
        while (q > from && this.compareChain(order[q - 1]!, i) > 0) {
          order[q] = order[q - 1]!;
          q--;
        }
        order[q] = i;
      }
      return;
    }
    const run = Array.from(order.subarray(from, to)).sort((a, b) => this.compareChain(a, b));
    order.set(run, from);
  }

  /** The chain's last links (SPEC 12.4): higher share of credits passed, earlier validation, then id (UTF-16 order). */
  private compareChain(a: number, b: number): number {
    const { shareApprox, validatedMs, validatedSubMs } = this;
    const x = shareApprox[a]!;
    const y = shareApprox[b]!;
    if (x > y) return -1;
    if (x < y) return 1;
    const share = this.compareShares(b, a);
    if (share !== 0) return share;
    const ms = validatedMs[a]! - validatedMs[b]!;
    if (ms !== 0) return ms;
    const sub = compareSubMs(validatedSubMs.get(a) ?? "", validatedSubMs.get(b) ?? "");
    if (sub !== 0) return sub;
    const { applications } = this.dataset;
    const idA = applications[a]!.id;
    const idB = applications[b]!.id;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  }

  /** 1-based ranks among each centre's applications, from the order (under best the award does this as it goes). */
  private rankByCentre(order: Int32Array): void {
    const { record, stride } = this;
    const ranks = int32s(this.centreCount);
    for (let p = 0; p < order.length; p++) {
      const r = order[p]! * stride;
      const centre = record[r + RECORD.CENTRE]!;
      ranks[centre]!++;
      record[r + RECORD.RANK] = ranks[centre]!;
    }
  }

  /** Exact comparison of two applications' credit shares. */
  private compareShares(a: number, b: number): number {
    const x = this.shareApprox[a]!;
    const y = this.shareApprox[b]!;
    if (x < y) return -1;
    if (x > y) return 1;
    // Equal doubles (or one too large for them): cross-multiply, on doubles while that is exact.
    const left = this.shareNumerator[a]! * this.shareDenominator[b]!;
    const right = this.shareNumerator[b]! * this.shareDenominator[a]!;
    if (Math.abs(left) <= MAX_SAFE && Math.abs(right) <= MAX_SAFE)
      return left < right ? -1 : left > right ? 1 : 0;
    return compareCreditShares(this.exactShare(a), this.exactShare(b));
  }

  private exactShare(i: number): CreditShare {
    return (
      this.largeShares.get(i) ?? {
        numerator: BigInt(this.shareNumerator[i]!),
        denominator: BigInt(this.shareDenominator[i]!),
        approx: this.shareApprox[i]!,
      }
    );
  }

  // -------------------------------------------------------------------------------------------
  // The award (SPEC 7, 12.6).

  /**
   * Under `languageScope: best` every destination ranks applicants alike, and deferred acceptance
   * is exactly serial dictatorship (SPEC 7): in order, each takes the best eligible choice with a
   * place left. O(applications × choices), no heaps. Substitutes (SPEC 12.6): eligible applicants
   * who chose a destination and got neither it nor one they ranked above it, in the same order.
   */
  private awardInOrder(order: Int32Array): AgreementOutcome[] {
    const { record, stride, inline, start, reasons, agreementOf } = this;
    const { agreements, applications } = this.dataset;
    const left = agreements.map((a) => a.places);
    const awarded: string[][] = agreements.map(() => []);
    const substitutes: string[][] = agreements.map(() => []);
    // The ranks per centre on the way (SPEC 12.4), reading the same record.
    const ranks = int32s(this.centreCount);
    for (let p = 0; p < order.length; p++) {
      const i = order[p]!;
      const r = i * stride;
      const centre = record[r + RECORD.CENTRE]!;
      ranks[centre]!++;
      record[r + RECORD.RANK] = ranks[centre]!;
      const id = applications[i]!.id;
      // The two loops below differ only in where the choices are read. They stay two copies: one
      // shared closure for their body measured ×13.17 growth from 100k to 1M (engine wall time)
      // against ×10.28 for these, on the same idle machine (2026-11-24; bound ×12).
      if (inline) {
        const end = r + RECORD.CHOICES + record[r + RECORD.COUNT]!;
        for (let c = r + RECORD.CHOICES; c < end; c++) {
          const index = record[c]!;
          if (left[index]! > 0) {
            left[index]!--;
            record[r + RECORD.AWARDED] = index;
            awarded[index]!.push(id);
            break;
          }
          substitutes[index]!.push(id);
        }
        continue;
      }
      for (let slot = start[i]!; slot < start[i + 1]!; slot++) {
        if (reasons[slot] !== 0) continue;
        const index = agreementOf[slot]!;
        if (left[index]! > 0) {
          left[index]!--;
          record[r + RECORD.AWARDED] = index;
          awarded[index]!.push(id);
          break;
        }
        substitutes[index]!.push(id);
      }
    }
    return this.agreementOutcomes(awarded, substitutes);
  }

  /**
   * Under `languageScope: destination` each destination ranks by the applicant's score for it:
   * deferred acceptance (award.ts) on the eligible choices. Each eligible choice gets one packed
   * number (ScoreKeys: destination total and code, then `tail`), so a destination compares two
   * applicants by one subtraction and sorts its lists natively; `compareFor` when scores are too
   * spread to pack.
   */
  private awardPlaces(active: Int32Array, byTail: Int32Array): AgreementOutcome[] {
    const { start, agreementOf, reasons, record, stride, weightedGrade, activities, choiceLanguage, tail } =
      this;
    const { agreements, applications } = this.dataset;
    const m = active.length;
    // The eligible choices ("entries") of active application p: from[p] … from[p + 1] − 1, with
    // their slots in `eligible` and their applications in `owner`.
    const from = int32s(m + 1);
    for (let p = 0; p < m; p++) {
      const i = active[p]!;
      let count = 0;
      for (let slot = start[i]!; slot < start[i + 1]!; slot++) if (reasons[slot] === 0) count++;
      from[p + 1] = from[p]! + count;
    }
    const entries = from[m]!;
    const eligible = int32s(entries);
    const owner = int32s(entries);
    for (let p = 0, e = 0; p < m; p++) {
      const i = active[p]!;
      for (let slot = start[i]!; slot < start[i + 1]!; slot++) {
        if (reasons[slot] !== 0) continue;
        eligible[e] = slot;
        owner[e++] = i;
      }
    }

    const scores = new ScoreKeys();
    const pairOf = uint8s(entries);
    for (let e = 0; e < entries && !scores.overflow; e++) {
      const i = owner[e]!;
      const language = choiceLanguage[eligible[e]!]!;
      pairOf[e] = scores.pair(weightedGrade[i]! + language + activities[i]!, weightedGrade[i]!, language);
    }
    let keys: Float64Array | null = null;
    if (scores.pack(m)) {
      keys = float64s(entries);
      for (let e = 0; e < entries; e++) {
        const i = owner[e]!;
        const destinationTotal = weightedGrade[i]! + choiceLanguage[eligible[e]!]! + activities[i]!;
        keys[e] = scores.key(destinationTotal, pairOf[e]!) * m + tail[i]!;
      }
    }
    const compareEntries =
      keys === null
        ? (x: number, y: number) => this.compareFor(owner[x]!, eligible[x]!, owner[y]!, eligible[y]!)
        : (x: number, y: number) => keys[x]! - keys[y]!;

    const held = deferredAcceptance(
      m,
      (p) => from[p + 1]! - from[p]!,
      (p, k) => agreementOf[eligible[from[p]! + k]!]!,
      agreements.map((a) => a.places),
      (p, k, q, l) => compareEntries(from[p]! + k, from[q]! + l),
    );
    // Each destination's entries: awarded, and substitutes (eligible choices before the one awarded).
    const awarded: number[][] = agreements.map(() => []);
    const substitutes: number[][] = agreements.map(() => []);
    for (let p = 0; p < m; p++) {
      const k = held[p]!;
      const until = k >= 0 ? from[p]! + k : from[p + 1]!;
      for (let e = from[p]!; e < until; e++) substitutes[agreementOf[eligible[e]!]!]!.push(e);
      if (k >= 0) {
        const index = agreementOf[eligible[until]!]!;
        record[active[p]! * stride + RECORD.AWARDED] = index;
        awarded[index]!.push(until);
      }
    }
    let longest = 0;
    for (const list of [...awarded, ...substitutes]) if (list.length > longest) longest = list.length;
    const scratch = float64s(keys === null ? 0 : longest);
    // Ids by tail, read once: the lists name ~5 million applications at 1,000,000.
    const tailIds = new Array<string>(keys === null ? 0 : m);
    for (let t = 0; t < tailIds.length; t++) tailIds[t] = applications[byTail[t]!]!.id;
    const inOrder = (list: number[]): string[] => {
      if (keys === null) return list.sort(compareEntries).map((e) => applications[owner[e]!]!.id);
      // Sorted as numbers; key mod m is the application's tail.
      const sorted = scratch.subarray(0, list.length);
      for (let k = 0; k < list.length; k++) sorted[k] = keys[list[k]!]!;
      sorted.sort();
      const ids = new Array<string>(list.length);
      for (let k = 0; k < list.length; k++) ids[k] = tailIds[sorted[k]! % m]!;
      return ids;
    };
    return this.agreementOutcomes(awarded.map(inOrder), substitutes.map(inOrder));
  }

  /** How a destination ranks applications a and b, at their slots for it (`languageScope: destination`). */
  private compareFor(a: number, aSlot: number, b: number, bSlot: number): number {
    const { weightedGrade, activities, choiceLanguage, tail } = this;
    const aLanguage = choiceLanguage[aSlot]!;
    const bLanguage = choiceLanguage[bSlot]!;
    const aTotal = weightedGrade[a]! + aLanguage + activities[a]!;
    const bTotal = weightedGrade[b]! + bLanguage + activities[b]!;
    return (
      bTotal - aTotal || weightedGrade[b]! - weightedGrade[a]! || bLanguage - aLanguage || tail[a]! - tail[b]!
    );
  }

  private agreementOutcomes(awarded: string[][], substitutes: string[][]): AgreementOutcome[] {
    return this.dataset.agreements.map((agreement, i) => ({
      agreementId: agreement.id,
      places: agreement.places,
      awarded: awarded[i]!,
      substitutes: substitutes[i]!,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // The outcome, one application at a time.

  result(i: number): ApplicationResult {
    const application = this.dataset.applications[i]!;
    const { start, agreementOf, reasons } = this;
    const first = start[i]!;
    const end = start[i + 1]!;
    // Exactly as long as needed (a growing array would reserve room for 16 choices).
    const choices: ChoiceResult[] = new Array(end - first);
    const excluded = this.exclusions[i]!;
    if (excluded !== 0) {
      const unknown = excluded === EXCLUDED.UNKNOWN_STUDENT;
      for (let slot = first; slot < end; slot++) {
        choices[slot - first] = this.untotalledChoice(
          application.choices[slot - first]!,
          agreementOf[slot]!,
          unknown ? NOT_ASSESSED : reasons[slot]!,
        );
      }
      return {
        applicationId: application.id,
        studentId: application.studentId,
        status: "excluded",
        exclusions: exclusionList(excluded),
        score: null,
        rank: null,
        award: null,
        choices,
        languageCourseRequired: false,
      };
    }

    const weightedGrade = this.weightedGrade[i]!;
    const activities = this.activities[i]!;
    const total = scoreUnitsToNumber(this.total[i]!);
    let firstEligible: ChoiceResult | null = null;
    for (let slot = first; slot < end; slot++) {
      const agreementId = application.choices[slot - first]!;
      const mask = reasons[slot]!;
      if (mask !== 0) choices[slot - first] = this.untotalledChoice(agreementId, agreementOf[slot]!, mask);
      else {
        // Under best, every eligible choice's total is the application's: taken from the first
        // eligible choice's object, so all share one boxed number (not one allocated per choice).
        let choiceTotal: number | null;
        if (this.perDestination)
          choiceTotal = scoreUnitsToNumber(weightedGrade + this.choiceLanguage[slot]! + activities);
        else if (firstEligible === null) choiceTotal = total;
        else choiceTotal = firstEligible.total;
        const choice = choiceResult(agreementId, true, ELIGIBLE, choiceTotal);
        if (firstEligible === null) firstEligible = choice;
        choices[slot - first] = choice;
      }
    }

    let award: Award | null = null;
    let languageCourseRequired = false;
    const r = i * this.stride;
    const awardedAgreement = this.record[r + RECORD.AWARDED]!;
    if (awardedAgreement >= 0) {
      // The awarded choice: the eligible slot of that agreement (an agreement is eligible once at most).
      let slot = first;
      while (reasons[slot] !== 0 || agreementOf[slot] !== awardedAgreement) slot++;
      const student = this.dataset.students[this.studentOf[i]!]!;
      const facts = this.facts[agreementOf[slot]!]!;
      award = grantOf(this.rules, facts.agreement, slot - first, monthsLeft(this.rules, student));
      // SPEC 12.12: courses when the destination names languages and none is accredited at its minimum.
      languageCourseRequired =
        facts.options.length > 0 && !meetsLanguageRequirement(facts, levelsOf(student));
    }
    return {
      applicationId: application.id,
      studentId: application.studentId,
      status: award ? "awarded" : "substitute",
      exclusions: NO_EXCLUSIONS,
      score: {
        weightedGrade: scoreUnitsToNumber(weightedGrade),
        language: scoreUnitsToNumber(this.language[i]!),
        activities: scoreUnitsToNumber(activities),
        total,
      },
      rank: this.record[r + RECORD.RANK]!,
      award,
      choices,
      languageCourseRequired,
    };
  }

  /**
   * A choice with no total (not eligible, or of an excluded application). The object is shared by
   * every such choice of the same agreement with the same reasons: outcomes are read, not changed.
   */
  private untotalledChoice(agreementId: string, index: number, mask: number): ChoiceResult {
    const eligible = mask === 0;
    const reasonsOf = mask === NOT_ASSESSED ? NO_REASONS : reasonList(mask);
    if (index < 0) return choiceResult(agreementId, eligible, reasonsOf, null);
    let byAgreement = this.untotalled[mask];
    if (byAgreement === undefined) {
      byAgreement = new Array<ChoiceResult | undefined>(this.facts.length).fill(undefined);
      this.untotalled[mask] = byAgreement;
    }
    let choice = byAgreement[index];
    if (choice === undefined) {
      choice = choiceResult(agreementId, eligible, reasonsOf, null);
      byAgreement[index] = choice;
    }
    return choice;
  }
}

const MAX_SAFE_BIG = BigInt(MAX_SAFE);

/**
 * Packs a score (SPEC 12.4: higher total, then higher weighted grade, then higher language points)
 * and a last figure into one exact double, lower first. Scores are whole ten-thousandths and
 * total = weighted grade + language + activities, where language and activities take a handful of
 * values (a figure per CEFR level; 0 or the call's bonus). So among equal totals "higher weighted
 * grade, then higher language" is "lower rest (= language + activities), then higher language",
 * and each (language, rest) pair that occurs gets a code in that order:
 * key = ((highest total − total) × codes + code) × lasts + last.
 * Usage: `pair` for every score, then `pack(lasts)`, then `key(total, pair) * lasts + last`.
 */
class ScoreKeys {
  private readonly languages: number[] = [];
  private readonly rests: number[] = [];
  private codes: number[] = [];
  private highest = Number.NEGATIVE_INFINITY;
  private lowest = Number.POSITIVE_INFINITY;
  /** More than 256 pairs (one byte each): cannot pack. */
  overflow = false;

  /** Notes a score; returns the number (0–255) of its (language, rest) pair, for `key`. */
  pair(total: number, weightedGrade: number, language: number): number {
    if (total > this.highest) this.highest = total;
    if (total < this.lowest) this.lowest = total;
    const rest = total - weightedGrade;
    const { languages, rests } = this;
    let k = 0;
    while (k < languages.length && (languages[k] !== language || rests[k] !== rest)) k++;
    if (k === languages.length) {
      if (k === 256) {
        this.overflow = true;
        return 0;
      }
      languages.push(language);
      rests.push(rest);
    }
    return k;
  }

  /** Whether every key × lasts + last (last < lasts) is an exact double; orders the codes. */
  pack(lasts: number): boolean {
    const { languages, rests } = this;
    const spread = this.highest - this.lowest;
    if (this.overflow || !Number.isSafeInteger(spread) || (spread + 1) * languages.length * lasts > 2 ** 53)
      return false;
    const byPair = languages.map((_, k) => k);
    byPair.sort((x, y) => rests[x]! - rests[y]! || languages[y]! - languages[x]!);
    this.codes = new Array<number>(languages.length);
    byPair.forEach((k, code) => {
      this.codes[k] = code;
    });
    return true;
  }

  key(total: number, pair: number): number {
    return (this.highest - total) * this.languages.length + this.codes[pair]!;
  }
}
const ELIGIBLE = reasonList(0);
const NO_REASONS = reasonList(0);
const NO_EXCLUSIONS = exclusionList(0);

/** Every choice object is made here, so all share one shape. */
function choiceResult(
  agreementId: string,
  eligible: boolean,
  reasons: ChoiceReasonCode[],
  total: number | null,
): ChoiceResult {
  return { agreementId, eligible, reasons, total };
}

function levelsOf(student: Student): LevelsByLanguage {
  return student.languageCertificates.length > 0 ? studentLevels(student) : NO_LEVELS;
}

/** Digits below the millisecond, compared as a fraction (trailing zeros already removed). */
function compareSubMs(a: string, b: string): number {
  if (a === b) return 0;
  const width = Math.max(a.length, b.length);
  const x = a.padEnd(width, "0");
  const y = b.padEnd(width, "0");
  return x < y ? -1 : x > y ? 1 : 0;
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
