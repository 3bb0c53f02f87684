// What scoring and award produce, exactly as `schemas/outcome.schema.json` describes it.

/** Why a whole application is out, in the order they are reported. */
export const EXCLUSION_CODES = [
  "NOT_VALIDATED",
  "LATE",
  "UNKNOWN_STUDENT",
  "NOT_ENROLLED",
  "NATIONALITY",
  "YEAR_OF_STUDY",
  "FIRST_YEAR_CREDITS",
  "OTHER_PROGRAMME",
  "DEBTS",
  "NO_MONTHS_LEFT",
  "NO_ELIGIBLE_CHOICE",
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

/** Why one choice is not eligible, in the order they are reported. */
export const CHOICE_REASON_CODES = [
  "UNKNOWN_AGREEMENT",
  "DUPLICATE",
  "WRONG_CENTRE",
  "CYCLE",
  "COUNTRY_NOT_IN_PROGRAMME",
  "NO_PLACES",
  "LANGUAGE_REQUIRED",
  "DURATION",
] as const;
export type ChoiceReasonCode = (typeof CHOICE_REASON_CODES)[number];

export type ApplicationStatus = "awarded" | "substitute" | "excluded";

export interface Score {
  weightedGrade: number;
  language: number;
  activities: number;
  total: number;
}

export interface Award {
  agreementId: string;
  /** 1-based position of the awarded agreement in the application's choices. */
  choice: number;
  months: number;
  group: number | null;
  monthlyEur: number;
  fundedMonths: number;
  grantEstimateEur: number;
}

export interface ChoiceResult {
  agreementId: string;
  eligible: boolean;
  reasons: ChoiceReasonCode[];
  /** The score for this destination; null when not eligible or the application is excluded. */
  total: number | null;
}

export interface ApplicationResult {
  applicationId: string;
  studentId: string;
  status: ApplicationStatus;
  exclusions: ExclusionCode[];
  score: Score | null;
  rank: number | null;
  award: Award | null;
  choices: ChoiceResult[];
  languageCourseRequired: boolean;
}

export interface AgreementOutcome {
  agreementId: string;
  places: number;
  /** Application ids in this destination's ranking order. */
  awarded: string[];
  /** Application ids in this destination's ranking order (SPEC 12.6). */
  substitutes: string[];
}

export interface Outcome {
  formatVersion: 1;
  callId: string;
  inputSha256?: string;
  /** One per application, in the input's order. */
  results: ApplicationResult[];
  /** One per agreement, in the input's order. */
  agreements: AgreementOutcome[];
}
