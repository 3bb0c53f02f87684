// What a client sees of the append-only audit log: one record per change, a page at a time.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";

export const auditRecordSchema = z
  .object({
    id: z.int(),
    at: z.iso.datetime({ offset: true }),
    actor: z.object({
      userId: z.string().nullable(),
      role: z.string().nullable(),
      label: z.string().describe('"user:<id>", "cli", "system" or "setup"'),
    }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    callId: z.string().nullable(),
    centre: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: "AuditRecord" });

/** Newest first; `next` is the `before` of the following page (null: no more). */
export const auditPageSchema = z.object({ items: z.array(auditRecordSchema), next: z.int().nullable() });
