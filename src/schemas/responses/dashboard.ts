// A centre's dashboard for the call (issue 5): applications by status, documents to review,
// places against demand per destination.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";

const demand = z.object({
  first: z.int().describe("applications ranking it first"),
  any: z.int().describe("applications ranking it at any position"),
});

export const dashboardSchema = z
  .object({
    callId: z.string(),
    centre: z.string().nullable().describe("null: every centre"),
    applications: z.object({
      total: z.int(),
      draft: z.int(),
      validated: z.int(),
      withPendingDocuments: z.int().describe("applications whose student has a document awaiting review"),
    }),
    documents: z.object({ pending: z.int(), verified: z.int(), rejected: z.int() }),
    destinations: z.array(
      z.object({
        agreementId: z.string(),
        centre: z.string(),
        partnerName: z.string(),
        country: z.string(),
        places: z.int(),
        demand: demand.describe("over drafts and validated applications"),
        validatedDemand: demand.describe("over validated applications only"),
      }),
    ),
  })
  .meta({ id: "Dashboard" });
