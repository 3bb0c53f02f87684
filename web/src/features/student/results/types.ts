// What the API answers for documents, lists, claims and offers, as far as the student's pages and
// the public lists read it: inferred from the server's zod schemas (src/schemas/responses/,
// type-only imports; see docs/decisions/0006-web.md).
import type { z } from "zod";
import type { certificateFamilySchema } from "../../../../../src/schemas/responses/certificates.ts";
import type { claimSchema, renunciationSchema } from "../../../../../src/schemas/responses/claim.ts";
import type { documentSchema } from "../../../../../src/schemas/responses/document.ts";
import type {
  ownListViewSchema,
  publicationSchema,
  publicationSummarySchema,
  publicEntrySchema,
  publicListSchema,
} from "../../../../../src/schemas/responses/lists.ts";
import type { offerSchema } from "../../../../../src/schemas/responses/offer.ts";

export type StudentDocument = z.infer<typeof documentSchema>;
export type DocumentStatus = StudentDocument["status"];

export type CertificateFamily = z.infer<typeof certificateFamilySchema>;

export type Publication = z.infer<typeof publicationSchema>;
export type ListKind = Publication["kind"];
export type PublicationSummary = z.infer<typeof publicationSummarySchema>;
export type PublicEntry = z.infer<typeof publicEntrySchema>;
export type SubstitutePosition = PublicEntry["substitutePositions"][number];
export type PublicList = z.infer<typeof publicListSchema>;
export type OwnListView = z.infer<typeof ownListViewSchema>;
export type OwnResult = OwnListView["view"]["result"];
export type Claim = z.infer<typeof claimSchema>;
/** The pages read only whose it is, at which stage, and when. */
export type Renunciation = Pick<z.infer<typeof renunciationSchema>, "studentId" | "stage" | "renouncedAt">;
export type Offer = z.infer<typeof offerSchema>;
