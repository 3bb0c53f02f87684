// fast-check arbitraries for whole engine datasets: varied call settings, agreements over a few
// centres, students with Annex II certificates, applications with drafts, late and unknown records,
// and deliberate ties (grades, credit shares, validation instants that are the same moment).
import fc from "fast-check";
import type {
  Activity,
  Agreement,
  Application,
  Call,
  CefrLevel,
  Cycle,
  Dataset,
  FundingGroup,
  LanguageCertificate,
  Student,
} from "../../src/domain/dataset.ts";
import { CATALOGUE, DEADLINE_2018, GROUPS_2018, PROGRAMME_COUNTRIES_2018 } from "./factories.ts";

const LEVELS: readonly CefrLevel[] = ["A1", "A2", "B1", "B2", "C1", "C2"];
const CENTRES = ["C1", "C2", "C3"] as const;
const LANGUAGES = ["en", "de", "fr", "it", "pt", "ro"] as const;
const COUNTRIES = ["DE", "GB", "PL", "IT", "SE", "TR"] as const;

/** Mostly `usual`, once in `oneIn` draws `rare` (shrinks towards `usual`). */
function rarely<T>(usual: T, rare: T, oneIn: number): fc.Arbitrary<T> {
  return fc.integer({ min: 0, max: oneIn - 1 }).map((n) => (n === oneIn - 1 ? rare : usual));
}

/** Mostly from `usual`, once in `oneIn` from `rare`. */
function sometimes<T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: usual }, { weight: 1, arbitrary: rare });
}

/** Points per level, non-decreasing; levels below a threshold are left out (they earn 0). */
const languagePointsArb: fc.Arbitrary<Call["scoring"]["languagePoints"]> = fc
  .record({
    firstListed: fc.integer({ min: 0, max: 3 }),
    steps: fc.array(fc.constantFrom(0, 1000, 2500, 5000, 3333, 1), { minLength: 6, maxLength: 6 }),
  })
  .map(({ firstListed, steps }) => {
    const points: Call["scoring"]["languagePoints"] = {};
    let tenThousandths = 0;
    LEVELS.forEach((level, i) => {
      tenThousandths += steps[i] ?? 0;
      // integer ten-thousandths / 10000 is the double nearest the decimal, with no sum artefacts
      if (i >= firstListed) points[level] = tenThousandths / 10000;
    });
    return points;
  });

const groupsArb: fc.Arbitrary<FundingGroup[]> = fc.constantFrom<FundingGroup[]>(
  GROUPS_2018.map((g) => ({ ...g, countries: [...g.countries] })),
  [
    { group: 1, monthlyEur: 320.5, countries: ["GB", "SE"] },
    { group: 2, monthlyEur: 212.35, countries: ["DE", "IT", "FR"] },
    { group: 3, monthlyEur: 100, countries: ["PL", "TR"] },
  ],
  // DE listed twice: the first group that lists a country decides (SPEC 13)
  [
    { group: 7, monthlyEur: 199.99, countries: ["DE", "PL", "TR"] },
    { group: 8, monthlyEur: 410, countries: ["GB", "SE", "IT", "DE"] },
  ],
);

export const callArb: fc.Arbitrary<Call> = fc
  .record({
    maxChoices: fc.option(fc.constantFrom(3, 2, 4, 1), { freq: 2, nil: undefined }),
    languagePoints: languagePointsArb,
    activityBonus: fc.constantFrom(0, 0.25, 0.5, 0.1, 0.3333),
    languageScope: fc.constantFrom("best" as const, "destination" as const),
    minYearOfStudy: sometimes(fc.constant(2), fc.constantFrom(1, 3), 6),
    minFirstYearCreditsPct: sometimes(fc.constant(60), fc.constantFrom(0, 75), 6),
    maxMonthsPerCycle: sometimes(fc.constant(12), fc.constantFrom(24, 10), 6),
    minMonths: sometimes(fc.constant(3), fc.constantFrom(2, 4.5), 6),
    maxMonths: fc.constantFrom(12, 9, 6),
    maxFundedMonths: fc.constantFrom(7, 5, 4.5, 12),
    groups: groupsArb,
  })
  .map((c) => {
    const call: Call = {
      id: "generated-call",
      academicYear: "2018/2019",
      kind: "study",
      applicationDeadline: DEADLINE_2018,
      scoring: {
        languagePoints: c.languagePoints,
        activityBonus: c.activityBonus,
        languageScope: c.languageScope,
      },
      eligibility: {
        minYearOfStudy: c.minYearOfStudy,
        minFirstYearCreditsPct: c.minFirstYearCreditsPct,
        maxMonthsPerCycle: c.maxMonthsPerCycle,
        programmeCountries: [...PROGRAMME_COUNTRIES_2018],
      },
      duration: { minMonths: c.minMonths, maxMonths: c.maxMonths },
      funding: { maxFundedMonths: c.maxFundedMonths, groups: c.groups },
    };
    if (c.maxChoices !== undefined) call.maxChoices = c.maxChoices;
    return call;
  });

