// A call's data, exactly as `schemas/dataset.schema.json` describes it (SPEC 14).
// The schema is the source of truth; these types mirror it for the engine.

export const CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export type Cycle = "grado" | "master" | "doctorado";
export type LanguageScope = "best" | "destination";

export interface FundingGroup {
  group: number;
  monthlyEur: number;
  countries: string[];
}

export interface Call {
  id: string;
  academicYear: string;
  kind: "study" | "traineeship";
  /** RFC 3339 instant; validations after it are late. */
  applicationDeadline: string;
  maxChoices?: number;
  scoring: {
    languagePoints: Partial<Record<CefrLevel, number>>;
    activityBonus: number;
    languageScope: LanguageScope;
  };
  eligibility: {
    minYearOfStudy: number;
    minFirstYearCreditsPct: number;
    maxMonthsPerCycle: number;
    programmeCountries: string[];
  };
  duration: { minMonths: number; maxMonths: number };
  funding: { maxFundedMonths: number; groups: FundingGroup[] };
}

export interface LanguageOption {
  language: string;
  minLevel: CefrLevel;
}

export interface Agreement {
  id: string;
  centre: string;
  partner: { erasmusCode?: string; name: string; country: string };
  places: number;
  months: number;
  cycles: Cycle[];
  subjectArea?: string;
  languageRequirement?: { requiredAtApplication: boolean; options: LanguageOption[] };
}

export interface LanguageCertificate {
  /** An id of the Annex II catalogue, or "level-test" for the university's own test. */
  certificate: string;
  language: string;
  level?: CefrLevel;
  result?: number;
  results?: Record<string, number>;
  verified: boolean;
}

export interface Activity {
  kind: "international-event" | "mentor-programme";
  positiveEvaluation?: boolean;
  verified: boolean;
}

export interface Student {
  id: string;
  name?: string;
  centre: string;
  cycle: Cycle;
  yearOfStudy: number;
  averageGrade: number;
  creditsPassed: number;
  degreeCredits: number;
  firstYearCreditsPct: number;
  nationality: string;
  residencePermit: boolean;
  enrolled: boolean;
  hasDebts: boolean;
  inOtherMobilityProgramme: boolean;
  previousErasmusMonths: number;
  gender?: "female" | "male" | "other" | "undisclosed";
  disability?: boolean;
  disadvantaged?: boolean;
  languageCertificates: LanguageCertificate[];
  activities: Activity[];
}

export interface Application {
  id: string;
  studentId: string;
  /** RFC 3339 instant of the formal submission; null for a draft. */
  validatedAt: string | null;
  /** Agreement ids, most wanted first. */
  choices: string[];
}

export interface Dataset {
  formatVersion: 1;
  call: Call;
  agreements: Agreement[];
  students: Student[];
  applications: Application[];
}
