import type { Kysely } from "kysely";
import { type AuditRecord, listAudit } from "../db/repositories/audit-log.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";

export interface ReadAuditLogOptions {
  db: Kysely<DB>;
  actor: Actor;
  callId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** The `next` of the previous page: records older than this id. */
  before?: number | undefined;
  limit: number;
}

/** One page of the audit log, newest first, narrowed to what the actor may read. */
export async function readAuditLog(
  options: ReadAuditLogOptions,
): Promise<{ items: AuditRecord[]; next: number | null }> {
  const { db, actor, limit } = options;
  authorize(actor, "audit:read");
  const scope = scopeOf(actor, "audit:read");
  // Today only office and administrators read it (scope "all"); were coordinators given
  // audit:read, they would see their centre's records and nothing else.
  if (scope.kind === "none" || scope.kind === "student") return { items: [], next: null };
  const rows = await listAudit(db, {
    limit: limit + 1,
    ...(scope.kind === "centre" ? { centre: scope.centre } : {}),
    ...(options.callId !== undefined ? { callId: options.callId } : {}),
    ...(options.entityType !== undefined ? { entityType: options.entityType } : {}),
    ...(options.entityId !== undefined ? { entityId: options.entityId } : {}),
    ...(options.before !== undefined ? { before: options.before } : {}),
  });
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1]!.id : null };
}