const languageRequirementArb = fc.record({
  requiredAtApplication: rarely(false, true, 6),
  options: fc.uniqueArray(
    fc.record({
      language: fc.constantFrom("en", "de", "fr", "it"),
      minLevel: fc.constantFrom<CefrLevel>("B1", "B2", "C1"),
    }),
    { minLength: 1, maxLength: 2, selector: (o) => o.language },
  ),
});

const ALL_CYCLES: Cycle[] = ["grado", "master", "doctorado"];

/** An agreement without its id (ids are given by position). */
const agreementBodyArb = fc.record({
  centreRef: fc.nat({ max: 2 }),
  // Switzerland is in no funding group of 2018/2019 (SPEC 12.10)
  country: sometimes(fc.constantFrom(...COUNTRIES), fc.constant("CH"), 12),
  places: sometimes(fc.constantFrom(1, 1, 2, 2, 3), fc.constant(0), 10),
  months: sometimes(fc.constantFrom(5, 3, 4, 6, 9, 10, 12), fc.constant(2), 12),
  cycles: sometimes(fc.constant(ALL_CYCLES), fc.subarray(ALL_CYCLES, { minLength: 1 }), 6),
  languageRequirement: fc.option(languageRequirementArb, { nil: undefined }),
});
type AgreementBody = typeof agreementBodyArb extends fc.Arbitrary<infer T> ? T : never;

function agreementFrom(body: AgreementBody, i: number, centres: readonly string[]): Agreement {
  const agreement: Agreement = {
    id: `G${i}`,
    centre: centres[body.centreRef % centres.length]!,
    partner: { name: `Partner ${i}`, country: body.country },
    places: body.places,
    months: body.months,
    cycles: [...body.cycles],
  };
  if (body.languageRequirement !== undefined) agreement.languageRequirement = body.languageRequirement;
  return agreement;
}

/** The range minima of a score-range family (per component for TOEIC), lowest level first. */
function rangeMinima(levels: Record<string, unknown>, component?: string): number[] {
  return LEVELS.flatMap((level) => {
    const range = levels[level] as Record<string, { min: number }> | { min: number } | undefined;
    if (range === undefined) return [];
    const min =
      component === undefined
        ? (range as { min: number }).min
        : (range as Record<string, { min: number }>)[component]?.min;
    return min === undefined ? [] : [min];
  });
}

/** A score near a range boundary: a range's minimum moved by a small offset. */
const nearBoundaryArb = fc.record({
  range: fc.nat({ max: 5 }),
  offset: fc.constantFrom(0, 0, -1, -0.5, 0.5, 1, 7, 200),
});

function nearBoundary(minima: number[], pick: { range: number; offset: number }): number {
  return Math.max(0, (minima[pick.range % minima.length] ?? 0) + pick.offset);
}

/** One certificate of any Annex II family, the level test, or an unknown id; sometimes unverified. */
export const certificateArb: fc.Arbitrary<LanguageCertificate> = fc
  .record({
    familyIndex: fc.integer({ min: -2, max: CATALOGUE.certificates.length - 1 }),
    language: fc.constantFrom(...LANGUAGES),
    ownLanguage: fc.option(fc.nat({ max: 10 }), { freq: 3, nil: null }),
    level: fc.constantFrom(...LEVELS),
    result: nearBoundaryArb,
    components: fc.array(nearBoundaryArb, { minLength: 4, maxLength: 4 }),
    dropComponent: fc.constantFrom(-1, -1, -1, 0, 3),
    verified: rarely(true, false, 4),
  })
  .map((c) => {
    if (c.familyIndex === -2) {
      return { certificate: "xx-unknown-cert", language: c.language, level: c.level, verified: c.verified };
    }
    if (c.familyIndex === -1) {
      return { certificate: "level-test", language: c.language, level: c.level, verified: c.verified };
    }
    const f = CATALOGUE.certificates[c.familyIndex]!;
    // mostly a language the family covers, sometimes any language
    const own = f.language === "*" ? (f.languages ?? []) : [f.language];
    const language =
      c.ownLanguage === null || own.length === 0 ? c.language : own[c.ownLanguage % own.length]!;
    const certificate: LanguageCertificate = { certificate: f.id, language, verified: c.verified };
    if (f.kind === "named-levels") {
      certificate.level = c.level;
    } else if (f.components !== undefined) {
      const results: Record<string, number> = {};
      f.components.forEach((name, i) => {
        const pick = c.components[i] ?? { range: 0, offset: 0 };
        if (i !== c.dropComponent)
          results[name] = Math.round(nearBoundary(rangeMinima(f.levels, name), pick));
      });
      certificate.results = results;
    } else {
      certificate.result = nearBoundary(rangeMinima(f.levels), c.result);
    }
    return certificate;
  });

