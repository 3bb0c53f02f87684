// What the back-office pages read from the API (its OpenAPI document), as far as they read it.
import type { CefrLevel, Outcome } from "../../../lib/types.ts";

export interface DemandCount {
  first: number;
  any: number;
}

export interface Dashboard {
  callId: string;
  centre: string | null;
  applications: { total: number; draft: number; validated: number; withPendingDocuments: number };
  documents: { pending: number; verified: number; rejected: number };
  destinations: {
    agreementId: string;
    centre: string;
    partnerName: string;
    country: string;
    places: number;
    demand: DemandCount;
    validatedDemand: DemandCount;
  }[];
}

export interface ApplicationSummary {
  id: string;
  studentId: string;
  centre: string | null;
  choices: number;
  status: "draft" | "validated";
  validatedAt: string | null;
  receiptId: string | null;
}

export interface Application {
  id: string;
  studentId: string;
  choices: string[];
  status: "draft" | "validated";
  validatedAt: string | null;
  receiptId: string | null;
}

export interface StudentDetail {
  id: string;
  name: string | null;
  email: string | null;
  centre: string;
  degree: string | null;
  cycle: "grado" | "master" | "doctorado";
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
}

export type DocumentStatus = "pending" | "verified" | "rejected";

export interface StudentDocument {
  id: string;
  studentId: string;
  centre: string;
  kind: "language-certificate" | "activity";
  certificate: string | null;
  language: string | null;
  level: CefrLevel | null;
  result: number | null;
  activityKind: "international-event" | "mentor-programme" | null;
  positiveEvaluation: boolean | null;
  file: { sha256: string; size: number; mediaType: string; name: string | null } | null;
  status: DocumentStatus;
  reviewReason: string | null;
  reviewedAt: string | null;
  uploadedAt: string;
}

export interface AwardRun {
  id: string;
  seq: number;
  centre: string | null;
  inputSha256: string;
  runBy: { userId: string | null; label: string };
  runAt: string;
}

export type AwardRunWithOutcome = AwardRun & { outcome: Outcome };

type Change<T> = { from: T; to: T } | undefined;
export interface Reasons {
  exclusions: string[];
  choices: { agreementId: string; eligible: boolean; reasons: string[] }[];
}

export interface RunChanges {
  from: string;
  to: string;
  changes: {
    applicationId: string;
    studentId: string;
    status?: Change<"awarded" | "substitute" | "excluded" | null>;
    rank?: Change<number | null>;
    award?: Change<string | null>;
    exclusions?: Change<string[] | null>;
    total?: Change<number | null>;
    why: { from: Reasons | null; to: Reasons | null };
  }[];
}

export interface Publication {
  id: string;
  centre: string;
  kind: "provisional" | "definitive";
  runId: string;
  supersedesId: string | null;
  reason: string | null;
  publishedAt: string;
  supersededById: string | null;
  current: boolean;
}

export interface Claim {
  id: string;
  centre: string;
  studentId: string;
  listId: string;
  text: string;
  status: "open" | "accepted" | "rejected";
  resolutionReason: string | null;
  filedAt: string;
  resolvedAt: string | null;
  attachments: { position: number; size: number; mediaType: string; name: string | null }[];
}
