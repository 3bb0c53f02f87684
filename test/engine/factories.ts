// Small builders for engine datasets: a 2018/2019-like call (R-327/18, SPEC 4-8) and records with
// overridable fields, so each test states only what it is about.
import { readFileSync } from "node:fs";
import { FUNDING_GROUPS_2018_2019, PROGRAMME_COUNTRIES_2018_2019 } from "../../src/demo/university.ts";
import type {
  Agreement,
  Application,
  Call,
  Dataset,
  LanguageCertificate,
  Student,
} from "../../src/domain/dataset.ts";
import { scoreAndAward } from "../../src/domain/engine.ts";
import type { ApplicationResult, ChoiceResult, Outcome } from "../../src/domain/outcome.ts";

/** SPEC 5 and 8: the programme countries and grant groups of 2018/2019 (one list, in src/demo). */
export const PROGRAMME_COUNTRIES_2018 = PROGRAMME_COUNTRIES_2018_2019;
export const GROUPS_2018 = FUNDING_GROUPS_2018_2019;

export const DEADLINE_2018 = "2018-05-07T14:00:00+02:00";
/** A validation instant comfortably inside the application window. */
export const ON_TIME = "2018-05-02T10:00:00+02:00";

export interface CallOverrides
  extends Partial<Omit<Call, "scoring" | "eligibility" | "duration" | "funding">> {
  scoring?: Partial<Call["scoring"]>;
  eligibility?: Partial<Call["eligibility"]>;
  duration?: Partial<Call["duration"]>;
  funding?: Partial<Call["funding"]>;
}

/** The second call 2018/2019 with the default settings of SPEC 6, 8 and 12. */
export function makeCall(overrides: CallOverrides = {}): Call {
  const { scoring, eligibility, duration, funding, ...rest } = overrides;
  return {
    id: "upct-erasmus-2018-2019-r2",
    academicYear: "2018/2019",
    kind: "study",
    applicationDeadline: DEADLINE_2018,
    ...rest,
    scoring: {
      languagePoints: { B1: 0.5, B2: 1, C1: 1.25, C2: 1.5 },
      activityBonus: 0.25,
      languageScope: "best",
      ...scoring,
    },
    eligibility: {
      minYearOfStudy: 2,
      minFirstYearCreditsPct: 60,
      maxMonthsPerCycle: 12,
      programmeCountries: [...PROGRAMME_COUNTRIES_2018],
      ...eligibility,
    },
    duration: { minMonths: 3, maxMonths: 12, ...duration },
    funding: {
      maxFundedMonths: 7,
      groups: GROUPS_2018.map((g) => ({ ...g, countries: [...g.countries] })),
      ...funding,
    },
  };
}

export function makeAgreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: "AG-DE",
    centre: "ETSII",
    partner: { name: "Partner University", country: "DE" },
    places: 1,
    months: 5,
    cycles: ["grado", "master", "doctorado"],
    ...overrides,
  };
}

/** A grado student of ETSII who meets every general rule of SPEC 5; weighted grade 3.5. */
export function makeStudent(overrides: Partial<Student> = {}): Student {
  return {
    id: "S1",
    centre: "ETSII",
    cycle: "grado",
    yearOfStudy: 3,
    averageGrade: 7,
    creditsPassed: 120,
    degreeCredits: 240,
    firstYearCreditsPct: 100,
    nationality: "ES",
    residencePermit: false,
    enrolled: true,
    hasDebts: false,
    inOtherMobilityProgramme: false,
    previousErasmusMonths: 0,
    languageCertificates: [],
    activities: [],
    ...overrides,
  };
}

export function makeApplication(overrides: Partial<Application> = {}): Application {
  return {
    id: "A1",
    studentId: "S1",
    validatedAt: ON_TIME,
    choices: ["AG-DE"],
    ...overrides,
  };
}

export interface DatasetParts {
  call?: Call;
  agreements?: Agreement[];
  students?: Student[];
  applications?: Application[];
}

/** Defaults: one ETSII agreement with Germany (1 place, 5 months), one student, one application. */
export function makeDataset(parts: DatasetParts = {}): Dataset {
  return {
    formatVersion: 1,
    call: parts.call ?? makeCall(),
    agreements: parts.agreements ?? [makeAgreement()],
    students: parts.students ?? [makeStudent()],
    applications: parts.applications ?? [makeApplication()],
  };
}

export function cert(
  certificate: string,
  language: string,
  fields: Partial<Omit<LanguageCertificate, "certificate" | "language">> = {},
): LanguageCertificate {
  return { certificate, language, verified: true, ...fields };
}

export function run(dataset: Dataset): Outcome {
  return scoreAndAward(dataset);
}

export function resultOf(outcome: Outcome, applicationId: string): ApplicationResult {
  const result = outcome.results.find((r) => r.applicationId === applicationId);
  if (result === undefined) throw new Error(`no result for application ${applicationId}`);
  return result;
}

/** The one result of a one-application dataset. */
export function onlyResult(outcome: Outcome): ApplicationResult {
  if (outcome.results.length !== 1) throw new Error(`expected one result, got ${outcome.results.length}`);
  return outcome.results[0]!;
}

export function agreementOutcome(outcome: Outcome, agreementId: string) {
  const agreement = outcome.agreements.find((a) => a.agreementId === agreementId);
  if (agreement === undefined) throw new Error(`no outcome for agreement ${agreementId}`);
  return agreement;
}

/** Choice results reduced to what the reason tables compare. */
export function choiceSummary(choices: readonly ChoiceResult[]) {
  return choices.map((c) => ({ agreementId: c.agreementId, eligible: c.eligible, reasons: c.reasons }));
}

/** Annex II as data (SPEC 9), typed for the tests that walk it. */
export interface ScoreRange {
  min: number;
  max: number | null;
}
export interface CertificateFamily {
  id: string;
  language: string;
  languages?: string[];
  appliesToOtherLanguages?: boolean;
  kind: "named-levels" | "score-ranges";
  components?: string[];
  levels: Record<string, unknown>;
}
export interface CertificateCatalogue {
  levelOrder: string[];
  certificates: CertificateFamily[];
}

export const CATALOGUE: CertificateCatalogue = JSON.parse(
  readFileSync(new URL("../../src/domain/data/language-certificates.json", import.meta.url), "utf8"),
) as CertificateCatalogue;

export function family(id: string): CertificateFamily {
  const found = CATALOGUE.certificates.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no certificate family ${id}`);
  return found;
}

/** The languages a family accredits when it does not cover every language. */
export function familyLanguages(f: CertificateFamily): string[] {
  return f.language === "*" ? (f.languages ?? []) : [f.language];
}
