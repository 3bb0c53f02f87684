// What the API answers (its OpenAPI document, /api/openapi.json), as far as the pages read it.
// The response types are inferred from the server's own zod schemas (src/schemas/responses/, pure
// modules: zod and pure constants only); type-only imports, so nothing is added to the bundle
// (docs/decisions/0006-web.md). What no shared schema describes is declared here.
import type { z } from "zod";
import type { agreementSchema } from "../../../src/schemas/responses/agreement.ts";
import type { applicationSchema } from "../../../src/schemas/responses/application.ts";
import type { auditPageSchema, auditRecordSchema } from "../../../src/schemas/responses/audit.ts";
import type { callSchema } from "../../../src/schemas/responses/call.ts";
import type { centreSchema } from "../../../src/schemas/responses/centre.ts";
import type { outcomeSchema } from "../../../src/schemas/responses/outcome.ts";
import type { studentSchema } from "../../../src/schemas/responses/student.ts";
import type { userSchema } from "../../../src/schemas/responses/user.ts";

export type { CefrLevel } from "../../../src/domain/dataset.ts";

export type User = z.infer<typeof userSchema>;
export type Role = User["role"];
export const ROLES: readonly Role[] = [
  "student",
  "coordinator",
  "office",
  "language-service",
  "mentor",
  "incoming",
  "admin",
];

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
] as const satisfies readonly (keyof Call["calendar"])[];
export type CalendarField = (typeof CALENDAR_FIELDS)[number];

export type Call = z.infer<typeof callSchema>;
export type Centre = z.infer<typeof centreSchema>;
export type Agreement = z.infer<typeof agreementSchema>;
/** An application as the student portal and the back office read it. */
export type Application = z.infer<typeof applicationSchema>;

export interface Page<T> {
  items: T[];
  total: number;
}

export type { ImportReport } from "../../../src/schemas/common.ts";

export type Outcome = z.infer<typeof outcomeSchema>;
export type OutcomeResult = Outcome["results"][number];
export type Score = NonNullable<OutcomeResult["score"]>;

/** The pages read only who a student is (the full record: StudentDetail in the back office). */
export type StudentRecord = Pick<z.infer<typeof studentSchema>, "id" | "name" | "centre">;

export type AuditRecord = z.infer<typeof auditRecordSchema>;
/** A page of the audit log, newest first; `next` is the `before` of the following page. */
export type AuditPage = z.infer<typeof auditPageSchema>;
