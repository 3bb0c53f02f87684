// What the student portal reads from the API (src/http/presenters/application.ts, offer.ts), and
// how it loads it: the student's call, their application (if any), options, score and receipt.
import { ApiError, api, request } from "../../../lib/api.ts";
import { currentCall } from "../../../lib/calls.ts";
import type { Agreement, Call, CefrLevel, Score, User } from "../../../lib/types.ts";

export interface Penalty {
  id: string;
  callId: string;
  agreementId: string;
  nominationDeadline: string;
  renouncedAt: string;
}

export interface Destination {
  agreement: Omit<Agreement, "nominationDeadline">;
  eligible: boolean;
  reasons: string[];
}

export interface Options {
  callId: string;
  studentId: string;
  centre: string;
  maxChoices: number | null;
  exclusions: string[];
  destinations: Destination[];
  penalties: Penalty[];
}

export interface Application {
  id: string;
  choices: string[];
  status: "draft" | "validated";
  validatedAt: string | null;
  receiptId: string | null;
  updatedAt: string | null;
}

export interface Receipt {
  receiptId: string;
  sha256: string;
  choices: string[];
  validatedAt: string;
  validatedAtMadrid: string;
}

export interface ScorePreview {
  languageScope: "best" | "destination";
  record: { averageGrade: number; creditsPassed: number; degreeCredits: number };
  score: Score;
  levels: { language: string; level: CefrLevel }[];
  ifPendingVerified: Score | null;
  documents: {
    id: string;
    kind: "language-certificate" | "activity";
    status: "pending" | "verified" | "rejected";
    certificate: string | null;
    language: string | null;
    accredits: CefrLevel | null;
    activityKind: "international-event" | "mentor-programme" | null;
    counts: boolean;
  }[];
}

export const applicationPath = (callId: string, studentId: string, rest = "") =>
  `/api/calls/${encodeURIComponent(callId)}/students/${encodeURIComponent(studentId)}/application${rest}`;

/** The student's application, or null while there is none (asked through the list: no 404 logged). */
export async function loadApplication(callId: string, studentId: string): Promise<Application | null> {
  const { items } = await api.get<{ items: { studentId: string }[] }>(
    `/api/calls/${encodeURIComponent(callId)}/applications`,
  );
  if (!items.some((a) => a.studentId === studentId)) return null;
  return api.get<Application>(applicationPath(callId, studentId));
}

export interface StudentContext {
  call: Call;
  studentId: string;
  options: Options;
  application: Application | null;
  receipt: Receipt | null;
}

/** Everything the student's pages start from; null when there is no call or no student record. */
export async function loadStudentContext(user: User | null): Promise<StudentContext | null> {
  if (!user?.studentId) return null;
  const call = await currentCall();
  if (!call) return null;
  const studentId = user.studentId;
  const [options, application] = await Promise.all([
    api.get<Options>(applicationPath(call.id, studentId, "/options")),
    loadApplication(call.id, studentId),
  ]);
  const receipt =
    application?.status === "validated"
      ? await api.get<Receipt>(applicationPath(call.id, studentId, "/receipt"))
      : null;
  return { call, studentId, options, application, receipt };
}

export const saveDraft = (callId: string, studentId: string, choices: string[]) =>
  request<Application>("PUT", applicationPath(callId, studentId), { choices });

export const validate = (callId: string, studentId: string) =>
  api.post<Receipt>(applicationPath(callId, studentId, "/validation"));

/** The workflow's reason of a refusal (`CODE: text` in the first issue), e.g. DEADLINE_PASSED. */
export function refusalReason(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const message = error.issues[0]?.message ?? "";
  return /^([A-Z_]+):/.exec(message)?.[1] ?? null;
}

/** The monthly grant of a country under the call (null: not in any funding group). */
export function monthlyGrant(call: Call, country: string): number | null {
  return call.funding.groups.find((g) => g.countries.includes(country))?.monthlyEur ?? null;
}