const activityArb: fc.Arbitrary<Activity> = fc
  .record({
    kind: fc.constantFrom("international-event" as const, "mentor-programme" as const),
    positiveEvaluation: fc.option(fc.boolean(), { nil: undefined }),
    verified: fc.boolean(),
  })
  .map(({ kind, positiveEvaluation, verified }) =>
    positiveEvaluation === undefined ? { kind, verified } : { kind, positiveEvaluation, verified },
  );

const INSTANTS: readonly (string | null)[] = [
  "2018-05-02T10:00:00+02:00",
  "2018-05-02T08:00:00Z", // the same instant as the line above
  "2018-05-01T09:00:00+02:00",
  "2018-04-23T00:00:00+02:00",
  "2018-05-07T14:00:00+02:00", // exactly the deadline: on time
  "2018-05-07T17:30:00+05:30", // the deadline again, written in another offset
  "2018-05-07T12:00:01Z", // one second late
  null, // a draft
];

/** Where a choice points: an agreement of the student's own centre, any agreement, or no agreement. */
const choiceRefArb = fc.oneof(
  { weight: 14, arbitrary: fc.noBias(fc.nat({ max: 5039 })).map((n) => ({ kind: "own" as const, n })) },
  { weight: 1, arbitrary: fc.noBias(fc.nat({ max: 5039 })).map((n) => ({ kind: "any" as const, n })) },
  { weight: 1, arbitrary: fc.nat({ max: 1 }).map((n) => ({ kind: "unknown" as const, n })) },
);

const ID_PREFIXES = ["A", "a", "B", "Z", "A-", "é"] as const;

const applicationBodyArb = fc.record({
  prefix: fc.constantFrom(...ID_PREFIXES),
  // mostly on time (two spellings of one instant make validation-time ties); rarely late or a draft
  validatedAt: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...INSTANTS.slice(0, 6)) },
    { weight: 1, arbitrary: fc.constantFrom(...INSTANTS.slice(6)) },
  ),
  choices: fc.array(choiceRefArb, { minLength: 1, maxLength: 5, size: "+2" }),
});
type ApplicationBody = typeof applicationBodyArb extends fc.Arbitrary<infer T> ? T : never;

/** A student without id (given by position), with the application they may have made. */
const studentBodyArb = fc.record({
  centreRef: sometimes(fc.nat({ max: 5 }), fc.constant(9), 20),
  cycle: fc.constantFrom<Cycle>("grado", "grado", "master", "doctorado"),
  yearOfStudy: sometimes(fc.constantFrom(2, 3, 4), fc.constant(1), 12),
  // few distinct values: equal grades and equal credit shares are common
  averageGrade: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(4, 6.4, 7.5, 8, 8.123, 9.999, 10, 0) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 10000 }).map((n) => n / 1000) },
  ),
  creditsPassed: fc.constantFrom(0, 34.5, 60, 120, 150, 180, 240, 250.5, 260),
  degreeCredits: fc.constantFrom(60, 90, 120, 240, 300),
  firstYearCreditsPct: sometimes(fc.constantFrom(60, 70, 100), fc.constant(50), 12),
  nationality: sometimes(fc.constantFrom("ES", "IT", "PL"), fc.constantFrom("RU", "CH"), 10),
  residencePermit: fc.boolean(),
  enrolled: rarely(true, false, 20),
  hasDebts: rarely(false, true, 20),
  inOtherMobilityProgramme: rarely(false, true, 20),
  previousErasmusMonths: sometimes(fc.constant(0), fc.constantFrom(3, 5, 9.5, 10), 6),
  languageCertificates: fc.array(certificateArb, { maxLength: 3 }),
  activities: fc.array(activityArb, { maxLength: 2 }),
  application: fc.option(applicationBodyArb, { freq: 8, nil: null }),
});

