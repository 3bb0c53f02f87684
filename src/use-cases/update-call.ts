import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import {
  findCall,
  listCentreRules,
  type StoredCall,
  updateCall as writeCall,
} from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { UpdateCallInput } from "../schemas/calls.ts";
import { callChanges, checkCallContent, contentAfterEdit } from "./call-content.ts";
import { inTransaction, notFound } from "./office-errors.ts";

/**
 * Edits a call's settings or calendar. The result is checked as a whole (dates in order, settings
 * sane, every centre's rules still sane on top); the audit log gets what changed, before → after.
 * An edit that changes nothing writes nothing.
 */
export async function updateCall(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  edit: UpdateCallInput;
}): Promise<StoredCall> {
  const { db, clock, actor, callId, edit } = options;
  authorize(actor, "call:manage");
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const stored = await findCall(tx, callId);
    if (stored === undefined) throw notFound(`call ${callId}`);
    const next = contentAfterEdit(stored, edit);
    checkCallContent(next, await listCentreRules(tx, callId));
    const changes = callChanges(stored, next);
    if (changes === undefined) return stored;
    const now = clock.now();
    await writeCall(tx, next, now);
    await recordAudit(tx, now, {
      actor,
      action: changes.after.calendar === undefined ? "call.updated" : "call.calendar-updated",
      entityType: "call",
      entityId: callId,
      callId,
      ...changes,
    });
    return (await findCall(tx, callId))!;
  });
}
