// What the API answers (its OpenAPI document, /api/openapi.json), as far as the pages read it.

export type Role =
  | "student"
  | "coordinator"
  | "office"
  | "language-service"
  | "mentor"
  | "incoming"
  | "admin";
export const ROLES: readonly Role[] = [
  "student",
  "coordinator",
  "office",
  "language-service",
  "mentor",
  "incoming",
  "admin",
];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  centre: string | null;
  studentId: string | null;
  active: boolean;
  preferredLanguage: "es" | "en";
}

export interface Session {
  user: User | null;
  csrfToken: string | null;
}

export const CALENDAR_FIELDS = [
  "applicationOpensAt",
  "applicationDeadline",
  "documentsDeadline",
  "levelTestAt",
  "provisionalListAt",
  "claimsOpenAt",
  "claimsCloseAt",
  "definitiveListAt",
  "acceptanceDeadline",
] as const;
export type CalendarField = (typeof CALENDAR_FIELDS)[number];

export type CefrLevel = "A1" | "A2" | "B1" | "B2" | "C1" | "C2";

export interface Call {
  id: string;
  academicYear: string;
  kind: "study" | "traineeship";
  round: number | null;
  maxChoices: number | null;
  /** Days each further acceptance round gives a substitute to answer (1–60). */
  acceptanceRoundDays: number;
  scoring: {
    languagePoints: Partial<Record<CefrLevel, number>>;
    activityBonus: number;
    languageScope: "best" | "destination";
  };
  eligibility: {
    minYearOfStudy: number;
    minFirstYearCreditsPct: number;
    maxMonthsPerCycle: number;
    programmeCountries: string[];
  };
  duration: { minMonths: number; maxMonths: number };
  funding: {
    maxFundedMonths: number;
    groups: { group: number; monthlyEur: number; countries: string[] }[];
  };
  calendar: Record<Exclude<CalendarField, "applicationDeadline">, string | null> & {
    applicationDeadline: string;
  };
  updatedAt: string;
}

export interface Centre {
  code: string;
  name: string;
  nameEn: string | null;
}

export interface Agreement {
  id: string;
  centre: string;
  partner: { name: string; country: string; erasmusCode?: string };
  places: number;
  months: number;
  cycles: ("grado" | "master" | "doctorado")[];
  subjectArea?: string;
  languageRequirement?: {
    requiredAtApplication: boolean;
    options: { language: string; minLevel: CefrLevel }[];
  };
  nominationDeadline: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Score {
  weightedGrade: number;
  language: number;
  activities: number;
  total: number;
}

export interface OutcomeResult {
  applicationId: string;
  studentId: string;
  status: "awarded" | "substitute" | "excluded";
  exclusions: string[];
  score: Score | null;
  rank: number | null;
  award: { agreementId: string; choice: number; months: number; grantEstimateEur: number } | null;
  choices: { agreementId: string; eligible: boolean; reasons: string[]; total: number | null }[];
  languageCourseRequired: boolean;
}

export interface Outcome {
  callId: string;
  results: OutcomeResult[];
  agreements: { agreementId: string; places: number; awarded: string[]; substitutes: string[] }[];
}

export interface StudentRecord {
  id: string;
  name: string | null;
  centre: string;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: { userId: string | null; role: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string;
  callId: string | null;
  centre: string | null;
  before: unknown;
  after: unknown;
}
