// Whether a call's settings and calendar make sense together (SPEC 4, 6, 8, 12): what a schema
// cannot say field by field. Each problem names its field, so a form can show it where it belongs.

import { type CentreRules, callForCentre } from "./centre-rules.ts";
import { type Call, CEFR_LEVELS } from "./dataset.ts";
import { compareInstants, parseInstant } from "./instant.ts";

/** The dates of a call (SPEC 4), RFC 3339 instants; only the application deadline is required. */
export interface CallCalendar {
  applicationOpensAt: string | null;
  applicationDeadline: string;
  documentsDeadline: string | null;
  levelTestAt: string | null;
  provisionalListAt: string | null;
  claimsOpenAt: string | null;
  claimsCloseAt: string | null;
  definitiveListAt: string | null;
  acceptanceDeadline: string | null;
}

export type CalendarField = keyof CallCalendar;

/**
 * Days each further acceptance round gives a substitute to answer (SPEC 7: freed places go to
 * substitutes; the seed names no window). A setting of the call; at least a day, at most 60.
 */
export const DEFAULT_ACCEPTANCE_ROUND_DAYS = 3;
export const ACCEPTANCE_ROUND_DAYS = { min: 1, max: 60 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When an offer made at `offeredAt` in a further round must be answered by (inclusive). */
export const roundDeadline = (offeredAt: Date, days: number): Date =>
  new Date(offeredAt.getTime() + days * DAY_MS);

/**
 * The order of a call's stages: a field may not come before a field of an earlier stage. The
 * documents deadline and the level test share the application's stage (R-327/18: the test on
 * 4 May, documents until the deadline of 7 May); all of them come before the provisional list.
 */
const STAGE: Readonly<Record<CalendarField, number>> = {
  applicationOpensAt: 0,
  applicationDeadline: 1,
  documentsDeadline: 1,
  levelTestAt: 1,
  provisionalListAt: 2,
  claimsOpenAt: 3,
  claimsCloseAt: 4,
  definitiveListAt: 5,
  acceptanceDeadline: 6,
};

/** Windows that must last: they may not end at the instant they open. */
const STRICT: ReadonlyArray<readonly [CalendarField, CalendarField]> = [
  ["applicationOpensAt", "applicationDeadline"],
  ["claimsOpenAt", "claimsCloseAt"],
];

export const CALENDAR_FIELDS = Object.keys(STAGE) as CalendarField[];

export interface SettingsProblem {
  /** The field, as a path into the call (e.g. ["calendar", "claimsCloseAt"]). */
  path: string[];
  message: string;
}

/** Every pair of dates out of order; a date left empty constrains nothing. */
export function calendarProblems(calendar: CallCalendar): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const given = CALENDAR_FIELDS.flatMap((field) => {
    const text = calendar[field];
    return text === null ? [] : [{ field, instant: parseInstant(text) }];
  });
  for (const later of given) {
    const violated = given.flatMap((earlier) => {
      if (STAGE[earlier.field] >= STAGE[later.field]) return [];
      const order = compareInstants(later.instant, earlier.instant);
      const strict = STRICT.some(([a, b]) => a === earlier.field && b === later.field);
      if (order > 0 || (order === 0 && !strict)) return [];
      const text = calendar[earlier.field];
      return [`${strict ? "must be after" : "must not be before"} ${earlier.field} (${text})`];
    });
    if (violated.length > 0) problems.push({ path: ["calendar", later.field], message: violated.join("; ") });
  }
  return problems;
}

/** The settings of scoring, eligibility, duration and funding that contradict each other. */
export function settingsProblems(call: Omit<Call, "id" | "applicationDeadline">): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const [first, second] = call.academicYear.split("/").map(Number);
  if (first === undefined || second !== first + 1)
    problems.push({ path: ["academicYear"], message: "must be two consecutive years, e.g. 2018/2019" });

  // A higher level never earns fewer points (SPEC 6: 0.5 B1, 1 B2, 1.25 C1, 1.5 C2).
  let best: { level: string; points: number } | undefined;
  for (const level of CEFR_LEVELS) {
    const points = call.scoring.languagePoints[level];
    if (points === undefined) continue;
    if (best !== undefined && points < best.points)
      problems.push({
        path: ["scoring", "languagePoints", level],
        message: `must not be below the points of ${best.level} (${best.points})`,
      });
    else best = { level, points };
  }

  const { minMonths, maxMonths } = call.duration;
  if (minMonths > maxMonths)
    problems.push({ path: ["duration", "minMonths"], message: `must not exceed maxMonths (${maxMonths})` });
  if (maxMonths > call.eligibility.maxMonthsPerCycle)
    problems.push({
      path: ["duration", "maxMonths"],
      message: `must not exceed eligibility.maxMonthsPerCycle (${call.eligibility.maxMonthsPerCycle})`,
    });
  if (call.funding.maxFundedMonths > maxMonths)
    problems.push({
      path: ["funding", "maxFundedMonths"],
      message: `must not exceed duration.maxMonths (${maxMonths})`,
    });

  const programme = call.eligibility.programmeCountries;
  programme.forEach((country, i) => {
    if (programme.indexOf(country) !== i)
      problems.push({
        path: ["eligibility", "programmeCountries", String(i)],
        message: `${country} is listed twice`,
      });
  });

  // Each destination country belongs to one funding group at most (SPEC 8).
  const groupOfCountry = new Map<string, number>();
  const numbers = new Set<number>();
  call.funding.groups.forEach((group, g) => {
    if (numbers.has(group.group))
      problems.push({
        path: ["funding", "groups", String(g), "group"],
        message: `group ${group.group} is defined twice`,
      });
    numbers.add(group.group);
    group.countries.forEach((country, c) => {
      const other = groupOfCountry.get(country);
      if (other !== undefined)
        problems.push({
          path: ["funding", "groups", String(g), "countries", String(c)],
          message: `${country} is already in group ${other}`,
        });
      else groupOfCountry.set(country, group.group);
    });
  });
  return problems;
}

/** A centre's rules must leave its version of the call as sane as the call itself. */
export function centreRulesProblems(call: Call, rules: CentreRules): SettingsProblem[] {
  const own = new Set([
    ...Object.keys(rules.scoring ?? {}).map((key) => `scoring/${key}`),
    ...Object.keys(rules.eligibility ?? {}).map((key) => `eligibility/${key}`),
    ...Object.keys(rules.duration ?? {}).map((key) => `duration/${key}`),
  ]);
  return settingsProblems(callForCentre(call, rules)).map((problem) =>
    // A problem in a field the centre did not set comes from the call's value: say so.
    own.has(problem.path.slice(0, 2).join("/"))
      ? problem
      : { ...problem, message: `${problem.message} (the call's value)` },
  );
}
