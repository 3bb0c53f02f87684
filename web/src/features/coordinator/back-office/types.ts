// What the back-office pages read from the API (its OpenAPI document): the response types are
// inferred from the server's zod schemas (src/schemas/responses/, type-only imports; see
// docs/decisions/0006-web.md).
import type { z } from "zod";
import type { applicationSummarySchema } from "../../../../../src/schemas/responses/application.ts";
import type { claimSchema } from "../../../../../src/schemas/responses/claim.ts";
import type { dashboardSchema } from "../../../../../src/schemas/responses/dashboard.ts";
import type { documentSchema } from "../../../../../src/schemas/responses/document.ts";
import type {
  publicationSummarySchema,
  runChangesSchema,
  runSchema,
  runWithOutcomeSchema,
} from "../../../../../src/schemas/responses/lists.ts";
import type { studentSchema } from "../../../../../src/schemas/responses/student.ts";

export type Dashboard = z.infer<typeof dashboardSchema>;
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;
export type { Application } from "../../../lib/types.ts";
export type StudentDetail = z.infer<typeof studentSchema>;
export type StudentDocument = z.infer<typeof documentSchema>;
export type DocumentStatus = StudentDocument["status"];
export type AwardRun = z.infer<typeof runSchema>;
export type AwardRunWithOutcome = z.infer<typeof runWithOutcomeSchema>;
export type RunChanges = z.infer<typeof runChangesSchema>;
export type Reasons = NonNullable<RunChanges["changes"][number]["why"]["from"]>;
export type Publication = z.infer<typeof publicationSummarySchema>;
export type Claim = z.infer<typeof claimSchema>;
