// What the student portal reads from the API (src/schemas/responses/application.ts, offer.ts), and
// how it loads it: the student's call, their application (if any), options, score and receipt.
import type { z } from "zod";
import type {
  applicationOptionsSchema,
  receiptSchema,
  scorePreviewSchema,
} from "../../../../../src/schemas/responses/application.ts";
import type { penaltySchema } from "../../../../../src/schemas/responses/offer.ts";
import { api, request } from "../../../lib/api.ts";
import { currentCall } from "../../../lib/calls.ts";
import type { Application, Call, User } from "../../../lib/types.ts";

// The response types are inferred from the server's zod schemas (type-only imports: nothing in the
// bundle; docs/decisions/0006-web.md).
export type Penalty = z.infer<typeof penaltySchema>;
export type Options = z.infer<typeof applicationOptionsSchema>;
export type Destination = Options["destinations"][number];
export type { Application } from "../../../lib/types.ts";
export type Receipt = z.infer<typeof receiptSchema>;
export type ScorePreview = z.infer<typeof scorePreviewSchema>;

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

/** The monthly grant of a country under the call (null: not in any funding group). */
export function monthlyGrant(call: Call, country: string): number | null {
  return call.funding.groups.find((g) => g.countries.includes(country))?.monthlyEur ?? null;
}
