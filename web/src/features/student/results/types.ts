// What the API answers for documents, lists, claims and offers (its OpenAPI document), as far as
// the student's pages and the public lists read it.
import type { CefrLevel, OutcomeResult, Score } from "../../../lib/types.ts";

export type DocumentStatus = "pending" | "verified" | "rejected";

export interface StudentDocument {
  id: string;
  callId: string;
  studentId: string;
  kind: "language-certificate" | "activity";
  certificate: string | null;
  language: string | null;
  level: CefrLevel | null;
  result: number | null;
  results: Record<string, number> | null;
  activityKind: "international-event" | "mentor-programme" | null;
  positiveEvaluation: boolean | null;
  file: { sha256: string; size: number; mediaType: string; name: string | null } | null;
  status: DocumentStatus;
  reviewReason: string | null;
  reviewedAt: string | null;
  uploadedAt: string;
}

export interface CertificateFamily {
  id: string;
  name: string;
  languages: string[];
  anyLanguage: boolean;
  grading: "named-levels" | "score-ranges" | "components";
  levels: CefrLevel[];
  components: string[];
}

export type ListKind = "provisional" | "definitive";

export interface Publication {
  id: string;
  callId: string;
  centre: string;
  kind: ListKind;
  runId: string;
  supersedesId: string | null;
  reason: string | null;
  publishedAt: string;
}

export interface PublicationSummary extends Publication {
  supersededById: string | null;
  current: boolean;
}

export interface SubstitutePosition {
  agreementId: string;
  position: number;
}

export interface PublicEntry {
  maskedId: string;
  initials: string;
  status: "awarded" | "substitute" | "excluded";
  rank: number | null;
  score: Score | null;
  exclusions: string[];
  destination: { agreementId: string; partnerName: string; country: string } | null;
  substitutePositions: SubstitutePosition[];
}

export interface PublicList extends Publication {
  entries: PublicEntry[];
}

export interface OwnResult extends Omit<OutcomeResult, "award"> {
  award: {
    agreementId: string;
    choice: number;
    months: number;
    group: number | null;
    monthlyEur: number;
    fundedMonths: number;
    grantEstimateEur: number;
  } | null;
}

export interface OwnListView extends Publication {
  maskedId: string;
  view: {
    result: OwnResult;
    substitutePositions: SubstitutePosition[];
    destinations: { agreementId: string; places: number; awarded: number; substitutes: number }[];
  };
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

export interface Renunciation {
  stage: "claims" | "acceptance";
  renouncedAt: string;
}

export interface Offer {
  id: string;
  centre: string;
  studentId: string;
  agreementId: string;
  round: number;
  listId: string;
  offeredAt: string;
  respondBy: string;
  status: "offered" | "accepted" | "renounced" | "lapsed";
  respondedAt: string | null;
  partnerAcceptedAt: string | null;
  enrolmentRecordedAt: string | null;
  firm: boolean;
}