export interface DatasetShape {
  minAgreements: number;
  maxAgreements: number;
  minStudents: number;
  maxStudents: number;
  maxApplications: number;
  maxCentres: 1 | 2 | 3;
}

/** A bit of everything: several centres, few students, many kinds of exclusions. */
export const VARIED: DatasetShape = {
  minAgreements: 1,
  maxAgreements: 7,
  minStudents: 1,
  maxStudents: 12,
  maxApplications: 14,
  maxCentres: 3,
};

/** Many applicants for few places in one or two centres: contention, substitutes and ties. */
export const CROWDED: DatasetShape = {
  minAgreements: 2,
  maxAgreements: 4,
  minStudents: 8,
  maxStudents: 18,
  maxApplications: 18,
  maxCentres: 2,
};

export function datasetArb(shape: DatasetShape = VARIED): fc.Arbitrary<Dataset> {
  return fc
    .record({
      call: callArb,
      centreCount: fc.integer({ min: 1, max: shape.maxCentres }),
      agreements: fc.array(agreementBodyArb, {
        minLength: shape.minAgreements,
        maxLength: shape.maxAgreements,
        size: "+1",
      }),
      students: fc.array(
        fc.record({
          body: studentBodyArb,
          // a twin copies an earlier student's merits and centre: ties down to the last tie-break
          twinOf: fc.option(fc.nat(), { freq: 4, nil: null }),
        }),
        { minLength: shape.minStudents, maxLength: shape.maxStudents, size: "+1" },
      ),
      // applications naming a student id that is not in the data
      ghosts: fc.array(fc.tuple(applicationBodyArb, fc.nat()), { maxLength: 1 }),
    })
    .map(({ call, centreCount, agreements, students, ghosts }) => {
      const centres = CENTRES.slice(0, centreCount);
      const agreementRecords = agreements.map((body, i) => agreementFrom(body, i, centres));
      const chosen = (centre: string, refs: ApplicationBody["choices"]) =>
        refs.map((ref) => {
          const own = agreementRecords.filter((a) => a.centre === centre);
          if (ref.kind === "own" && own.length > 0) return own[ref.n % own.length]!.id;
          if (ref.kind === "unknown") return `NOPE-${ref.n}`;
          return agreementRecords[ref.n % agreementRecords.length]!.id;
        });
      const studentRecords: Student[] = [];
      const applicationRecords: Application[] = [];
      students.forEach(({ body, twinOf }, i) => {
        const { centreRef, application, ...rest } = body;
        // students belong to centres that have agreements; rarely to one that has none
        const withAgreements = centres.filter((c) => agreementRecords.some((a) => a.centre === c));
        const centre = centreRef === 9 ? "C9" : withAgreements[centreRef % withAgreements.length]!;
        const twin = twinOf === null ? undefined : studentRecords[twinOf % (i + 1)];
        const student: Student =
          twin === undefined
            ? { id: `S${i}`, centre, ...rest }
            : {
                ...rest,
                id: `S${i}`,
                centre: twin.centre,
                averageGrade: twin.averageGrade,
                creditsPassed: twin.creditsPassed,
                degreeCredits: twin.degreeCredits,
                languageCertificates: twin.languageCertificates,
                activities: twin.activities,
              };
        studentRecords.push(student);
        if (application === null || applicationRecords.length >= shape.maxApplications) return;
        applicationRecords.push({
          id: `${application.prefix}${i}`,
          studentId: student.id,
          validatedAt: application.validatedAt,
          choices: chosen(student.centre, application.choices),
        });
      });
      ghosts.forEach(([application, at], g) => {
        const ghost: Application = {
          id: `${application.prefix}-ghost${g}`,
          studentId: `S-GHOST-${g}`,
          validatedAt: application.validatedAt,
          choices: chosen(centres[0]!, application.choices),
        };
        applicationRecords.splice(at % (applicationRecords.length + 1), 0, ghost);
      });
      const dataset: Dataset = {
        formatVersion: 1,
        call,
        agreements: agreementRecords,
        students: studentRecords,
        applications: applicationRecords,
      };
      return dataset;
    });
}
