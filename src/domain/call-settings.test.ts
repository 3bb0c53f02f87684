import { describe, expect, it } from "vitest";
import {
  type CallCalendar,
  calendarProblems,
  centreRulesProblems,
  settingsProblems,
} from "./call-settings.ts";
import type { Call } from "./dataset.ts";

// R-327/18, second call 2018/2019 (SPEC 4).
const SEED: CallCalendar = {
  applicationOpensAt: "2018-04-23T00:00:00+02:00",
  applicationDeadline: "2018-05-07T14:00:00+02:00",
  documentsDeadline: "2018-05-07T14:00:00+02:00",
  levelTestAt: "2018-05-04T09:30:00+02:00",
  provisionalListAt: "2018-05-11T09:00:00+02:00",
  claimsOpenAt: "2018-05-12T00:00:00+02:00",
  claimsCloseAt: "2018-05-22T23:59:59+02:00",
  definitiveListAt: "2018-05-23T09:00:00+02:00",
  acceptanceDeadline: "2018-05-25T23:59:59+02:00",
};

const EMPTY: CallCalendar = {
  applicationOpensAt: null,
  applicationDeadline: "2018-05-07T14:00:00+02:00",
  documentsDeadline: null,
  levelTestAt: null,
  provisionalListAt: null,
  claimsOpenAt: null,
  claimsCloseAt: null,
  definitiveListAt: null,
  acceptanceDeadline: null,
};

const CALL: Call = {
  id: "c",
  academicYear: "2018/2019",
  kind: "study",
  applicationDeadline: SEED.applicationDeadline,
  scoring: {
    languagePoints: { B1: 0.5, B2: 1, C1: 1.25, C2: 1.5 },
    activityBonus: 0.25,
    languageScope: "best",
  },
  eligibility: {
    minYearOfStudy: 2,
    minFirstYearCreditsPct: 60,
    maxMonthsPerCycle: 12,
    programmeCountries: ["ES", "DE"],
  },
  duration: { minMonths: 3, maxMonths: 12 },
  funding: {
    maxFundedMonths: 7,
    groups: [
      { group: 1, monthlyEur: 300, countries: ["DK"] },
      { group: 2, monthlyEur: 250, countries: ["DE"] },
    ],
  },
};

const fields = (calendar: CallCalendar) => calendarProblems(calendar).map((p) => p.path.join("/"));

describe("the calendar of a call (SPEC 4)", () => {
  it("accepts the seed's calendar, and a calendar with only the deadline", () => {
    expect(calendarProblems(SEED)).toEqual([]);
    expect(calendarProblems(EMPTY)).toEqual([]);
  });

  it.each([
    [
      "an opening at the deadline (after the level test)",
      { applicationOpensAt: SEED.applicationDeadline },
      ["calendar/applicationDeadline", "calendar/levelTestAt"],
    ],
    [
      "the level test before the opening",
      { levelTestAt: "2018-04-20T09:30:00+02:00" },
      ["calendar/levelTestAt"],
    ],
    [
      "the provisional list before the documents deadline",
      { provisionalListAt: "2018-05-07T13:00:00+02:00" },
      ["calendar/provisionalListAt"],
    ],
    ["an empty claims window", { claimsCloseAt: SEED.claimsOpenAt }, ["calendar/claimsCloseAt"]],
    [
      "the definitive list before the claims close",
      { definitiveListAt: "2018-05-22T09:00:00+02:00" },
      ["calendar/definitiveListAt"],
    ],
    [
      "acceptance before the definitive list, written in UTC",
      { acceptanceDeadline: "2018-05-23T06:59:59Z" },
      ["calendar/acceptanceDeadline"],
    ],
  ] as const)("refuses %s", (_name, change, expected) => {
    expect(fields({ ...SEED, ...change })).toEqual(expected);
  });

  it("allows a stage to end at the instant the next begins (claims close = definitive list)", () => {
    expect(calendarProblems({ ...SEED, definitiveListAt: SEED.claimsCloseAt })).toEqual([]);
    expect(calendarProblems({ ...SEED, documentsDeadline: SEED.provisionalListAt })).toEqual([]);
  });

  it("checks dates across one left empty, and names each misplaced date once with every reason", () => {
    const calendar = {
      ...EMPTY,
      provisionalListAt: "2018-05-11T09:00:00+02:00",
      acceptanceDeadline: "2018-05-10T00:00:00+02:00",
    };
    expect(calendarProblems(calendar)).toEqual([
      {
        path: ["calendar", "acceptanceDeadline"],
        message: "must not be before provisionalListAt (2018-05-11T09:00:00+02:00)",
      },
    ]);
  });

  it("compares instants, not texts, to below the millisecond", () => {
    expect(
      fields({
        ...EMPTY,
        applicationOpensAt: "2018-05-07T12:00:00.0001Z",
        applicationDeadline: "2018-05-07T14:00:00+02:00",
      }),
    ).toEqual(["calendar/applicationDeadline"]);
  });
});

describe("the settings of a call", () => {
  const paths = (call: Call) => settingsProblems(call).map((p) => p.path.join("/"));

  it("accepts the seed's settings", () => {
    expect(settingsProblems(CALL)).toEqual([]);
  });

  it.each([
    ["two years that do not follow", { academicYear: "2018/2018" }, ["academicYear"]],
    [
      "fewer points for a higher level",
      { scoring: { ...CALL.scoring, languagePoints: { B1: 1, C1: 0.5 } } },
      ["scoring/languagePoints/C1"],
    ],
    ["min months above max months", { duration: { minMonths: 13, maxMonths: 12 } }, ["duration/minMonths"]],
    [
      "a stay longer than a cycle allows",
      { duration: { minMonths: 3, maxMonths: 14 } },
      ["duration/maxMonths"],
    ],
    [
      "more funded months than months",
      { funding: { ...CALL.funding, maxFundedMonths: 13 } },
      ["funding/maxFundedMonths"],
    ],
    [
      "a programme country twice",
      { eligibility: { ...CALL.eligibility, programmeCountries: ["ES", "ES"] } },
      ["eligibility/programmeCountries/1"],
    ],
    [
      "a country in two funding groups, and a group number twice",
      {
        funding: {
          maxFundedMonths: 7,
          groups: [
            { group: 1, monthlyEur: 300, countries: ["DK"] },
            { group: 1, monthlyEur: 250, countries: ["DE", "DK"] },
          ],
        },
      },
      ["funding/groups/1/group", "funding/groups/1/countries/1"],
    ],
  ] as const)("refuses %s", (_name, change, expected) => {
    expect(paths({ ...CALL, ...change } as Call)).toEqual(expected);
  });

  it("checks a centre's rules on top of the call, saying when the call's own value is the other side", () => {
    expect(centreRulesProblems(CALL, { duration: { minMonths: 4 }, maxChoices: 3 })).toEqual([]);
    expect(centreRulesProblems(CALL, { duration: { minMonths: 13 } })).toEqual([
      { path: ["duration", "minMonths"], message: "must not exceed maxMonths (12)" },
    ]);
    expect(centreRulesProblems(CALL, { eligibility: { maxMonthsPerCycle: 6 } })).toEqual([
      {
        path: ["duration", "maxMonths"],
        message: "must not exceed eligibility.maxMonthsPerCycle (6) (the call's value)",
      },
    ]);
  });
});
